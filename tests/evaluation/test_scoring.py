"""Scores item by item: the rules, the ranks, the grades from settings, and the 通报's and the 考核's scores recomputed
by hand (exact fractions, half-up to the cent) from figures counted by hand on random data."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.test import override_settings

from evaluation import conf, ranking, services
from evaluation.figures import Period, UnitFigures
from evaluation.models import Indicator, Scheme
from evaluation.scoring import MONTHLY_RULES, Manual, Rule, ranks, score_item, score_unit
from portal.errors import DomainError
from tests.evaluation.conftest import local, make_world
from tests.evaluation.test_figures import expected

R = Indicator.Rule


def by_hand(rule: Rule, f: UnitFigures, manual: Manual | None = None) -> Decimal:
    """A rule's points from the raw counts, without the app's scoring code."""
    weight = Fraction(str(rule.weight))
    if rule.rule == R.MANUAL:
        exact = Fraction(str(manual.points)) if manual else Fraction(0)
        exact = min(exact, weight)
    elif rule.rule == R.RATE:
        done, due = {
            "timely_rate": (f.published - f.late, f.published),
            "interpretation_rate": (f.interpreted, f.policies),
            "app_on_time_rate": (f.app_on_time, f.app_answered),
            "msg_on_time_rate": (f.msg_on_time, f.msg_answered),
            "msg_satisfaction": (f.msg_satisfied, f.msg_rated),
            "corr_on_time_rate": (f.corr_on_time, f.corr_replied),
        }[rule.metric]
        exact = weight if due == 0 else weight * done / due
    elif rule.rule == R.TARGET:
        exact = weight * min(Fraction(getattr(f, rule.metric)), Fraction(str(rule.target))) / Fraction(str(rule.target))
    else:
        exact = max(weight - Fraction(str(rule.target)) * getattr(f, rule.metric), Fraction(0))
    return (Decimal(exact.numerator) / Decimal(exact.denominator)).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


def test_a_rate_scores_its_share_and_says_how():
    rule = Rule("a", "依申请公开按时答复", R.RATE, Decimal(15), "app_on_time_rate")
    item = score_item(rule, UnitFigures(1, "甲", app_answered=3, app_on_time=2))
    assert (item.points, item.value) == ("10", "66.7%")
    assert item.explanation == "依申请公开按时答复率2/3（66.7%），15分 × 2/3 = 10分。"


def test_a_rate_with_nothing_due_scores_full_marks_and_says_so():
    item = score_item(Rule("a", "纠错", R.RATE, Decimal(5), "corr_on_time_rate"), UnitFigures(1, "甲"))
    assert item.points == "5"
    assert "按满分计" in item.explanation


def test_a_target_scores_in_proportion_up_to_full_marks():
    rule = Rule("p", "信息发布", R.TARGET, Decimal(20), "published", Decimal(6))
    assert score_item(rule, UnitFigures(1, "甲", published=4)).points == "13.33"
    assert score_item(rule, UnitFigures(1, "甲", published=9)).points == "20"


def test_a_penalty_deducts_per_item_and_stops_at_zero():
    rule = Rule("n", "新媒体", R.PENALTY, Decimal(10), "nm_flags", Decimal("2.5"))
    assert score_item(rule, UnitFigures(1, "甲", nm_flags=3)).points == "2.5"
    assert score_item(rule, UnitFigures(1, "甲", nm_flags=5)).points == "0"


def test_a_manual_item_scores_what_the_office_gave_with_its_note_and_never_above_the_weight():
    rule = Rule("m", "制度建设", R.MANUAL, Decimal(10))
    assert not score_item(rule, UnitFigures(1, "甲")).scored
    item = score_item(rule, UnitFigures(1, "甲"), Manual(Decimal("8.5"), "缺少责任追究制度"))
    assert (item.points, item.explanation) == ("8.5", "人工评分：缺少责任追究制度")
    assert score_item(rule, UnitFigures(1, "甲"), Manual(Decimal(12), "超")).points == "10"


def test_a_rule_that_cannot_score_says_why():
    assert "比率类" in Rule("x", "甲", R.RATE, Decimal(5), "published").problem()
    assert "数量类" in Rule("x", "甲", R.TARGET, Decimal(5), "timely_rate", Decimal(3)).problem()
    assert "目标值" in Rule("x", "甲", R.PENALTY, Decimal(5), "late").problem()
    assert "数据指标" in Rule("x", "甲", R.RATE, Decimal(5), "").problem()


def test_equal_totals_share_a_rank_and_the_next_rank_skips():
    assert ranks({1: Decimal(90), 2: Decimal(95), 3: Decimal(90), 4: Decimal(80)}) == {2: 1, 1: 2, 3: 2, 4: 4}


def test_the_monthly_items_add_up_to_100():
    assert sum(rule.weight for rule in MONTHLY_RULES) == 100


def test_grades_come_from_settings_in_either_of_the_county_namings():
    assert [g.name for g in conf.grades()] == ["优秀", "良好", "合格", "不合格"]
    assert conf.grade_for(79.99) == "合格"
    with override_settings(EVALUATION_GRADES=["不合格:0", "基本合格:60", "合格:75", "优秀:90"]):
        assert [g.name for g in conf.grades()] == ["优秀", "合格", "基本合格", "不合格"]
        assert (conf.grade_for(90), conf.grade_for(74), conf.grade_for(59.5)) == ("优秀", "基本合格", "不合格")
    with override_settings(EVALUATION_GRADES=["优秀:90", "合格"]), pytest.raises(ImproperlyConfigured):
        conf.grades()


@pytest.fixture
def world(db):
    return make_world(7, local(2024, 11, 20), local(2025, 2, 10))


@pytest.mark.django_db
def test_the_bulletin_scores_and_ranks_equal_a_computation_by_hand(world):
    for year, month in ((2024, 12), (2025, 1)):
        period = Period.month(year, month)
        want = expected(world, period)
        totals = {unit_id: sum(by_hand(rule, f) for rule in MONTHLY_RULES) for unit_id, f in want.items()}
        snapshot = ranking.snapshot(period)
        got = {u["figures"]["unit_id"]: u for u in snapshot["units"]}
        hand_ranks = {u: 1 + sum(1 for t in totals.values() if t > total) for u, total in totals.items()}
        for unit_id, total in totals.items():
            assert Decimal(got[unit_id]["total"]) == total
            assert got[unit_id]["rank"] == hand_ranks[unit_id]
            assert sum(Decimal(item["points"]) for item in got[unit_id]["items"]) == total
        assert [u["rank"] for u in snapshot["units"]] == sorted(u["rank"] for u in snapshot["units"])


@pytest.mark.django_db
def test_the_month_before_is_compared_as_its_bulletin_told_it(world):
    december = services.generate_bulletin(2024, 12)
    told = {u["figures"]["unit_id"]: (u["total"], u["rank"]) for u in december.figures["units"]}
    january = ranking.snapshot(Period.month(2025, 1))
    for unit in january["units"]:
        assert (unit["previous"]["total"], unit["previous"]["rank"]) == told[unit["figures"]["unit_id"]]


@pytest.mark.django_db
def test_the_yearly_assessment_scores_grades_and_weights_equal_a_computation_by_hand(world, office_staff):
    scheme = services.create_scheme(2025, actor=office_staff)
    manual = [i for i in scheme.indicators.all() if i.rule == R.MANUAL]
    given = {}
    for indicator in manual:
        for unit in world.units:
            points = Decimal(world.rng.randint(0, int(indicator.weight) * 4)) / 4
            services.score_manual(scheme, indicator, unit, actor=office_staff, points=points, note=f"依据{points}")
            given[(indicator.pk, unit.pk)] = Manual(points, f"依据{points}")
    services.finalise_scheme(scheme, actor=office_staff)
    scheme.refresh_from_db()
    assert scheme.status == Scheme.Status.FINAL
    want = expected(world, Period.year(2025))
    rules = [Rule.of(i) for i in scheme.indicators.all()]
    results = {u["unit_id"]: u for u in scheme.results["units"]}
    for unit_id, f in want.items():
        total = sum(by_hand(rule, f, given.get((int(rule.key), unit_id))) for rule in rules)
        line = results[unit_id]
        assert Decimal(line["total"]) == total
        assert line["grade"] == next(name for name, minimum in (("优秀", 90), ("良好", 80), ("合格", 60), ("不合格", 0))
                                     if total >= minimum)  # fmt: skip
        assert Decimal(line["weighted"]) == (total * 4 / 100).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
        assert [item["name"] for item in line["items"]] == [r.name for r in rules]


@pytest.mark.django_db
def test_a_finalised_assessment_keeps_its_results_when_the_data_changes(world, office_staff):
    scheme = services.create_scheme(2025, actor=office_staff)
    for indicator in scheme.indicators.filter(rule=R.MANUAL):
        services.delete_indicator(scheme, indicator, actor=office_staff)
    services.save_indicator(scheme, actor=office_staff, indicator=scheme.indicators.get(name="公开内容·信息发布"),
                            weight=Decimal(35))  # fmt: skip
    services.finalise_scheme(scheme, actor=office_staff)
    kept = Scheme.objects.get(pk=scheme.pk).results
    world.messages.clear()
    from interaction.models import Message

    Message.objects.update(replied_on_time=False)
    assert Scheme.objects.get(pk=scheme.pk).results == kept


@pytest.mark.django_db
def test_a_scheme_is_finalised_only_with_100_points_and_every_manual_item_scored(world, office_staff):
    scheme = services.create_scheme(2025, actor=office_staff)
    with pytest.raises(DomainError) as refused:
        services.finalise_scheme(scheme, actor=office_staff)
    assert "未评分" in str(refused.value)
    indicator = scheme.indicators.filter(rule=R.MANUAL).first()
    services.save_indicator(scheme, actor=office_staff, indicator=indicator, weight=Decimal(15))
    with pytest.raises(DomainError) as refused:
        services.finalise_scheme(scheme, actor=office_staff)
    assert "合计为105分，应为100分" in str(refused.value)


def test_items_and_totals_add_up_for_any_figures():
    f = UnitFigures(1, "甲", published=3, late=1, app_answered=7, app_on_time=5, msg_answered=9, msg_on_time=8,
                    msg_rated=6, msg_satisfied=5, corr_replied=2, corr_on_time=1, nm_flags=1)  # fmt: skip
    items, total = score_unit(MONTHLY_RULES, f)
    assert total == sum(by_hand(rule, f) for rule in MONTHLY_RULES)
    assert total == sum(Decimal(i.points) for i in items)
