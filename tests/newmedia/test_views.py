import csv
import io
from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine
from PIL import Image

from newmedia import services
from newmedia.models import Account, Filing, WeeklyActivity
from portal import home, workbench
from tests.newmedia.conftest import account_fields, draft_account, file_account, image_bytes, png_upload, upload

SHANGHAI = ZoneInfo("Asia/Shanghai")


def login(client, user):
    client.force_login(user)
    return client


def form_data(**overrides) -> dict:
    data = {k: ("" if v is None else v) for k, v in account_fields(**overrides).items()}
    data["opened_on"] = data["opened_on"].isoformat()
    if not data["is_outsourced"]:
        data.pop("is_outsourced")
    return data


# --- Public directory


def test_the_directory_lists_filed_accounts_grouped_by_platform_with_qr(client, filed, officer):
    draft_account(officer, platform="douyin", name="未备案抖音号")
    response = client.get("/newmedia/")
    body = response.content.decode()
    assert response.status_code == 200
    assert "政务新媒体矩阵" in body and "微信公众号" in body and "城关镇发布" in body
    assert "未备案抖音号" not in body
    assert f'src="/newmedia/{filed.pk}/qr/?v=' in body


def test_the_directory_groups_by_unit(client, filed):
    body = client.get("/newmedia/?by=unit").content.decode()
    assert filed.organization.name in body


def test_the_directory_keeps_to_a_fixed_number_of_queries(
    client, officer, leader, office_staff, django_assert_max_num_queries
):
    for platform in ("wechat", "weibo", "douyin", "toutiao", "kuaishou"):
        file_account(officer, leader, office_staff, platform=platform, name=f"城关{platform}")
    with django_assert_max_num_queries(4):
        client.get("/newmedia/")
    with django_assert_max_num_queries(4):
        client.get("/newmedia/?by=unit")


def test_the_account_page_shows_its_qr_code_and_the_image_is_served(client, filed):
    body = client.get(f"/newmedia/{filed.pk}/").content.decode()
    assert "扫码关注" in body
    qr = client.get(f"/newmedia/{filed.pk}/qr/")
    assert qr.status_code == 200 and qr["Content-Type"] == "image/png"
    assert Image.open(io.BytesIO(b"".join(qr.streaming_content))).format == "PNG"


def test_a_draft_account_has_no_public_page_or_images(client, officer):
    account, _ = draft_account(officer)
    assert client.get(f"/newmedia/{account.pk}/").status_code == 404
    assert client.get(f"/newmedia/{account.pk}/qr/").status_code == 404


def test_a_closed_account_page_names_the_successor(client, filed, officer, leader, office_staff):
    successor = file_account(officer, leader, office_staff, platform="douyin", name="城关镇抖音")
    details = services.ClosureDetails(date(2026, 9, 29), "撤并", "https://mp.weixin.qq.com/s/stop", successor=successor)
    filing = services.start_closure(filed, actor=officer, details=details)
    services.submit_to_leader(filing, actor=officer)
    services.leader_approve(filing, actor=leader)
    services.office_approve(filing, actor=office_staff)
    body = client.get(f"/newmedia/{filed.pk}/").content.decode()
    assert "停止更新" in body and "城关镇抖音" in body
    assert (
        "城关镇发布" not in client.get("/newmedia/").content.decode().split("城关镇抖音")[0].split("政务新媒体矩阵")[-1]
    )


def test_the_home_page_block_lists_main_accounts(rf, filed):
    block = next(b for b in home.blocks_for(rf.get("/")) if b.template == "newmedia/home_strip.html")
    assert block.context["newmedia_accounts"] == [filed]


# --- Staff: opening through the views


def test_officer_files_an_account_through_the_forms(client, officer, leader, office_staff):
    data = form_data()
    data["avatar"] = png_upload("avatar.png")
    data["qr_code"] = png_upload("qr.png")
    response = login(client, officer).post("/staff/newmedia/new/", data)
    filing = Filing.objects.get()
    assert response.status_code == 302 and response["Location"] == f"/staff/newmedia/filings/{filing.pk}/"
    client.post(f"/staff/newmedia/filings/{filing.pk}/submit/")
    login(client, leader).post(f"/staff/newmedia/filings/{filing.pk}/leader-approve/", {"opinion": "同意"})
    login(client, office_staff).post(f"/staff/newmedia/filings/{filing.pk}/approve/")
    filing.refresh_from_db()
    assert filing.status == Filing.Status.APPROVED
    assert Account.objects.listed().count() == 1


