"""The staff pages: who sees what (a unit its own, the office everything, anyone else a 404), a fixed number of
queries however much there is, the office's update classes with their history, a run asked for, and the PDF report."""

from datetime import date

import pytest

from disclosure.models import Column
from inspection import services
from inspection.models import ColumnRule, ColumnRuleHistory, InspectionRun, UpdateClass
from portal.models import Role
from portal.pdf import pdf_text
from tests.conftest import make_user
from tests.disclosure.conftest import passed, submitted
from tests.inspection.conftest import at, news_column, publish

pytestmark = pytest.mark.django_db


def test_the_office_sees_the_whole_site(client, office_staff):
    client.force_login(office_staff)
    html = client.get("/staff/inspection/").content.decode()
    assert "单项否决指标" in html and 'data-mark="home"' in html and "栏目更新情况" in html
    assert 'data-score="search"' in html and "每晚自查时检查" in html


def test_a_unit_sees_its_own_columns_and_items(client, officer):
    client.force_login(officer)
    html = client.get("/staff/inspection/").content.decode()
    assert "网站自查（城关镇人民政府）" in html and "本单位目录更新情况" in html
    assert 'data-mark="home"' not in html and "栏目更新情况</h2>" not in html


def test_the_dashboard_is_for_staff_only(client, db):
    assert client.get("/staff/inspection/").status_code == 302  # to the login
    client.force_login(make_user("nobody", None))
    assert client.get("/staff/inspection/").status_code == 404


def test_the_staff_nav_links_the_dashboard(client, officer):
    client.force_login(officer)
    assert 'href="/staff/inspection/">网站自查</a>' in client.get("/staff/").content.decode()


def test_the_dashboard_makes_the_same_queries_however_much_there_is(client, office_staff, township,
                                                                     django_assert_max_num_queries):  # fmt: skip
    notices = Column.objects.get(slug="tzgg")
    client.force_login(office_staff)
    client.get("/staff/inspection/")
    with django_assert_max_num_queries(25) as few:
        client.get("/staff/inspection/")
    ceiling = len(few.captured_queries)  # now: the connection's query log is a ring that the publishing below turns
    for i in range(10):
        column = news_column(f"many-{i}")
        publish(office_staff, column, f"动态{i}", organization=township)
        publish(office_staff, notices, f"通知{i}")
    ColumnRule.objects.filter(column__slug="xzdt").update(per_unit=True)
    client.get("/staff/inspection/")  # the column tree and site profile are read again once after content changes
    with django_assert_max_num_queries(ceiling):
        assert client.get("/staff/inspection/").status_code == 200


def test_a_column_page_shows_its_freshness_and_the_items_waiting_in_review(client, officer, reviewer, leader,
                                                                           office_staff):  # fmt: skip
    notices = Column.objects.get(slug="tzgg")
    publish(office_staff, notices, "已发布通知", on=date(2026, 1, 5))
    waiting = passed(submitted(officer, notices, title="待终审通知"), reviewer, leader)
    client.force_login(office_staff)
    with at(date(2026, 8, 1)):
        html = client.get(f"/staff/inspection/columns/{notices.pk}/").content.decode()
    assert "超期未更新" in html and "已于2026-07-05超期" in html
    assert "待终审通知" in html and f'href="/staff/disclosure/{waiting.pk}/review/"' in html
    assert "已发布通知" in html


def test_a_unit_cannot_open_a_column_it_does_not_publish_in(client, officer):
    client.force_login(officer)
    assert client.get(f"/staff/inspection/columns/{Column.objects.get(slug='zwyw').pk}/").status_code == 404
    assert client.get(f"/staff/inspection/columns/{Column.objects.get(slug='xzdt').pk}/").status_code == 200
    assert client.get(f"/staff/inspection/columns/{Column.objects.get(slug='xxgk').pk}/").status_code == 404


def test_the_office_sets_a_columns_update_class_with_a_history_row(client, office_staff):
    column = Column.objects.get(slug="gkzd")
    client.force_login(office_staff)
    assert 'id="column-' in client.get("/staff/inspection/columns/").content.decode()
    response = client.post(
        f"/staff/inspection/columns/{column.pk}/rule/", {"update_class": "planning", "per_unit": "on"}
    )
    assert response.status_code == 302 and response["Location"].endswith(f"#column-{column.pk}")
    rule = ColumnRule.objects.get(column=column)
    assert (rule.update_class, rule.per_unit) == (UpdateClass.PLANNING, True)
    row = ColumnRuleHistory.objects.get(rule=rule)
    assert (row.actor, row.action, row.from_state, row.to_state) == (office_staff, "set", "none", "planning")
    assert (row.action_label, row.from_label, row.to_label) == ("调整更新类别", "不检查", "规划计划类（1年）")


