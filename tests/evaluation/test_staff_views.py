"""The staff pages: office staff work on everything; a unit's staff read the 通报 sent to them and their own 考核
result; anyone else meets a 404. Bad input is shown next to its field and nothing is saved."""

from __future__ import annotations

import csv
import io
from decimal import Decimal

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from disclosure.models import Column
from evaluation import services
from evaluation.models import Bulletin, ColumnClass, Indicator, ManualScore, Scheme, WebReport
from portal.models import Role
from tests.conftest import make_user
from tests.evaluation.conftest import clock, local

pytestmark = pytest.mark.django_db


@pytest.fixture
def bulletin(township, other_township):
    return services.generate_bulletin(2025, 9)


@pytest.fixture
def sent(bulletin, office_staff, office_staff2):
    services.approve_bulletin(bulletin, actor=office_staff)
    services.send_bulletin(bulletin, actor=office_staff2)
    return Bulletin.objects.get(pk=bulletin.pk)


@pytest.fixture
def scheme(office_staff, township, other_township):
    return services.create_scheme(2025, actor=office_staff)


def test_a_draft_bulletin_is_the_office_s_only(client, bulletin, officer, office_staff):
    url = reverse("evaluation:staff_bulletin", args=[bulletin.pk])
    client.force_login(officer)
    assert client.get(url).status_code == 404
    assert client.get(reverse("evaluation:staff_bulletin_pdf", args=[bulletin.pk])).status_code == 404
    client.force_login(office_staff)
    page = client.get(url).content.decode()
    assert "审核通过" in page and "重新计算" in page and "修改通报意见" in page


def test_a_sent_bulletin_is_read_by_the_units_without_buttons(client, sent, officer, outsider):
    url = reverse("evaluation:staff_bulletin", args=[sent.pk])
    for user in (officer, outsider):
        client.force_login(user)
        page = client.get(url).content.decode()
        assert "各单位得分排名" in page and "action-form" not in page and "处理记录" not in page
        assert client.post(reverse("evaluation:staff_bulletin_act", args=[sent.pk, "publish"])).status_code == 404


def test_someone_without_a_role_meets_a_404_everywhere(client, sent, scheme, township):
    nobody = make_user("nobody", township)
    client.force_login(nobody)
    report = services.create_web_report(2024)
    for url in (reverse("evaluation:staff_index"), reverse("evaluation:staff_bulletin", args=[sent.pk]),
                reverse("evaluation:staff_scheme", args=[scheme.pk]), reverse("evaluation:staff_report", args=[report.pk]),
                reverse("evaluation:staff_visits"), reverse("evaluation:staff_columns")):  # fmt: skip
        assert client.get(url).status_code == 404, url


def test_the_office_s_pages_are_not_the_units(client, scheme, officer):
    report = services.create_web_report(2024)
    client.force_login(officer)
    for url in (reverse("evaluation:staff_report", args=[report.pk]), reverse("evaluation:staff_visits"),
                reverse("evaluation:staff_columns"), reverse("evaluation:staff_scheme_export", args=[scheme.pk, "csv"]),
                reverse("evaluation:staff_scheme", args=[scheme.pk])):  # fmt: skip
        assert client.get(url).status_code == 404, url


def test_a_unit_reads_only_its_own_final_result_item_by_item(client, scheme, office_staff, officer, township,
                                                             other_township):  # fmt: skip
    for indicator in scheme.indicators.filter(rule=Indicator.Rule.MANUAL):
        for unit in (township, other_township):
            services.score_manual(scheme, indicator, unit, actor=office_staff, points=Decimal(3), note="制度基本健全")
    own = reverse("evaluation:staff_scheme_unit", args=[scheme.pk, township.pk])
    other = reverse("evaluation:staff_scheme_unit", args=[scheme.pk, other_township.pk])
    client.force_login(officer)
    assert client.get(own).status_code == 404  # not final yet
    services.finalise_scheme(scheme, actor=office_staff)
    page = client.get(own).content.decode()
    assert "人工评分：制度基本健全" in page and "得分说明" in page
    assert client.get(other).status_code == 404
    assert client.get(reverse("evaluation:staff_scheme", args=[scheme.pk])).url == own


