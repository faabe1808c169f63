"""The 网站工作年度报表: every figure the site computes equals a count by hand on random data across a year's end,
figures it does not hold are entry fields (never invented), and the report is filed on its clock through a second
office member's review."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from django.urls import reverse

from disclosure.models import Column
from evaluation import services, webreport
from evaluation.figures import Period
from evaluation.models import ColumnClass, DailyVisits, WebReport
from evaluation.webreport import ENTRY, SITE
from portal.errors import DomainError
from portal.pdf import pdf_text
from tests.evaluation.conftest import clock, local, make_world

pytestmark = pytest.mark.django_db
NEWS_KIND = {"xzdt", "bmdt", "tzgg", "zwyw"}


@pytest.fixture
def world(db):
    return make_world(31, local(2024, 11, 20), local(2025, 2, 10))


def _in(when, period) -> bool:
    return when is not None and period.start_at <= when < period.end_at


def by_hand(world, year: int, overview: set[str]) -> dict:
    period = Period.year(year)
    docs = [d for d in world.documents if d["public"] and _in(d["published_at"], period)]
    answered = [m for m in world.messages if _in(m["replied"], period)]
    first, last = date(year, 1, 1), date(year, 12, 31)
    alive = [a for a in world.accounts if a["opened"] <= last and (a["status"] == "active" or
                                                                  (a["status"] == "closed" and a["closed"] >= first))]  # fmt: skip
    platforms = {}
    for a in alive:
        rows = [r for r in world.activity if r["account"] == a["pk"] and first <= r["week"] <= last]
        known = sorted((r for r in rows if r["followers"] is not None), key=lambda r: r["week"])
        p = platforms.setdefault(a["platform"], {"posts": 0, "followers": None, "names": []})
        p["posts"] += sum(r["posts"] for r in rows)
        p["names"].append(a["name"])
        if known:
            p["followers"] = (p["followers"] or 0) + known[-1]["followers"]
    return {
        "pub_total": len(docs),
        "pub_news": sum(d["column"] in NEWS_KIND for d in docs),
        "pub_overview": sum(d["column"] in overview for d in docs),
        "pub_catalogue": sum(d["column"] not in NEWS_KIND and d["column"] not in overview for d in docs),
        "interp_materials": sum(d["column"] == "zcjd" for d in docs),
        "msg_received": sum(_in(m["received"], period) for m in world.messages),
        "msg_answered": len(answered),
        "msg_average_days": round(sum(m["workdays"] for m in answered) / len(answered), 1) if answered else 0,
        "msg_published": sum(_in(m["published"], period) for m in world.messages),
        "survey_periods": sum(c["published"] and _in(c["starts"], period) for c in world.consultations),
        "survey_opinions": sum(_in(t, period) for t in world.opinions),
        "survey_results": sum(_in(c["feedback"], period) for c in world.consultations),
        "platforms": platforms,
    }


def test_every_computed_figure_matches_a_count_by_hand_on_both_sides_of_the_new_year(world):
    ColumnClass.objects.create(column=Column.objects.get(slug="gkzd"), category=ColumnClass.Category.OVERVIEW)
    ColumnClass.objects.create(column=Column.objects.get(slug="ndbg"), category=ColumnClass.Category.TOPIC,
                               opened_on=date(2023, 3, 1), closed_on=date(2024, 12, 31))  # fmt: skip
    ColumnClass.objects.create(column=Column.objects.get(slug="tzgg"), category=ColumnClass.Category.TOPIC,
                               opened_on=date(2025, 1, 1))  # fmt: skip
    DailyVisits.objects.bulk_create([DailyVisits(day=date(2024, 12, 31), views=500, visitors=120),
                                     DailyVisits(day=date(2025, 1, 1), views=300, visitors=90),
                                     DailyVisits(day=date(2025, 6, 1), views=7, visitors=3)])  # fmt: skip
    for year, visits, topics in ((2024, (500, 120), (1, 0)), (2025, (307, 93), (1, 1))):
        figures = webreport.compute(year)
        # A column classed as a topic leaves its 信息发布 line: ndbg is a topic, tzgg a topic (no longer 政务动态).
        want = by_hand(world, year, overview={"gkzd"})
        docs = [d for d in world.documents if d["public"] and _in(d["published_at"], Period.year(year))]
        want["pub_news"] -= sum(d["column"] == "tzgg" for d in docs)
        want["pub_catalogue"] -= sum(d["column"] == "ndbg" for d in docs)
        for key, value in want.items():
            if key != "platforms":
                assert figures[key] == value, (year, key)
        assert (figures["visits_total"], figures["visits_unique"]) == visits
        assert (figures["topics_maintained"], figures["topics_new"]) == topics
        assert [p["platform"] for p in figures["platforms"]] == [p for p in ("wechat", "weibo", "douyin")
                                                                  if p in want["platforms"]]  # fmt: skip
        for platform, p in want["platforms"].items():
            assert figures[f"nm:{platform}:posts"] == p["posts"]
            assert figures[f"nm:{platform}:followers"] == p["followers"]
            assert sorted(figures[f"nm:{platform}:accounts"].split("、")) == sorted(p["names"])
        assert figures["nm_any"] is bool(want["platforms"])


def test_figures_the_site_does_not_hold_are_entry_lines_with_a_note(world):
    figures = webreport.compute(2025)
    figures["nm:wechat:followers"] = None
    figures.setdefault("platforms", []).append({"platform": "wechat", "label": "微信"})
    keys = {line.key for line in webreport.entry_lines(figures)}
    assert {"interp_products", "interp_media", "sec_checks", "svc_users", "inno_other"} <= keys
    assert not {"responses", "interview_periods", "interview_questions", "interview_answers"} & keys
    assert "nm:wechat:followers" in keys  # computed, but no account recorded any followers
    assert "pub_total" not in keys and "msg_received" not in keys
    for line in webreport.entry_lines(figures):
        if line.source == ENTRY:
            assert line.note, line.key
    rows = webreport.rows(figures, {})
    products = next(r for r in rows if r.label == "其中：解读产品数量")
    assert (products.value, products.source, products.note) == ("—", "填报", webreport.NOT_HELD)


def test_the_interpretation_total_is_the_sum_of_its_parts_once_they_are_entered(world):
    figures = webreport.compute(2025)
    total = next(line for line in webreport.all_lines(figures) if line.key == "interp_total")
    assert webreport.value_of(total, figures, {}) is None
    value = webreport.value_of(total, figures, {"interp_products": 3, "interp_media": 2})
    assert value == figures["interp_materials"] + 5


def _filled(report: WebReport) -> dict:
    values = {}
    for line in webreport.entry_lines(report.figures):
        values[line.key] = {"bool": True, "decimal": "1.5", "text": "无"}.get(line.kind, 2)
    return values


def test_the_report_is_filed_on_its_clock_through_a_second_pair_of_eyes(world, office_staff, office_staff2):
    with clock(local(2026, 1, 5, 9)):
        report = services.create_due_web_report()
    assert (report.year, report.due_on, report.status) == (2025, date(2026, 1, 31), WebReport.Status.DRAFT)
    with clock(local(2026, 1, 6, 9)):
        assert services.create_due_web_report().pk == report.pk  # once only
    with clock(local(2026, 2, 6, 9)):
        assert services.create_due_web_report() is None  # only in January
    with pytest.raises(DomainError, match="未填报"):
        services.submit_web_report(report, actor=office_staff)
    services.edit_web_report(report, actor=office_staff, entries=_filled(report))
    with pytest.raises(DomainError):
        services.edit_web_report(report, actor=office_staff, entries={"pub_total": 99999})  # computed: not entered
    services.submit_web_report(report, actor=office_staff)
    with pytest.raises(DomainError, match="其他工作人员审核"):
        services.approve_web_report(report, actor=office_staff)
    with pytest.raises(DomainError, match="审核意见"):
        services.return_web_report(report, actor=office_staff2, opinion=" ")
    with clock(local(2026, 2, 1, 9)):
        services.approve_web_report(report, actor=office_staff2, opinion="同意公开")
    report.refresh_from_db()
    assert (report.status, report.published_late) == (WebReport.Status.PUBLISHED, True)
    assert [h.action for h in report.history.order_by("id")] == ["create", "edit", "submit", "approve"]


def test_published_on_the_last_day_is_on_time(world, office_staff, office_staff2):
    report = services.create_web_report(2025)
    services.edit_web_report(report, actor=office_staff, entries=_filled(report))
    services.submit_web_report(report, actor=office_staff)
    with clock(local(2026, 1, 31, 23, 59)):
        services.approve_web_report(report, actor=office_staff2)
    assert WebReport.objects.get(pk=report.pk).published_late is False


def test_the_published_report_is_public_with_its_pdf_and_export(world, client, office_staff, office_staff2):
    report = services.create_web_report(2025)
    url = reverse("evaluation:web_report", args=[2025])
    assert client.get(url).status_code == 404
    services.edit_web_report(report, actor=office_staff, entries=_filled(report))
    services.submit_web_report(report, actor=office_staff)
    services.approve_web_report(report, actor=office_staff2)
    page = client.get(url).content.decode()
    assert "独立用户访问总量" in page and "解读回应" in page and "安全防护" in page
    assert client.get(reverse("evaluation:public_index")).content.decode().count(report.title) == 1
    text = pdf_text(client.get(reverse("evaluation:web_report_pdf", args=[2025])).content)
    assert "年度政府网站工作年度报表" in text and "信息发布" in text and "填报单位" in text
    client.force_login(office_staff)
    response = client.get(reverse("evaluation:staff_report_export", args=[report.pk, "xlsx"]))
    from io import BytesIO

    from openpyxl import load_workbook

    sheet = load_workbook(BytesIO(response.content)).active
    cells = {row[1].strip(): row[3] for row in sheet.iter_rows(min_row=2, values_only=True)}
    assert cells["总数"] == str(report.figures["pub_total"])
    assert cells["网站总访问量"] == str(report.figures["visits_total"])


def test_a_withdrawn_report_leaves_the_site_until_approved_again(world, client, office_staff, office_staff2):
    report = services.create_web_report(2025)
    services.edit_web_report(report, actor=office_staff, entries=_filled(report))
    services.submit_web_report(report, actor=office_staff)
    services.approve_web_report(report, actor=office_staff2)
    with pytest.raises(DomainError):
        services.withdraw_web_report(report, actor=office_staff, reason="")
    services.withdraw_web_report(report, actor=office_staff, reason="访问量数据有误")
    assert client.get(reverse("evaluation:web_report", args=[2025])).status_code == 404
    assert WebReport.objects.get(pk=report.pk).status == WebReport.Status.RETURNED


def test_entries_are_kept_as_entered_and_shown_in_the_layout(world, office_staff):
    report = services.create_web_report(2025)
    services.edit_web_report(report, actor=office_staff, entries={"svc_users": "1.25", "sec_owner": True,
                                                                  "interp_media": 0})  # fmt: skip
    rows = {r.label: r for r in webreport.rows(report.figures, WebReport.objects.get(pk=report.pk).entries)}
    assert (rows["注册用户数"].value, rows["是否明确网站安全责任人"].value) == ("1.25", "是")
    assert rows["其中：媒体评论文章数量"].value == "0"  # zero is a figure, not a blank
    assert rows["总数"].source == "统计" and rows["注册用户数"].source == "填报"
    assert Decimal(rows["注册用户数"].value) == Decimal("1.25")


def test_only_lines_the_site_computes_are_marked_as_such():
    for section in webreport.SECTIONS:
        for line in section.lines:
            assert line.source in (SITE, ENTRY, webreport.PROFILE, webreport.DERIVED)
