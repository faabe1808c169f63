"""The 依申请公开 form speaks plain Chinese: required fields are starred, every error names its field (never Django's
default or the mistranslated "不允许是用空字符串"), and a chosen file that must be chosen again is said so."""

import pytest
from django.core.cache import cache
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from requests_app.forms import PublicApplicationForm
from requests_app.models import Application
from tests.images import png_declaring
from tests.requests_app.test_public import form_post

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _clear_rate_limits():
    cache.clear()
    yield
    cache.clear()


def test_required_fields_are_starred_and_the_star_is_explained(client, township):
    page = client.get(reverse("requests_app:new")).content.decode()
    assert '<label for="id_phone" class="required">联系电话</label>' in page
    assert '<label for="id_email">电子邮箱</label>' in page
    assert "的为必填项" in page
    assert "联系电话:" not in page  # no English colon after labels


def test_a_null_character_is_named_plainly_not_with_the_mistranslated_default(township):
    # The middleware strips control characters from requests; the form still says it plainly if one gets through.
    form = PublicApplicationForm(form_post(township, applicant_name="张\x00三"))
    assert form.errors["applicant_name"] == ["姓名/名称中含有无法识别的控制字符，请删除后重新输入。"]


def test_errors_name_their_field_in_plain_chinese(client, township):
    data = form_post(township, address="", email="not-an-email", delivery="")
    response = client.post(reverse("requests_app:new"), data)
    errors = response.context["form"].errors
    assert errors["address"] == ["请填写通信地址。"]
    assert errors["email"] == ["请输入有效的电子邮箱地址，如 name@example.com。"]
    assert errors["delivery"] == ["请选择获取信息的方式。"]
    page = response.content.decode()
    assert "不允许是用空字符串" not in page and "这个字段是必填项" not in page
    assert not Application.objects.exists()


def test_a_chosen_file_is_said_to_need_choosing_again_after_an_error(client, township):
    upload = SimpleUploadedFile("id.png", png_declaring(10, 10), content_type="image/png")
    response = client.post(reverse("requests_app:new"), {**form_post(township, phone="12"), "files": [upload]})
    page = response.content.decode()
    assert "您刚才选择的文件没有保存，请重新选择后再提交。" in page
    without_file = client.post(reverse("requests_app:new"), form_post(township, phone="12")).content.decode()
    assert "请重新选择后再提交" not in without_file
