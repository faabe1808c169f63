"""The public pages: the application form (captcha, rate limit, bad input), the once-shown password, tracking."""

from datetime import date

import pytest
from django.core.cache import cache
from django.urls import reverse

from portal.pdf import pdf_text
from portal.tracking import password_matches
from portal.validators import uscc_check_char
from requests_app import services
from requests_app.models import Application, ApplicationFile
from tests.images import png_declaring
from tests.requests_app.conftest import application_data, registered, valid_id

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _clear_rate_limits():
    cache.clear()
    yield
    cache.clear()


def form_post(township, **overrides) -> dict:
    data = application_data(township)
    data["organization"] = township.code
    data["captcha_0"] = "x"
    data["captcha_1"] = "PASSED"
    data.update(overrides)
    return data


def test_citizen_files_online_and_sees_number_and_password_once(client, township):
    response = client.post(reverse("requests_app:new"), form_post(township), follow=True)
    app = Application.objects.get()
    assert app.status == "submitted" and app.channel == "online"
    page = response.content.decode()
    assert app.tracking_number in page
    password = response.context["password"]
    assert password_matches(password, app.password_hash)
    assert app.password_hash != password and password in page
    # Shown once: the confirmation page does not show it again.
    again = client.get(reverse("requests_app:submitted"))
    assert again.status_code == 302


def test_confirmation_page_links_the_printable_receipt_pdf(client, township):
    response = client.post(reverse("requests_app:new"), form_post(township), follow=True)
    app = Application.objects.get()
    receipt = app.letters.get(kind="receipt")
    url = reverse("requests_app:track_letter", args=[app.tracking_number, receipt.pk])
    assert url in response.content.decode()
    pdf = client.get(url)
    assert pdf.status_code == 200 and pdf["Content-Type"] == "application/pdf"
    text = "".join(pdf_text(pdf.getvalue()).split())
    assert app.tracking_number in text and "登记回执" in text
    assert app.id_number not in text and app.masked_id_number in text


def test_bad_input_is_shown_next_to_each_field_and_nothing_is_saved(client, township):
    data = form_post(
        township, id_number="640422198001010010", phone="12345", info_title="", info_description="", captcha_1="WRONG"
    )
    response = client.post(reverse("requests_app:new"), data)
    assert response.status_code == 200
    form = response.context["form"]
    assert "请输入有效的18位居民身份证号码" in form.errors["id_number"][0]
    assert "11位手机号码" in form.errors["phone"][0]
    assert "至少填写" in form.errors["info_description"][0]
    assert "验证码不正确" in form.errors["captcha"][0]
    page = response.content.decode()
    assert "请输入有效的18位居民身份证号码" in page
    assert 'value="示范县城关镇人民路1号"' in page  # what was typed is kept
    assert not Application.objects.exists()
    assert not ApplicationFile.objects.exists()


def test_an_organisation_needs_a_valid_credit_code(client, township):
    body = "91640422MA76543210"[:17]
    good = body + uscc_check_char(body)
    bad = body + ("0" if good[-1] != "0" else "1")
    response = client.post(
        reverse("requests_app:new"),
        form_post(
            township, applicant_type="business", credit_code=bad, legal_representative="王五", contact_person="赵六"
        ),
    )
    assert "统一社会信用代码" in response.context["form"].errors["credit_code"][0]
    response = client.post(
        reverse("requests_app:new"),
        form_post(
            township, applicant_type="business", credit_code=good, legal_representative="王五", contact_person="赵六"
        ),
    )
    assert response.status_code == 302
    assert Application.objects.get().credit_code == good


def test_oversized_description_is_refused_with_the_limit_stated(client, township):
    response = client.post(reverse("requests_app:new"), form_post(township, info_description="字" * 2001))
    assert "2000" in response.context["form"].errors["info_description"][0]
    assert not Application.objects.exists()


def test_a_file_that_is_not_what_it_claims_is_refused(client, township):
    from django.core.files.uploadedfile import SimpleUploadedFile

    fake = SimpleUploadedFile("证明.pdf", b"MZ\x90\x00not a pdf", content_type="application/pdf")
    response = client.post(reverse("requests_app:new"), {**form_post(township), "files": [fake]})
    assert "不是允许的类型" in response.context["form"].errors["files"][0]
    assert not Application.objects.exists()