def test_a_bad_update_class_is_refused_with_a_message(client, office_staff):
    column = Column.objects.get(slug="gkzd")
    client.force_login(office_staff)
    response = client.post(f"/staff/inspection/columns/{column.pk}/rule/", {"update_class": "weekly"}, follow=True)
    assert "请选择更新类别" in response.content.decode()
    assert ColumnRule.objects.get(column=column).update_class == UpdateClass.NONE
    assert not ColumnRuleHistory.objects.exists()


def test_update_classes_are_the_offices(client, officer):
    column = Column.objects.get(slug="xzdt")
    client.force_login(officer)
    assert client.get("/staff/inspection/columns/").status_code == 404
    assert client.post(f"/staff/inspection/columns/{column.pk}/rule/", {"update_class": "none"}).status_code == 404
    with pytest.raises(services.NotAllowed):
        services.set_update_class(column, actor=officer, update_class="none", per_unit=False)


def test_the_office_asks_for_a_run_and_gets_its_report(client, office_staff, checker, monkeypatch,
                                                       django_capture_on_commit_callbacks):  # fmt: skip
    from inspection import links

    monkeypatch.setattr(links, "LinkChecker", lambda manners: checker)
    publish(office_staff, Column.objects.get(slug="tzgg"), "关于做好冬季供暖工作的通知", body="<p>请及时按装。</p>")
    client.force_login(office_staff)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/staff/inspection/runs/new/", follow=True)
    assert "已发起自查" in response.content.decode()
    run = InspectionRun.objects.get()
    assert run.status == InspectionRun.Status.DONE and run.requested_by == office_staff
    assert (
        f'href="/staff/inspection/runs/{run.pk}/report.pdf"' in client.get("/staff/inspection/runs/").content.decode()
    )

    pdf = client.get(f"/staff/inspection/runs/{run.pk}/report.pdf")
    assert pdf["Content-Type"] == "application/pdf"
    text = pdf_text(pdf.content)
    for words in ("网站自查报告", "单项否决指标", "首页不更新", "错敏提示", "按装", "栏目更新情况", "通知公告"):
        assert words in text


def test_runs_and_reports_are_the_offices(client, officer):
    run = InspectionRun.objects.create(on=date(2026, 11, 2), status=InspectionRun.Status.DONE)
    client.force_login(officer)
    assert client.get("/staff/inspection/runs/").status_code == 404
    assert client.get(f"/staff/inspection/runs/{run.pk}/report.pdf").status_code == 404
    assert client.post("/staff/inspection/runs/new/").status_code == 404


def test_a_second_request_while_running_is_refused(client, office_staff):
    InspectionRun.objects.create(on=date(2026, 11, 2))
    client.force_login(office_staff)
    assert "已有一次自查正在进行" in client.post("/staff/inspection/runs/new/", follow=True).content.decode()


def test_a_leader_of_another_unit_role_sees_only_their_unit(client, other_township, office_staff, township):
    notices = Column.objects.get(slug="xzdt")
    ColumnRule.objects.filter(column=notices).update(update_class="news", per_unit=True)
    leader = make_user("hx_leader", other_township, Role.LEADER)
    client.force_login(leader)
    html = client.get("/staff/inspection/").content.decode()
    assert "河西乡" in html and "城关镇人民政府" not in html


def test_a_marks_page_lists_all_its_items_the_dashboard_the_first_twenty(client, office_staff):
    ColumnRule.objects.update(update_class=UpdateClass.NONE)
    for i in range(25):
        news_column(f"empty-{i}", f"空白栏目{i:02d}")
    client.force_login(office_staff)
    html = client.get("/staff/inspection/").content.decode()
    assert "空白栏目19" in html and "空白栏目24" not in html
    assert 'href="/staff/inspection/marks/columns_empty/">查看全部' in html
    page = client.get("/staff/inspection/marks/columns_empty/").content.decode()
    assert "空白栏目24" in page and "空白栏目00" in page
    assert client.get("/staff/inspection/marks/nothing/").status_code == 404


def test_the_office_sees_each_units_own_catalogue(client, office_staff, officer, township):
    ColumnRule.objects.filter(column__slug="xzdt").update(update_class="news", per_unit=True)
    client.force_login(office_staff)
    html = client.get("/staff/inspection/").content.decode()
    assert f'href="/staff/inspection/units/{township.pk}/">{township.display_name}</a>' in html
    page = client.get(f"/staff/inspection/units/{township.pk}/").content.decode()
    assert "城关镇人民政府：本单位目录更新情况" in page and "空白栏目" in page
    client.force_login(officer)
    assert client.get(f"/staff/inspection/units/{township.pk}/").status_code == 404


def test_the_columns_overview_shows_how_fresh_each_column_is(client, office_staff):
    notices = Column.objects.get(slug="tzgg")
    publish(office_staff, notices, "通知", on=date(2026, 11, 2))
    client.force_login(office_staff)
    with at(date(2026, 11, 20)):
        html = client.get("/staff/inspection/columns/").content.decode()
    row = html[html.index(f'id="column-{notices.pk}"') :].split("</tr>")[0]
    assert 'class="state-ok"' in row and "2026-11-02" in row and "通知公告类（6个月）" in row
