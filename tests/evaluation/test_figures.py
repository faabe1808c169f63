"""Every figure of the 通报 equals a count made by hand from what was written, on random data whose instants fall on
both sides of month and year boundaries (Asia/Shanghai), for four months and two years."""

from __future__ import annotations

from collections import defaultdict

import pytest

from disclosure import services as disclosure_services
from disclosure.models import Column, Document
from evaluation.figures import METRICS, Period, UnitFigures, totals, unit_figures
from tests.evaluation.conftest import clock, local, make_world

pytestmark = pytest.mark.django_db
NEWS = {"xzdt", "bmdt", "tzgg", "zwyw"}
POLICY = {"gz", "gfxwj", "qtwj"}
PERIODS = [Period.month(2024, 11), Period.month(2024, 12), Period.month(2025, 1), Period.month(2025, 2),
           Period.year(2024), Period.year(2025)]  # fmt: skip


def _in(when, period: Period) -> bool:
    return when is not None and period.start_at <= when < period.end_at


def _on(day, period: Period) -> bool:
    return day is not None and period.start <= day < period.end


def expected(world, period: Period) -> dict[int, UnitFigures]:
    """The figures counted by hand from the world's own record."""
    columns = dict(Column.objects.values_list("slug", "id"))
    units = {u.pk: UnitFigures(u.pk, u.name, u.kind, u.short_name) for u in world.units}
    for d in world.documents:
        f = units.get(d["unit"])
        if f is None or not d["public"] or not _in(d["published_at"], period):
            continue
        f.published += 1
        f.late += d["late"]
        f.news += d["column"] in NEWS
        f.catalogue += d["column"] not in NEWS
        key = str(columns[d["column"]])
        f.by_column[key] = f.by_column.get(key, 0) + 1
        if d["column"] in POLICY:
            f.policies += 1
            f.interpreted += any(t < period.end_at for t in d["interp_at"])
    for r in world.reviews:
        if r["unit"] in units and _in(r["at"], period):
            entry = units[r["unit"]].review.setdefault(r["level"], [0, 0.0])
            entry[0] += 1
            entry[1] += r["seconds"]
    for a in world.applications:
        f = units[a["unit"]]
        f.app_received += _on(a["received"], period)
        if _on(a["concluded"], period):
            f.app_answered += 1
            f.app_on_time += a["on_time"]
    for m in world.messages:
        if m["unit"] is None:
            continue
        f = units[m["unit"]]
        f.msg_dispatched += _in(m["dispatched"], period)
        if _in(m["replied"], period):
            f.msg_answered += 1
            f.msg_on_time += m["on_time"] is True
        if _in(m["rated"], period):
            f.msg_rated += 1
            f.msg_satisfied += m["satisfaction"] in ("satisfied", "basic")
    for c in world.corrections:
        if _in(c["replied"], period):
            units[c["unit"]].corr_replied += 1
            units[c["unit"]].corr_on_time += c["on_time"] is True
    for a in world.activity:
        if _on(a["week"], period):
            units[a["unit"]].nm_posts += a["posts"]
    for flag in world.flags:
        if _on(flag["week"], period):
            units[flag["unit"]].nm_flags += 1
    return units


@pytest.fixture
def world(db):
    return make_world(2025, local(2024, 11, 20), local(2025, 2, 10))


def test_every_figure_of_every_unit_matches_a_count_by_hand_across_month_and_year_boundaries(world):
    checked = 0
    for period in PERIODS:
        want = expected(world, period)
        got = {f.unit_id: f for f in unit_figures(period)}
        assert set(want) <= set(got)
        for unit_id, f in want.items():
            g = got[unit_id]
            for name in ("published", "news", "catalogue", "late", "by_column", "policies", "interpreted",
                         "app_received", "app_answered", "app_on_time", "msg_dispatched", "msg_answered",
                         "msg_on_time", "msg_rated", "msg_satisfied", "corr_replied", "corr_on_time", "nm_posts",
                         "nm_flags"):  # fmt: skip
                assert getattr(g, name) == getattr(f, name), (period, g.name, name)
            assert set(g.review) == set(f.review), (period, g.name)
            for level, (count, seconds) in f.review.items():
                assert g.review[level][0] == count
                assert g.review[level][1] == pytest.approx(seconds)
            checked += 1
    assert checked == len(PERIODS) * len(world.units)