def test_a_bad_image_shows_the_error_next_to_the_field_and_saves_nothing(client, officer):
    data = form_data(name="保留的名称")
    data["avatar"] = upload("avatar.jpg", image_bytes("PNG"), "image/jpeg")
    response = login(client, officer).post("/staff/newmedia/new/", data)
    body = response.content.decode()
    assert response.status_code == 200
    assert "扩展名与内容不符" in body
    assert 'value="保留的名称"' in body
    assert not Account.objects.exists()


def test_a_missing_required_field_and_a_future_date_are_reported(client, officer):
    data = form_data(opened_on=date(2099, 1, 1))
    data["editor_name"] = ""
    body = login(client, officer).post("/staff/newmedia/new/", data).content.decode()
    assert "开设日期不能晚于今天" in body and "这个字段是必须的" in body
    assert not Account.objects.exists()


def test_a_second_account_on_the_platform_is_refused_in_the_form(client, officer):
    draft_account(officer)
    body = login(client, officer).post("/staff/newmedia/new/", form_data(name="第二个")).content.decode()
    assert "已有账号" in body
    assert Account.objects.count() == 1


def test_a_wrong_state_action_is_a_message_not_an_error_page(client, officer, office_staff):
    _, filing = draft_account(officer)
    response = login(client, office_staff).post(f"/staff/newmedia/filings/{filing.pk}/approve/", follow=True)
    assert response.status_code == 200
    assert "不能备案通过" in response.content.decode()


def test_returning_without_a_reason_is_refused_with_a_message(client, officer, leader, office_staff):
    _, filing = draft_account(officer)
    services.submit_to_leader(filing, actor=officer)
    services.leader_approve(filing, actor=leader)
    response = login(client, office_staff).post(
        f"/staff/newmedia/filings/{filing.pk}/return/", {"opinion": ""}, follow=True
    )
    assert "请填写退回理由" in response.content.decode()
    filing.refresh_from_db()
    assert filing.status == Filing.Status.SUBMITTED


def test_a_change_through_the_form_records_only_what_differs(client, filed, officer):
    data = form_data(name="魅力城关")
    for key in ("platform", "opened_on"):
        data.pop(key)
    data["change_note"] = "更名"
    response = login(client, officer).post(f"/staff/newmedia/accounts/{filed.pk}/change/", data)
    filing = Filing.objects.get(kind=Filing.Kind.CHANGE)
    assert response.status_code == 302
    assert filing.changes == {"name": "魅力城关"}
    body = client.get(f"/staff/newmedia/filings/{filing.pk}/").content.decode()
    assert "魅力城关" in body and "城关镇发布" in body


def test_a_closure_through_the_form_needs_a_successor_or_a_note(client, filed, officer):
    data = {"closed_on": "2026-09-29", "reason": "撤并", "announcement_url": "https://mp.weixin.qq.com/s/x"}
    body = login(client, officer).post(f"/staff/newmedia/accounts/{filed.pk}/close/", data).content.decode()
    assert "请选择接续账号" in body
    data["successor_note"] = "示范县发布"
    assert client.post(f"/staff/newmedia/accounts/{filed.pk}/close/", data).status_code == 302
    assert Filing.objects.get(kind=Filing.Kind.CLOSURE).due_on == date(2026, 10, 12)


# --- Outsiders


@pytest.mark.parametrize(
    "path",
    [
        "/staff/newmedia/accounts/{account}/",
        "/staff/newmedia/accounts/{account}/avatar/",
        "/staff/newmedia/accounts/{account}/change/",
        "/staff/newmedia/accounts/{account}/close/",
        "/staff/newmedia/filings/{filing}/",
        "/staff/newmedia/filings/{filing}/edit/",
    ],
)
def test_an_outsider_unit_gets_404(client, filed, outsider, path):
    filing = filed.filings.get()
    url = path.format(account=filed.pk, filing=filing.pk)
    assert login(client, outsider).get(url).status_code == 404


@pytest.mark.parametrize("action", ["submit", "leader-approve", "leader-return", "approve", "return", "withdraw"])
def test_an_outsider_cannot_post_transitions(client, officer, outsider, action):
    _, filing = draft_account(officer)
    assert login(client, outsider).post(f"/staff/newmedia/filings/{filing.pk}/{action}/").status_code == 404


def test_the_outsiders_lists_do_not_show_other_units(client, filed, outsider):
    body = login(client, outsider).get("/staff/newmedia/").content.decode()
    assert "城关镇发布" not in body
    assert "城关镇发布" not in client.get("/staff/newmedia/activity/").content.decode()
    assert "城关镇发布" not in client.get("/staff/newmedia/export.csv").getvalue().decode("utf-8-sig")


