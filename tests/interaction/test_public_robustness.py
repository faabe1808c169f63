"""Odd query strings never make a public page 500, and a public page never shows a phone,
e-mail or ID in full, however the citizen wrote it."""

from datetime import timedelta

import pytest
from django.utils import timezone

from interaction import services
from interaction.models import Consultation, Message
from interaction.privacy import mask_public

from .conftest import at, new_message


@pytest.mark.parametrize(
    "url",
    [
        "/messages/?unit=99999999999999999999",  # overflows the database's integer
        "/messages/?unit=²",  # "²".isdigit() is true, int("²") fails
        "/messages/?month=9999-12",  # the next month is year 10000
        "/messages/?month=²-1",
        "/messages/?month=2025-13",
        "/messages/?page=99999999999999999999",
        "/messages/stats/?year=²",
        "/messages/stats/?year=99999999999999999999",
        "/messages/99999999999999999999/",
        "/consultations/99999999999999999999/",
        "/messages/?q=%00&kind=%00",
    ],
)
def test_odd_query_strings_never_make_a_public_page_fail(client, db, url):
    client.raise_request_exception = False
    assert client.get(url).status_code in (200, 404)


@pytest.mark.parametrize("url", ["/staff/messages/stats/?month=²", "/staff/messages/stats/?month=99999999999999999"])
def test_odd_query_strings_never_make_the_staff_statistics_fail(client, office_staff, url):
    client.raise_request_exception = False
    client.force_login(office_staff)
    assert client.get(url).status_code == 200


def _publish(message, office_staff, township, officer, reply="已答复。"):
    services.dispatch_message(message, actor=office_staff, unit=township, instruction="答复")
    services.reply_message(message, actor=officer, reply=reply)
    return services.publish_message(message, actor=office_staff)


def test_the_month_filter_is_the_month_of_acceptance(client, office_staff, township, officer):
    with at(2025, 1, 31, 22):
        message, _ = new_message(title="一月底收到")
    with at(2025, 2, 3):
        _publish(message, office_staff, township, officer)
    assert message.title in client.get("/messages/?month=2025-02").content.decode()
    assert message.title not in client.get("/messages/?month=2025-01").content.decode()


WRITTEN = (
    "我的电话 0954-2012345，也可以打 (0954)2012345 或 201 2345；手机 139-1234-5678、+86 13912345678；"
    "邮箱 Wang.Wu@Example.com；身份证 640422 19900101 123X，旧证 640422900101123。"
)
LEAKS = ("2012345", "201 2345", "1234-5678", "13912345678", "Wang.Wu@", "19900101", "900101123")


def test_the_writers_numbers_are_masked_in_any_spelling_on_every_public_page(client, office_staff, township, officer):
    message, password = new_message(title="联系我：0954-2012345", content=WRITTEN, phone="0954-2012345",
                                    email="wang.wu@example.com")  # fmt: skip
    _publish(message, office_staff, township, officer, reply="已电话联系 0954-2012345 的留言人。")
    client.post("/messages/track/", {"tracking_number": message.tracking_number, "password": password})
    for url in ("/messages/", f"/messages/{message.pk}/", "/", f"/messages/track/{message.tracking_number}/"):
        page = client.get(url).content.decode()
        assert "*" in page, url
        for leak in LEAKS:
            assert leak not in page, (url, leak)


def test_masking_leaves_ordinary_numbers_alone():
    text = "文号 固政发〔2025〕12号，2025-01-01 起施行，补助 1234567 元。"
    assert mask_public(text) == text
    assert mask_public("电话 138 1234 5678") == "电话 138****5678"
    assert mask_public("座机 0954-2012345") == "座机 0954-*****45"


def test_public_opinions_are_masked_too(client, office_staff, township):
    now = timezone.now()
    consultation = Consultation.objects.create(
        title="征求意见", background="背景", draft_text="草案", starts_at=now - timedelta(days=10),
        ends_at=now - timedelta(days=1), contact_unit=township, contact_details="0954-1234567",
        status=Consultation.Status.PUBLISHED, published_at=now - timedelta(days=10),
    )  # fmt: skip
    opinion = consultation.opinions.create(
        name="赵六", phone="0954-7654321", content="建议修改第三条。我的电话 7654321，手机 139 1234 5678。"
    )
    services.set_opinion_public(opinion, actor=office_staff, public=True)
    page = client.get(f"/consultations/{consultation.pk}/").content.decode()
    assert "建议修改第三条" in page
    assert "7654321" not in page and "1234 5678" not in page


def test_a_phone_in_unusual_digits_is_refused(client, db):
    from interaction.forms import MessageForm

    form = MessageForm(data={"kind": "consult", "title": "t", "content": "c", "name": "n", "phone": "²²²²²²²²"})
    assert not form.is_valid() and "phone" in form.errors
    assert Message.objects.count() == 0


def test_the_public_form_saves_a_message_when_redis_is_down(client, db, monkeypatch):
    """Cache (rate limit) and broker both down: the message is still saved and the receipt shown."""
    from django.core.cache import cache

    def down(*args, **kwargs):
        raise ConnectionError("redis down")

    for name in ("get", "add", "incr", "set", "delete", "get_many"):
        monkeypatch.setattr(cache, name, down)
    data = {
        "kind": "help", "title": "求助", "content": "请帮忙。", "name": "钱七", "phone": "13912345678",
        "captcha_0": "any", "captcha_1": "PASSED",
    }  # fmt: skip
    response = client.post("/messages/new/", data, follow=True)
    message = Message.objects.get()
    assert response.status_code == 200 and message.tracking_number in response.content.decode()


@pytest.mark.parametrize(
    "q", ["13912345678", "139-1234-5678", "1391234", "640422199001011234", "wang.wu@example.com", "0954-2012345"]
)
def test_the_public_search_is_no_oracle_for_personal_data(client, office_staff, township, officer, q):
    message, _ = new_message(title="低保咨询", content="我的电话 13912345678，身份证 640422199001011234，"
                             "邮箱 wang.wu@example.com，座机 0954-2012345，2025-01-01 来电。")  # fmt: skip
    _publish(message, office_staff, township, officer)
    assert "低保咨询" in client.get("/messages/?q=低保").content.decode()
    assert "低保咨询" not in client.get("/messages/", {"q": q}).content.decode()


def test_the_public_search_still_finds_dates_and_document_numbers(client, office_staff, township, officer):
    message, _ = new_message(title="政策咨询", content="固政发〔2025〕12号文件 2025-01-01 起施行吗？")
    _publish(message, office_staff, township, officer)
    for q in ("2025-01-01", "〔2025〕12号"):
        assert "政策咨询" in client.get("/messages/", {"q": q}).content.decode()