def test_the_indicator_form_says_what_is_wrong_next_to_the_field(client, scheme, office_staff):
    client.force_login(office_staff)
    url = reverse("evaluation:staff_indicator_create", args=[scheme.pk])
    before = scheme.indicators.count()
    data = {"order": 5, "name": "网站建设", "rule": "rate", "metric": "published", "weight": "5", "target": ""}
    page = client.post(url, data).content.decode()
    assert "须选择比率类指标" in page and 'value="网站建设"' in page
    data |= {"rule": "target", "metric": "published", "target": ""}
    assert "目标值" in client.post(url, data).content.decode()
    assert scheme.indicators.count() == before
    data |= {"target": "12"}
    assert client.post(url, data).status_code == 302
    assert scheme.indicators.get(name="网站建设").target == 12


def test_manual_scores_need_a_note_and_stay_within_the_weight(client, scheme, office_staff, township, other_township):
    client.force_login(office_staff)
    indicator = scheme.indicators.filter(rule=Indicator.Rule.MANUAL).first()
    url = reverse("evaluation:staff_manual_scores", args=[scheme.pk, indicator.pk])
    data = {f"points_{township.pk}": "8", f"note_{township.pk}": "", f"points_{other_township.pk}": "11",
            f"note_{other_township.pk}": "超"}  # fmt: skip
    page = client.post(url, data).content.decode()
    assert "请填写评分说明" in page and "10" in page
    assert not ManualScore.objects.exists()
    data |= {f"note_{township.pk}": "健全", f"points_{other_township.pk}": "6"}
    assert client.post(url, data).status_code == 302
    assert dict(ManualScore.objects.values_list("organization_id", "points")) == {township.pk: 8, other_township.pk: 6}
    assert scheme.history.filter(action="score").count() == 2


def test_the_assessment_exports_as_xlsx_and_csv(client, scheme, office_staff, township):
    client.force_login(office_staff)
    response = client.get(reverse("evaluation:staff_scheme_export", args=[scheme.pk, "xlsx"]))
    book = load_workbook(io.BytesIO(response.content))
    assert book.sheetnames == ["考核结果", "得分说明"]
    header = [c.value for c in book["考核结果"][1]]
    assert header[:3] == ["名次", "单位", "组织领导（10分）"] and header[-2] == "等次"
    units = {row[1] for row in book["考核结果"].iter_rows(min_row=2, values_only=True)}
    assert township.name in units
    explanations = list(book["得分说明"].iter_rows(min_row=2, values_only=True))
    assert len(explanations) == len(units) * scheme.indicators.count()
    body = b"".join(client.get(reverse("evaluation:staff_scheme_export", args=[scheme.pk, "csv"])).streaming_content)
    rows = list(csv.reader(io.StringIO(body.decode("utf-8-sig"))))
    assert rows[0][:2] == ["名次", "单位"] and len(rows) == len(units) + 1


def test_the_bulletin_form_keeps_what_was_typed_on_bad_input(client, bulletin, office_staff, township):
    client.force_login(office_staff)
    url = reverse("evaluation:staff_bulletin_edit", args=[bulletin.pk])
    page = client.post(url, {"remarks": "本月情况", f"inspection_{township.pk}": "-1"}).content.decode()
    assert "本月情况" in page and "大于或等于 0" in page.replace("大于或等于0", "大于或等于 0")
    assert Bulletin.objects.get(pk=bulletin.pk).remarks == ""
    assert client.post(url, {"remarks": "本月情况", f"inspection_{township.pk}": "3"}).status_code == 302
    assert Bulletin.objects.get(pk=bulletin.pk).entries == {"inspection": {str(township.pk): 3}}


