"""Public pages: the message form (captcha, rate limit, bad input), the published list and page (masking, XSS
inert), tracking with code + password (throttled), and the rating (once, only by the writer)."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image

from interaction import services
from interaction.models import Message
from tests.images import png_declaring

from .conftest import new_message

URL_NEW = "/messages/new/"
XSS = '<script>alert("x")</script><img src=x onerror=alert(1)>'


def _form(**overrides) -> dict:
    return {
        "kind": "consult",
        "title": "关于农村低保申请条件的咨询",
        "content": "请问农村低保需要准备哪些材料？我的身份证号是 640422199001011234，电话 13912345678。",
        "name": "李四",
        "phone": "13912345678",
        "email": "lisi@example.com",
        "agrees_to_publish": "on",
        "captcha_0": "any",
        "captcha_1": "PASSED",
    } | overrides


def _png() -> bytes:
    buf = io.BytesIO()
    Image.new("RGB", (4, 4), "white").save(buf, "PNG")
    return buf.getvalue()


def _published(office_staff, township, officer, **fields) -> Message:
    reply = fields.pop("reply", "已答复，联系人电话 13700001111。")
    message, _ = new_message(**fields)
    services.dispatch_message(message, actor=office_staff, unit=township, instruction="答复")
    services.reply_message(message, actor=officer, reply=reply)
    return services.publish_message(message, actor=office_staff)


# --- the form


def test_a_citizen_submits_a_message_and_sees_the_number_and_password_once(client, db):
    response = client.post(URL_NEW, _form(), follow=True)
    message = Message.objects.get()
    assert message.tracking_number in response.content.decode()
    assert "查询密码只显示这一次" in response.content.decode()
    again = client.get(reverse("interaction:message_done"))
    assert again.status_code == 302  # the password is not shown twice


def test_bad_input_shows_chinese_errors_next_to_the_fields_and_keeps_the_input(client, db):
    response = client.post(URL_NEW, _form(title="", phone="12345", email="不是邮箱", content="好" * 2001))
    page = response.content.decode()
    assert response.status_code == 200
    assert '<ul class="errorlist" id="id_title_error"><li>请填写标题。</li></ul>' in page
    assert "请输入11位手机号码" in page
    assert "留言内容不能超过2000字（当前2001字）" in page
    assert "请输入有效的电子邮箱地址" in page
    assert 'value="不是邮箱"' in page and "好" * 2001 in page  # the typed values come back
    assert Message.objects.count() == 0


def test_a_wrong_captcha_saves_nothing(client, db):
    response = client.post(URL_NEW, _form(captcha_1="WRONG"))
    assert "验证码" in response.content.decode() and Message.objects.count() == 0


def test_an_attachment_that_is_not_an_image_or_pdf_is_refused(client, db):
    fake = SimpleUploadedFile("photo.jpg", b"MZ\x90\x00 not an image", content_type="image/jpeg")
    response = client.post(URL_NEW, _form(attachment=fake))
    assert "不是允许的类型" in response.content.decode() and Message.objects.count() == 0


def test_an_oversized_attachment_is_refused_with_the_limit_stated(client, db, settings):
    settings.MESSAGE_ATTACHMENT_MAX_BYTES = 50
    response = client.post(URL_NEW, _form(attachment=SimpleUploadedFile("a.png", _png(), "image/png")))
    assert "超过上限" in response.content.decode() and Message.objects.count() == 0


@pytest.mark.parametrize(
    ("data", "said"),
    [(png_declaring(10_000, 5_000), "尺寸过大，超过 4000 万像素"), (b"\x89PNG\r\n\x1a\n" + b"\0" * 40, "已损坏")],
)
def test_an_image_too_large_in_pixels_or_broken_is_refused_next_to_the_field(client, db, settings, data, said):
    settings.IMAGE_MAX_PIXELS = 40_000_000
    response = client.post(URL_NEW, _form(attachment=SimpleUploadedFile("photo.png", data, "image/png")))
    page = response.content.decode()
    assert response.status_code == 200 and said in page
    assert "关于农村低保申请条件的咨询" in page  # what was typed is kept
    assert Message.objects.count() == 0


def test_a_png_attachment_is_kept_under_a_uuid_name(client, db):
    client.post(URL_NEW, _form(attachment=SimpleUploadedFile("现场照片.png", _png(), "image/png")))
    message = Message.objects.get()
    assert message.attachment_name == "现场照片.png" and "现场照片" not in message.attachment.name


def test_the_form_is_rate_limited_per_address(client, db, settings):
    settings.PUBLIC_FORM_RATE_LIMIT = 2
    for _ in range(2):
        client.post(URL_NEW, _form())
    response = client.post(URL_NEW, _form())
    assert response.status_code == 429 and "提交过于频繁" in response.content.decode()
    assert Message.objects.count() == 2


# --- published list and page


def test_the_public_list_shows_question_reply_unit_and_dates_and_masks_personal_data(
    client, office_staff, township, officer
):
    message = _published(office_staff, township, officer, content="我的身份证 640422199001011234，电话 13912345678")
    page = client.get("/messages/").content.decode()
    assert message.title in page and township.name in page
    assert "受理日期" in page and "答复日期" in page
    assert "640422199001011234" not in page and "13912345678" not in page and "13700001111" not in page
    detail = client.get(f"/messages/{message.pk}/").content.decode()
    assert "640422********1234" in detail and "139****5678" in detail
    assert "13812345678" not in detail and "zhangsan@example.com" not in detail
    assert "张*" in detail


def test_unpublished_messages_are_not_public(client, replied):
    assert client.get(f"/messages/{replied.pk}/").status_code == 404
    assert replied.title not in client.get("/messages/").content.decode()


def test_html_in_a_message_is_shown_as_text(client, office_staff, township, officer):
    message = _published(office_staff, township, officer, title=XSS, content=XSS)
    for url in ("/messages/", f"/messages/{message.pk}/", "/"):
        page = client.get(url).content.decode()
        assert "<script>alert" not in page and "<img src=x" not in page
    assert "&lt;script&gt;" in client.get(f"/messages/{message.pk}/").content.decode()


QUESTION = '第一段：南街什么时候通水？\n\n第二段：<script>alert(1)</script> 写的是 a<b 和 "引号"。'
REPLY = "预计本月底完工。\n供水公司说 '压力 < 0.2MPa' 时会停水 & 提前通知。"


def _assert_paragraphs(page: str) -> None:
    """The question and reply as real paragraphs, their text escaped exactly once: never literal tags, entity codes
    or a live script."""
    assert "<p>第一段：南街什么时候通水？</p>" in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt; 写的是 a&lt;b 和 &quot;引号&quot;。</p>" in page
    assert "<p>预计本月底完工。<br>供水公司说 &#x27;压力 &lt; 0.2MPa&#x27; 时会停水 &amp; 提前通知。</p>" in page
    assert "&lt;p&gt;" not in page and "&amp;lt;" not in page and "&amp;#x27;" not in page
    assert "<script>alert(1)" not in page


def test_the_question_and_reply_are_paragraphs_of_escaped_text(client, office_staff, township, officer):
    message = _published(office_staff, township, officer, content=QUESTION, reply=REPLY)
    _assert_paragraphs(client.get(f"/messages/{message.pk}/").content.decode())


def test_the_tracking_page_shows_the_question_and_reply_as_paragraphs(client, office_staff, township, officer):
    message, password = new_message(content=QUESTION)
    services.dispatch_message(message, actor=office_staff, unit=township, instruction="答复")
    services.reply_message(message, actor=officer, reply=REPLY)
    _assert_paragraphs(_track(client, message.tracking_number, password).content.decode())


def test_the_list_filters_by_keyword_type_unit_and_month(client, office_staff, township, other_township, officer):
    water = _published(office_staff, township, officer, title="自来水停水", kind="complain")
    road = _published(office_staff, township, officer, title="道路维修", kind="suggest", content="南街路面破损")
    assert road.title not in client.get("/messages/?q=自来水").content.decode()
    assert water.title not in client.get("/messages/?kind=suggest").content.decode()
    assert water.title in client.get(f"/messages/?unit={township.pk}").content.decode()
    assert water.title not in client.get(f"/messages/?unit={other_township.pk}").content.decode()
    month = water.received_at.strftime("%Y-%m")
    assert water.title in client.get(f"/messages/?month={month}").content.decode()
    assert water.title not in client.get("/messages/?month=2001-01").content.decode()
    assert client.get("/messages/?month=garbage&unit=x&page=999").status_code == 200


def test_the_public_list_keeps_to_a_query_ceiling(
    client, office_staff, township, officer, django_assert_max_num_queries
):
    for i in range(25):
        _published(office_staff, township, officer, title=f"留言{i}")
    client.get("/messages/")  # warm the site-profile cache
    with django_assert_max_num_queries(5):
        response = client.get("/messages/")
    assert response.status_code == 200


# --- tracking and rating


def _track(client, number: str, password: str):
    return client.post("/messages/track/", {"tracking_number": number, "password": password}, follow=True)


def test_the_writer_tracks_with_number_and_password_and_sees_the_reply(client, office_staff, township, officer):
    message, password = new_message()
    services.reject_message(message, actor=office_staff, reason=Message.RejectReason.OUT_OF_SCOPE)
    page = _track(client, message.tracking_number.lower(), password).content.decode()
    assert "不予受理" in page and "不属于本网站受理范围" in page
    assert "138****5678" in page and "13812345678" not in page


def test_a_wrong_password_says_so_without_telling_which_part_was_wrong(client, message):
    response = _track(client, message.tracking_number, "wrong-password")
    assert "查询编号或密码不正确" in response.content.decode()
    assert client.get(f"/messages/track/{message.tracking_number}/").status_code == 302


def test_tracking_guesses_are_throttled(client, message, settings):
    settings.TRACKING_GUESS_LIMIT = 3
    for _ in range(3):
        _track(client, message.tracking_number, "nope")
    response = client.post("/messages/track/", {"tracking_number": message.tracking_number, "password": "nope"})
    assert response.status_code == 429 and "查询失败次数过多" in response.content.decode()


def test_the_writer_rates_the_reply_once(client, db, office_staff, township, officer):
    message, password = new_message()
    services.dispatch_message(message, actor=office_staff, unit=township, instruction="答复")
    services.reply_message(message, actor=officer, reply="已处理")
    _track(client, message.tracking_number, password)
    rate_url = f"/messages/track/{message.tracking_number}/rate/"
    page = client.post(rate_url, {"satisfaction": "satisfied", "comment": "很及时"}, follow=True).content.decode()
    assert "感谢您的评价" in page
    page = client.post(rate_url, {"satisfaction": "unsatisfied"}, follow=True).content.decode()
    assert "只能评价一次" in page
    message.refresh_from_db()
    assert message.satisfaction == "satisfied" and message.rating_comment == "很及时"


def test_nobody_but_the_writer_can_rate(client, replied):
    response = client.post(f"/messages/track/{replied.tracking_number}/rate/", {"satisfaction": "unsatisfied"})
    assert response.status_code == 302
    replied.refresh_from_db()
    assert replied.rated_at is None


@pytest.mark.parametrize("url", ["/messages/", "/messages/new/", "/messages/track/", "/messages/stats/",
                                 "/corrections/new/?url=http://x/", "/consultations/"])  # fmt: skip
def test_public_pages_answer_with_no_data(client, db, url):
    assert client.get(url).status_code == 200


def test_the_home_block_lists_the_latest_published_replies(client, office_staff, township, officer):
    message = _published(office_staff, township, officer, title="首页可见的留言")
    from interaction.blocks import home_block

    block = home_block(None)
    assert block.template == "interaction/home_block.html"
    assert [m.pk for m in block.context["latest_messages"]] == [message.pk]


def test_direction_overrides_and_control_characters_never_reach_the_message(client, db):
    client.post(
        URL_NEW,
        _form(name="\u202e四李", title="关于\u2066低保\u2069的咨询\x07", content="第一段，“引号”。\r\n第二段\u200f"),
    )
    message = Message.objects.get()
    assert (message.name, message.title) == ("四李", "关于低保的咨询")
    assert message.content == "第一段，“引号”。\r\n第二段"