def test_the_data_really_straddles_the_boundaries(world):
    """The check above means something only if items sit on both sides of each midnight and in each month."""
    january = Period.month(2025, 1)
    edges = [d for d in world.documents if d["published_at"] and abs((d["published_at"] - january.start_at)
                                                                       .total_seconds()) <= 1]  # fmt: skip
    assert edges, "no document published at the new year's midnight"
    for period in PERIODS[1:4]:
        assert sum(f.published for f in expected(world, period).values()) > 0
        assert sum(f.msg_answered for f in expected(world, period).values()) > 0


def test_a_year_is_the_sum_of_its_months(world):
    months = [unit_figures(Period.month(2025, m)) for m in range(1, 13)]
    year = {f.unit_id: f for f in unit_figures(Period.year(2025))}
    for unit_id, f in year.items():
        summed = totals([row for month in months for row in month if row.unit_id == unit_id])
        assert (summed.published, summed.msg_answered, summed.app_received, summed.nm_posts) == (
            f.published, f.msg_answered, f.app_received, f.nm_posts)  # fmt: skip


def test_rates_are_none_when_nothing_was_due_and_exact_otherwise():
    f = UnitFigures(1, "甲", app_answered=3, app_on_time=2)
    assert METRICS["app_on_time_rate"].value(f) == 66.7
    assert METRICS["app_on_time_rate"].fraction(f) == (2, 3)
    assert METRICS["msg_on_time_rate"].value(f) is None
    assert METRICS["timely_rate"].value(UnitFigures(1, "甲", published=4, late=1)) == 75.0


def test_the_county_office_is_not_ranked(world):
    assert world.office.pk not in {f.unit_id for f in unit_figures(PERIODS[2])}


def test_a_document_published_through_the_real_review_counts_in_its_month(township, officer, reviewer, leader,
                                                                            office_staff):  # fmt: skip
    column = Column.objects.get(slug="xzdt")
    with clock(local(2025, 1, 31, 23, 59)):
        document = disclosure_services.create_document(
            actor=officer, organization=township, column=column, title="城关镇召开春耕生产部署会", body="<p>会议</p>"
        )
        disclosure_services.submit(document, actor=officer)
    checklist = {key: True for key, _ in disclosure_services.CHECKLIST}
    with clock(local(2025, 2, 1, 9)):
        disclosure_services.review(document, actor=reviewer, decision="pass", checklist=checklist)
    with clock(local(2025, 2, 2, 9)):
        disclosure_services.review(document, actor=leader, decision="pass", checklist=checklist)
    with clock(local(2025, 2, 3, 9)):
        disclosure_services.review(document, actor=office_staff, decision="pass", checklist=checklist)
    assert Document.objects.get(pk=document.pk).status == "published"
    january, february = (next(f for f in unit_figures(p) if f.unit_id == township.pk)
                         for p in (Period.month(2025, 1), Period.month(2025, 2)))  # fmt: skip
    assert (january.published, february.published, february.news) == (0, 1, 1)
    assert february.review["first"][0] == 1
    assert february.average_days("first") == pytest.approx(round((9 * 3600 + 60) / 86400, 1))
    assert february.average_days("final") == 1.0
    assert january.review == {}


def test_counts_take_a_few_queries_whatever_the_volume(world, django_assert_max_num_queries):
    with django_assert_max_num_queries(16):
        unit_figures(Period.month(2025, 1))


def test_figures_survive_their_json_snapshot(world):
    rows = unit_figures(Period.month(2025, 1))
    assert [UnitFigures.from_json(f.to_json()) for f in rows] == rows
    by_level = defaultdict(int)
    for f in rows:
        for level, (count, _) in f.review.items():
            by_level[level] += count
    assert totals(rows).review.keys() == by_level.keys()