def test_office_pages_are_404_for_unit_staff(client, officer):
    login(client, officer)
    assert client.get("/staff/newmedia/review/").status_code == 404
    assert client.get("/staff/newmedia/exceptions/").status_code == 404


def test_anonymous_users_are_sent_to_login(client):
    response = client.get("/staff/newmedia/")
    assert response.status_code == 302 and "/staff/login/" in response["Location"]


# --- Staff lists, workbench, activity, export


def test_staff_lists_keep_to_a_fixed_number_of_queries(
    client, officer, leader, office_staff, django_assert_max_num_queries
):
    for platform in ("wechat", "weibo", "douyin"):
        file_account(officer, leader, office_staff, platform=platform, name=f"城关{platform}")
    for platform in ("toutiao", "kuaishou"):
        _, filing = draft_account(officer, platform=platform, name=f"草稿{platform}")
        services.submit_to_leader(filing, actor=officer)
        services.leader_approve(filing, actor=leader)
    login(client, office_staff)
    with django_assert_max_num_queries(12):
        client.get("/staff/newmedia/")
    with django_assert_max_num_queries(12):
        client.get("/staff/newmedia/review/")
    with django_assert_max_num_queries(14):
        client.get("/staff/newmedia/activity/")


def test_the_workbench_shows_open_filings_with_their_clock(officer):
    with time_machine.travel(datetime(2026, 10, 14, 9, tzinfo=SHANGHAI), tick=False):
        draft_account(officer, opened_on=date(2026, 9, 28))
        section = next(s for s in workbench.sections_for(officer) if s.title == "政务新媒体")
    assert section.count == 1
    assert section.tasks[0].clock.code == "due_soon"
    assert section.tasks[0].due_on == date(2026, 10, 16)


def test_the_review_queue_lists_submitted_filings_for_office_staff(client, officer, leader, office_staff):
    _, filing = draft_account(officer)
    services.submit_to_leader(filing, actor=officer)
    services.leader_approve(filing, actor=leader)
    body = login(client, office_staff).get("/staff/newmedia/review/").content.decode()
    assert f"/staff/newmedia/filings/{filing.pk}/" in body


def test_posting_weekly_counts_through_the_form(client, filed, officer):
    with time_machine.travel(datetime(2026, 11, 16, 9, tzinfo=SHANGHAI), tick=False):
        login(client, officer).post(
            "/staff/newmedia/activity/", {"account": filed.pk, "week": "2026-11-11", "posts": "5", "followers": "800"}
        )
    row = WeeklyActivity.objects.get()
    assert (row.week_start, row.posts, row.followers) == (date(2026, 11, 9), 5, 800)


def test_a_bad_weekly_count_shows_the_error_and_saves_nothing(client, filed, officer):
    body = (
        login(client, officer)
        .post("/staff/newmedia/activity/", {"account": filed.pk, "week": "2026-11-11", "posts": "-3"})
        .content.decode()
    )
    assert "确保该值大于或等于0" in body
    assert not WeeklyActivity.objects.exists()


def test_the_csv_import_page_lists_row_errors(client, filed, officer):
    csv = f"账号编号,周起始日期,发布条数\n{filed.pk},2026-11-09,5\n123456,2026-11-09,5\n".encode()
    with time_machine.travel(datetime(2026, 11, 16, 9, tzinfo=SHANGHAI), tick=False):
        body = (
            login(client, officer)
            .post("/staff/newmedia/activity/import/", {"file": upload("posts.csv", csv, "text/csv")})
            .content.decode()
        )
    assert "第3行：账号编号“123456”不存在或不属于本单位。" in body
    assert not WeeklyActivity.objects.exists()


def test_the_annual_export_lists_posts_followers_and_late_filings(client, filed, officer, office_staff):
    with time_machine.travel(datetime(2026, 11, 16, 9, tzinfo=SHANGHAI), tick=False):
        services.record_activity(filed, actor=officer, week=date(2026, 11, 2), posts=5, followers=900)
        services.record_activity(filed, actor=officer, week=date(2026, 11, 9), posts=7, followers=1000)
        response = login(client, office_staff).get("/staff/newmedia/export.csv?year=2026")
    text = response.getvalue().decode("utf-8-sig")
    assert response["Content-Type"].startswith("text/csv")
    header, row = text.splitlines()[:2]
    assert header.startswith("平台,账号名称,开设单位")
    # The fixture's account opened on 28 Sept and was filed with the office later than 16 Oct: a late filing.
    assert row.split(",")[7:10] == ["12", "1000", "是"]