def test_the_report_form_takes_only_the_lines_the_site_does_not_compute(client, office_staff, office_staff2):
    report = services.create_web_report(2024)
    client.force_login(office_staff)
    url = reverse("evaluation:staff_report", args=[report.pk])
    page = client.get(url).content.decode()
    assert 'name="sec_checks"' in page and 'name="pub_total"' not in page and "本站尚未记录该数据" in page
    page = client.post(url, {"sec_checks": "-2", "svc_users": "abc"}).content.decode()
    assert "sec_checks" in page and WebReport.objects.get(pk=report.pk).entries == {}
    assert client.post(url, {"sec_checks": "4", "sec_owner": "true", "pub_total": "9"}).status_code == 302
    assert WebReport.objects.get(pk=report.pk).entries == {"sec_checks": 4, "sec_owner": True}


def test_an_action_that_is_not_allowed_is_a_message_not_an_error(client, office_staff):
    report = services.create_web_report(2024)
    client.force_login(office_staff)
    response = client.post(reverse("evaluation:staff_report_act", args=[report.pk, "submit"]), follow=True)
    assert "未填报" in response.content.decode()
    assert WebReport.objects.get(pk=report.pk).status == WebReport.Status.DRAFT
    assert client.post(reverse("evaluation:staff_report_act", args=[report.pk, "delete"])).status_code == 404


def test_the_office_classifies_columns_for_the_report(client, office_staff):
    client.force_login(office_staff)
    column = Column.objects.get(slug="tzgg")
    url = reverse("evaluation:staff_columns")
    page = client.post(url, {"column": column.pk, f"c{column.pk}-category": "topic"}).content.decode()
    assert "专栏专题须填写开设日期" in page and not ColumnClass.objects.exists()
    client.post(url, {"column": column.pk, f"c{column.pk}-category": "topic", f"c{column.pk}-opened_on": "2025-05-01"})
    assert ColumnClass.objects.get().category == ColumnClass.Category.TOPIC


def test_the_workbench_shows_the_office_its_work_and_a_unit_its_place(client, sent, office_staff, officer, township):
    services.create_web_report(2024)
    client.force_login(office_staff)
    page = client.get(reverse("portal:workbench")).content.decode()
    assert "通报与年度报表" in page and "2024年度政府网站工作年度报表" in page
    client.force_login(officer)
    page = client.get(reverse("portal:workbench")).content.decode()
    line = next(u for u in sent.figures["units"] if u["figures"]["unit_id"] == township.pk)
    assert "月度通报" in page and f"第{line['rank']}名" in page


def test_generating_a_month_that_has_not_ended_is_refused(client, office_staff):
    client.force_login(office_staff)
    with clock(local(2025, 3, 31, 18)):
        response = client.post(reverse("evaluation:staff_bulletin_generate"), {"year": 2025, "month": 3}, follow=True)
        assert "尚未结束" in response.content.decode() and not Bulletin.objects.exists()
        response = client.post(reverse("evaluation:staff_bulletin_generate"), {"year": 2025, "month": 2})
    assert response.url == reverse("evaluation:staff_bulletin", args=[Bulletin.objects.get().pk])


def test_the_visit_statistics_page_lists_days_and_documents(client, office_staff, django_assert_max_num_queries):
    client.force_login(office_staff)
    with django_assert_max_num_queries(12):
        page = client.get(reverse("evaluation:staff_visits")).content.decode()
    assert "近30日浏览次数" in page and "<svg" in page


def test_a_staff_member_with_two_roles_still_reads_as_a_unit(client, sent, township):
    user = make_user("both", township, Role.REVIEWER, Role.LEADER)
    client.force_login(user)
    assert client.get(reverse("evaluation:staff_bulletin", args=[sent.pk])).status_code == 200
    assert Scheme.objects.count() == 0
