"""Staff pages: each unit sees only its own items (another unit's is a 404), office-only pages are 404 to units,
actions go through the services and refusals come back as messages."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from interaction import services
from interaction.models import Message

from .conftest import new_message

S = Message.Status


def _login(client, user):
    client.force_login(user)
    return client


MESSAGE_PAGES = ["/staff/messages/{pk}/", "/staff/messages/{pk}/attachment/"]
MESSAGE_ACTIONS = ["accept", "reject", "dispatch", "return", "extend", "reply", "approve", "send-back", "publish",
                   "close", "unpublish"]  # fmt: skip


@pytest.mark.parametrize("page", MESSAGE_PAGES)
def test_an_outsider_unit_gets_404_for_another_units_message(client, dispatched, outsider, page):
    assert _login(client, outsider).get(page.format(pk=dispatched.pk)).status_code == 404


@pytest.mark.parametrize("action", MESSAGE_ACTIONS)
def test_an_outsider_unit_gets_404_for_every_action_on_another_units_message(client, dispatched, outsider, action):
    response = _login(client, outsider).post(
        f"/staff/messages/{dispatched.pk}/{action}/", {"reply": "x", "reason": "x"}
    )
    assert response.status_code == 404
    dispatched.refresh_from_db()
    assert dispatched.status == S.PROCESSING


def test_a_unit_cannot_see_messages_not_yet_dispatched(client, message, officer):
    assert _login(client, officer).get(f"/staff/messages/{message.pk}/").status_code == 404
    assert message.title not in client.get("/staff/messages/").content.decode()


@pytest.mark.parametrize("url", ["/staff/consultations/", "/staff/consultations/new/", "/staff/consultations/1/"])
def test_consultation_pages_are_404_to_unit_staff(client, officer, url):
    assert _login(client, officer).get(url).status_code == 404


def test_anonymous_visitors_are_sent_to_the_login_page(client, message):
    response = client.get(f"/staff/messages/{message.pk}/")
    assert response.status_code == 302 and "/staff/login/" in response["Location"]


def test_the_unit_sees_its_inbox_with_due_dates(
    client, dispatched, officer, office_staff, django_assert_max_num_queries
):
    for _ in range(10):
        m, _ = new_message()
        services.dispatch_message(m, actor=office_staff, unit=dispatched.unit, instruction="答复")
    _login(client, officer).get("/staff/messages/")
    with django_assert_max_num_queries(12):
        page = client.get("/staff/messages/?status=processing").content.decode()
    assert dispatched.title in page and "答复期限" in page


def test_office_screens_and_dispatches_through_the_pages(client, message, office_staff, township):
    _login(client, office_staff)
    page = client.get(f"/staff/messages/{message.pk}/").content.decode()
    assert message.phone in page  # staff see the contact details
    response = client.post(
        f"/staff/messages/{message.pk}/dispatch/", {"unit": township.pk, "instruction": "请3日内答复"}, follow=True
    )
    assert "已分办" in response.content.decode()
    message.refresh_from_db()
    assert message.status == S.PROCESSING and message.unit == township


def test_a_dispatch_without_instruction_shows_the_error_next_to_the_field(client, message, office_staff, township):
    response = _login(client, office_staff).post(f"/staff/messages/{message.pk}/dispatch/", {"unit": township.pk})
    assert response.status_code == 200
    assert "请填写领导批示。" in response.content.decode()
    message.refresh_from_db()
    assert message.status == S.SUBMITTED


def test_the_unit_replies_and_returns_through_the_pages(client, dispatched, officer):
    _login(client, officer)
    response = client.post(f"/staff/messages/{dispatched.pk}/reply/", {"reply": "已处理完毕。"}, follow=True)
    assert "答复已提交" in response.content.decode()
    dispatched.refresh_from_db()
    assert dispatched.status == S.REPLIED


def test_a_wrong_state_action_is_a_message_not_an_error_page(client, replied, officer):
    response = _login(client, officer).post(f"/staff/messages/{replied.pk}/return/", {"reason": "错派"}, follow=True)
    assert response.status_code == 200 and "不能退回" in response.content.decode()


def test_a_unit_cannot_take_office_actions(client, dispatched, officer):
    response = _login(client, officer).post(
        f"/staff/messages/{dispatched.pk}/extend/", {"reason": "想延期"}, follow=True
    )
    assert "只有政务公开办" in response.content.decode()
    dispatched.refresh_from_db()
    assert dispatched.extension_workdays == 0


def test_staff_download_the_attachment_through_a_scoped_view(client, db, office_staff, outsider):
    message, _ = new_message(attachment=SimpleUploadedFile("x.pdf", b"%PDF-1.4 test", "application/pdf"))
    response = _login(client, office_staff).get(f"/staff/messages/{message.pk}/attachment/")
    assert response.status_code == 200 and b"".join(response.streaming_content).startswith(b"%PDF")
    assert _login(client, outsider).get(f"/staff/messages/{message.pk}/attachment/").status_code == 404


@pytest.mark.urls("tests.portal.urls_with_media")
def test_a_message_attachment_is_private_and_the_handling_unit_downloads_it(
    client, db, office_staff, township, officer, outsider, settings
):
    from pathlib import Path

    from interaction import services

    message, _ = new_message(attachment=SimpleUploadedFile("现场.pdf", b"%PDF-1.4 test", "application/pdf"))
    name = message.attachment.name
    assert (Path(settings.PRIVATE_MEDIA_ROOT) / name).is_file() and not (Path(settings.MEDIA_ROOT) / name).exists()
    assert client.get(f"/media/{name}").status_code == 404
    url = f"/staff/messages/{message.pk}/attachment/"
    assert _login(client, officer).get(url).status_code == 404  # not dispatched to the township yet
    services.dispatch_message(message, actor=office_staff, unit=township, instruction="请核实。")
    response = _login(client, officer).get(url)
    assert response.status_code == 200 and response["X-Content-Type-Options"] == "nosniff"
    assert _login(client, outsider).get(url).status_code == 404


def test_the_admin_shows_a_message_with_a_private_attachment(client, db, admin_user):
    message, _ = new_message(attachment=SimpleUploadedFile("现场.pdf", b"%PDF-1.4 test", "application/pdf"))
    response = _login(client, admin_user).get(f"/admin/interaction/message/{message.pk}/change/")
    assert response.status_code == 200


def test_the_red_flag_filter_lists_messages_unanswered_for_three_months(client, db, office_staff):
    from .conftest import at

    with at(2025, 1, 2):
        old, _ = new_message(title="三个月前的留言")
    with at(2025, 5, 1):
        page = _login(client, office_staff).get("/staff/messages/?flag=red").content.decode()
    assert old.title in page and "超3个月未答复" in page


def test_staff_pages_render_user_html_as_text(client, db, office_staff):
    message, _ = new_message(title="<b>粗体</b>", content="<script>alert(1)</script>")
    page = _login(client, office_staff).get(f"/staff/messages/{message.pk}/").content.decode()
    assert "<script>alert(1)</script>" not in page and "&lt;script&gt;" in page