HOSTILE_NAMES = ['=HYPERLINK("http://evil.example/","点击")', "@SUM(1+1)", "+1+1", "-2+3"]


def _csv_rows(response) -> list[list[str]]:
    return list(csv.reader(io.StringIO(response.getvalue().decode("utf-8-sig"))))


@pytest.mark.parametrize("name", HOSTILE_NAMES)
def test_the_annual_export_neutralises_formulas_in_names(client, officer, leader, office_staff, name):
    file_account(officer, leader, office_staff, name=name, platform_account_id="@evil")
    rows = _csv_rows(login(client, office_staff).get("/staff/newmedia/export.csv?year=2026"))
    assert rows[1][1] == "'" + name and rows[1][3] == "'@evil"


@pytest.mark.parametrize("name", HOSTILE_NAMES)
def test_the_activity_template_neutralises_formulas_in_names(client, officer, leader, office_staff, name):
    account = file_account(officer, leader, office_staff, name=name)
    rows = _csv_rows(login(client, officer).get("/staff/newmedia/activity/template.csv"))
    assert rows[1][0] == str(account.pk) and rows[1][4] == "'" + name


def test_account_images_are_private_files_served_only_once_the_account_is_filed(
    client, officer, leader, office_staff, outsider, settings
):
    from pathlib import Path

    account, filing = draft_account(officer)
    for field in (account.avatar, account.qr_code):
        assert (Path(settings.PRIVATE_MEDIA_ROOT) / field.name).is_file()
        assert not (Path(settings.MEDIA_ROOT) / field.name).exists()
    assert client.get(f"/newmedia/{account.pk}/avatar/").status_code == 404
    assert login(client, officer).get(f"/staff/newmedia/accounts/{account.pk}/avatar/").status_code == 200
    assert login(client, outsider).get(f"/staff/newmedia/accounts/{account.pk}/avatar/").status_code == 404
    client.logout()
    services.submit_to_leader(filing, actor=officer)
    services.leader_approve(filing, actor=leader)
    services.office_approve(filing, actor=office_staff)
    response = client.get(f"/newmedia/{account.pk}/avatar/")
    assert response.status_code == 200 and response["Cache-Control"] == "public, max-age=3600"
    assert response["Content-Type"].startswith("image/") and response["X-Content-Type-Options"] == "nosniff"


def test_the_admin_shows_accounts_and_filings_with_private_images(client, filed, admin_user):
    login(client, admin_user)
    assert client.get(f"/admin/newmedia/account/{filed.pk}/change/").status_code == 200
    assert client.get(f"/admin/newmedia/filing/{filed.filings.first().pk}/change/").status_code == 200


# --- The filing page: buttons from the transition table, the timeline in words


def test_the_filing_page_offers_each_person_their_own_buttons(client, officer, leader, office_staff):
    _, filing = draft_account(officer)
    submit, approve = f"/staff/newmedia/filings/{filing.pk}/submit/", f"/staff/newmedia/filings/{filing.pk}/approve/"
    officer_page = login(client, officer).get(f"/staff/newmedia/filings/{filing.pk}/").content.decode()
    assert submit in officer_page and approve not in officer_page
    services.submit_to_leader(filing, actor=officer)
    leader_page = login(client, leader).get(f"/staff/newmedia/filings/{filing.pk}/").content.decode()
    assert f"/staff/newmedia/filings/{filing.pk}/leader-approve/" in leader_page and submit not in leader_page
    services.leader_approve(filing, actor=leader)
    assert approve in login(client, office_staff).get(f"/staff/newmedia/filings/{filing.pk}/").content.decode()


def test_an_opening_without_images_shows_submit_disabled_with_the_reason(client, officer):
    _, filing = services.create_account(actor=officer, fields=account_fields())
    page = login(client, officer).get(f"/staff/newmedia/filings/{filing.pk}/").content.decode()
    assert "disabled" in page and "请先上传账号头像和二维码" in page
    assert f"/staff/newmedia/filings/{filing.pk}/submit/" not in page


def test_the_filing_timeline_shows_the_labels_of_the_codes(client, officer, leader):
    _, filing = draft_account(officer)
    services.submit_to_leader(filing, actor=officer)
    services.leader_return(filing, actor=leader, opinion="请补充运维人员")
    page = login(client, officer).get(f"/staff/newmedia/filings/{filing.pk}/").content.decode()
    assert "创建开设备案" in page and "报送主要领导审批" in page and "主要领导退回" in page
    assert "leader_return" not in page