def test_supporting_pdf_is_saved_with_the_application(client, township):
    from django.core.files.uploadedfile import SimpleUploadedFile

    pdf = SimpleUploadedFile("身份证明.pdf", b"%PDF-1.4\n%test\n", content_type="application/pdf")
    client.post(reverse("requests_app:new"), {**form_post(township), "files": [pdf]})
    item = ApplicationFile.objects.get()
    assert item.name == "身份证明.pdf" and item.kind == "supporting"
    assert "身份证明" not in item.file.name  # stored under a UUID


def test_the_form_is_rate_limited_per_address(client, township, settings):
    settings.PUBLIC_FORM_RATE_LIMIT = 2
    for _ in range(2):
        assert client.post(reverse("requests_app:new"), form_post(township)).status_code == 302
    response = client.post(reverse("requests_app:new"), form_post(township))
    assert response.status_code == 429
    assert "提交过于频繁" in response.content.decode()
    assert Application.objects.count() == 2


def test_form_page_shows_the_guide_and_the_legal_notes(client, township):
    page = client.get(reverse("requests_app:new")).content.decode()
    assert "依申请公开指南" in page and "第三十一条" in page and "验证码" in page


def test_tracking_with_a_wrong_password_gets_one_generic_message(client, office_staff, township):
    app = registered(office_staff, township, date(2024, 11, 4))
    response = client.post(reverse("requests_app:track"), {"tracking_number": app.tracking_number, "password": "nope"})
    assert "查询编号或密码不正确" in response.content.decode()
    response = client.post(reverse("requests_app:track"), {"tracking_number": "YSQ2024000000", "password": "nope"})
    assert "查询编号或密码不正确" in response.content.decode()
    assert client.get(reverse("requests_app:track_detail", args=[app.tracking_number])).status_code == 302


def test_repeated_guessing_is_throttled(client, office_staff, township, settings):
    settings.TRACKING_GUESS_LIMIT = 3
    app = registered(office_staff, township, date(2024, 11, 4))
    for _ in range(3):
        client.post(reverse("requests_app:track"), {"tracking_number": app.tracking_number, "password": "x"})
    response = client.post(reverse("requests_app:track"), {"tracking_number": app.tracking_number, "password": "x"})
    assert response.status_code == 429 and "失败次数过多" in response.content.decode()


def test_tracking_shows_status_timeline_and_masked_identity(client, township):
    filed = services.submit_online(application_data(township))
    app = filed.application
    response = client.post(
        reverse("requests_app:track"), {"tracking_number": app.tracking_number.lower(), "password": filed.password}
    )
    assert response.status_code == 302
    page = client.get(response.url).content.decode()
    assert "待确认接收" in page and "网上提交申请" in page
    assert app.id_number not in page
    assert "640422********" in page
    assert "13800138000" not in page


def test_applicant_withdraws_and_it_is_counted_as_other(client, office_staff, township):
    filed = services.submit_online(application_data(township))
    services.confirm_receipt(filed.application, actor=office_staff)
    client.post(
        reverse("requests_app:track"),
        {"tracking_number": filed.application.tracking_number, "password": filed.password},
    )
    client.post(
        reverse("requests_app:track_withdraw", args=[filed.application.tracking_number]), {"reason": "已从其他渠道获取"}
    )
    app = Application.objects.get()
    assert app.status == "withdrawn" and app.result == "other_3" and app.concluded_on is not None


def test_withdrawal_without_a_reason_is_refused_next_to_the_field(client, township):
    filed = services.submit_online(application_data(township))
    client.post(
        reverse("requests_app:track"),
        {"tracking_number": filed.application.tracking_number, "password": filed.password},
    )
    response = client.post(
        reverse("requests_app:track_withdraw", args=[filed.application.tracking_number]), {"reason": ""}
    )
    assert response.status_code == 400 and "请填写撤回理由" in response.content.decode()
    assert Application.objects.get().status == "submitted"


def test_applicant_submits_the_correction_online_and_the_clock_restarts(client, office_staff, officer, township):
    from tests.requests_app.conftest import at

    with at(date(2024, 11, 4)):
        filed = services.submit_online(application_data(township))
        services.confirm_receipt(filed.application, actor=office_staff)
        services.assign(filed.application, actor=office_staff, unit=township)
    with at(date(2024, 11, 5)):
        services.request_correction(filed.application, actor=officer, items="请写明村组", deadline=date(2024, 11, 20))
    with at(date(2024, 11, 8)):
        client.post(
            reverse("requests_app:track"),
            {"tracking_number": filed.application.tracking_number, "password": filed.password},
        )
        page = client.get(
            reverse("requests_app:track_detail", args=[filed.application.tracking_number])
        ).content.decode()
        assert "请写明村组" in page
        client.post(
            reverse("requests_app:track_correction", args=[filed.application.tracking_number]), {"text": "一组、二组"}
        )
    app = Application.objects.get()
    assert app.status == "processing" and app.clock_start_on == date(2024, 11, 8)
    assert app.due_on == date(2024, 11, 29)


def test_public_pages_never_500_on_odd_input(client, township):
    for path in ["/requests/track/%00/", "/requests/track/YSQ1/letters/99/", "/requests/track/" + "A" * 300 + "/"]:
        assert client.get(path).status_code in (302, 404)
    response = client.post(reverse("requests_app:new"), {"organization": "\x00", "applicant_type": "x" * 5000})
    assert response.status_code == 200
    response = client.post(reverse("requests_app:track"), {"tracking_number": "\x00" * 50, "password": "x" * 100})
    assert response.status_code == 200


def test_guide_page_links_to_the_form_and_tracking(client):
    page = client.get(reverse("requests_app:guide")).content.decode()
    assert reverse("requests_app:new") in page and reverse("requests_app:track") in page


def test_id_number_checksum_is_validated(client, township):
    response = client.post(reverse("requests_app:new"), form_post(township, id_number=valid_id("11010519491231002")))
    assert response.status_code == 302


def test_an_organisation_value_with_a_nul_byte_is_a_field_error(client, township):
    response = client.post(reverse("requests_app:new"), form_post(township, organization="64\x00"))
    assert response.status_code == 200
    assert "organization" in response.context["form"].errors


def test_form_groups_the_five_organisation_kinds_under_one_heading(client, township):
    page = client.get(reverse("requests_app:new")).content.decode()
    assert "法人或其他组织" in page
    for value in ("natural", "business", "research", "nonprofit", "legal", "other_org"):
        assert f'value="{value}"' in page
    response = client.post(reverse("requests_app:new"), form_post(township, applicant_type="法人或其他组织"))
    assert "applicant_type" in response.context["form"].errors


def test_direction_overrides_never_reach_the_application(client, township):
    client.post(
        reverse("requests_app:new"),
        form_post(township, applicant_name="张\u202e三", address="人民路\u202d1号\x1b", info_title="名单\u200e"),
    )
    app = Application.objects.get()
    assert (app.applicant_name, app.address, app.info_title) == ("张三", "人民路1号", "名单")


@pytest.mark.parametrize(
    "data, message",
    [
        (png_declaring(20_000, 20_000), "尺寸过大，超过 4000 万像素"),  # 400 megapixels in a few dozen bytes
        (b"\x89PNG\r\n\x1a\n" + b"\0" * 40, "已损坏或无法识别"),
    ],
    ids=["400-megapixels", "corrupt"],
)
def test_a_huge_or_broken_image_is_refused_next_to_the_files(client, township, data, message):
    from django.core.files.uploadedfile import SimpleUploadedFile

    picture = SimpleUploadedFile("身份证.png", data, content_type="image/png")
    response = client.post(reverse("requests_app:new"), {**form_post(township), "files": [picture]})
    errors = response.context["form"].errors["files"]
    assert len(errors) == 1 and "身份证.png" in errors[0] and message in errors[0]
    assert response.context["form"]["applicant_name"].value() == "张三"
    assert not Application.objects.exists() and not ApplicationFile.objects.exists()
