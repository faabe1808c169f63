"""Forms of the 政民互动 app: public forms carry a captcha; limits are stated in the help text."""

from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import MaxLengthValidator
from django.utils import timezone

from portal import local_urls, uploads
from portal.captcha import captcha_field
from portal.forms import ChineseErrorsMixin
from portal.models import Organization
from portal.validators import validate_mobile

from . import conf
from .models import Consultation, Correction, Message

CAPTCHA_LABEL = "验证码"


def _text(label: str, max_length: int, *, required: bool = True, rows: int = 8, help_text: str = "") -> forms.CharField:
    return forms.CharField(
        label=label,
        required=required,
        widget=forms.Textarea(attrs={"rows": rows, "maxlength": max_length}),
        validators=[MaxLengthValidator(max_length, f"{label}不能超过{max_length}字（当前%(show_value)d字）。")],
        help_text=help_text or f"不超过{max_length}字。",
    )


def _phone_ok(value: str) -> None:
    """A mobile number, or a landline like 0954-1234567."""
    digits = value.replace("-", "").replace(" ", "")
    if digits.startswith("1"):
        validate_mobile(digits)
    elif not (digits.isascii() and digits.isdigit() and 7 <= len(digits) <= 12):
        raise ValidationError("请填写正确的手机号码或固定电话（如 0954-1234567）。")


class MessageForm(ChineseErrorsMixin, forms.Form):
    kind = forms.ChoiceField(label="留言类型", choices=Message.Kind.choices)
    title = forms.CharField(label="标题", max_length=conf.TITLE_MAX, help_text=f"不超过{conf.TITLE_MAX}字。")
    content = _text("留言内容", conf.CONTENT_MAX, rows=10)
    name = forms.CharField(label="姓名", max_length=50)
    phone = forms.CharField(label="联系电话", max_length=20, help_text="仅用于工作人员联系您，不会公开。")
    email = forms.EmailField(label="电子邮箱", required=False, help_text="选填；办理结果将发送到此邮箱，不会公开。")
    agrees_to_publish = forms.BooleanField(label="同意在网站公开我的留言和答复（个人信息将隐去）", required=False)
    attachment = forms.FileField(
        label="附件",
        required=False,
        help_text=f"选填；支持 JPG、PNG 图片或 PDF 文件，不超过{conf.attachment_max_bytes() // (1024 * 1024)}MB。",
    )
    captcha = captcha_field(CAPTCHA_LABEL)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["title"].error_messages["max_length"] = f"标题不能超过{conf.TITLE_MAX}字。"

    def clean_phone(self) -> str:
        phone = self.cleaned_data["phone"].strip()
        _phone_ok(phone)
        return phone

    def clean_attachment(self):
        upload = self.cleaned_data.get("attachment")
        if upload:
            uploads.check_upload(upload, conf.ATTACHMENT_KINDS, max_bytes=conf.attachment_max_bytes())
        return upload


class TrackForm(ChineseErrorsMixin, forms.Form):
    tracking_number = forms.CharField(label="留言编号", max_length=20)
    password = forms.CharField(label="查询密码", max_length=40, widget=forms.PasswordInput)

    def clean_tracking_number(self) -> str:
        return self.cleaned_data["tracking_number"].strip().upper()


class CorrectionTrackForm(TrackForm):
    tracking_number = forms.CharField(label="纠错编号", max_length=20)


class RatingForm(ChineseErrorsMixin, forms.Form):
    satisfaction = forms.ChoiceField(label="满意度", choices=Message.Satisfaction.choices, widget=forms.RadioSelect)
    comment = _text("评价意见", 500, required=False, rows=3, help_text="选填，不超过500字。")


class CorrectionForm(ChineseErrorsMixin, forms.Form):
    page_url = forms.CharField(label="页面地址", max_length=500, help_text="出错页面在本网站的网址。")
    kind = forms.ChoiceField(label="错误类型", choices=Correction.Kind.choices)
    description = _text("问题描述", conf.CORRECTION_MAX, rows=6)
    name = forms.CharField(label="姓名", max_length=50, required=False)
    phone = forms.CharField(label="联系电话", max_length=20, required=False, help_text="选填，不会公开。")
    email = forms.EmailField(label="电子邮箱", required=False, help_text="选填；处理结果将发送到此邮箱。")
    captcha = captcha_field(CAPTCHA_LABEL)

    def clean_page_url(self) -> str:
        # Only this site's pages can be reported; anything else (javascript:, another site) would end up as a link
        # an officer is asked to open.
        address = self.cleaned_data["page_url"].strip()
        if not local_urls.is_site_url(address):
            raise ValidationError("请填写本网站页面的地址（以“/”开头的路径，或本网站的网址）。", code="not_site_url")
        return address

    def clean_phone(self) -> str:
        phone = self.cleaned_data["phone"].strip()
        if phone:
            _phone_ok(phone)
        return phone


class OpinionForm(ChineseErrorsMixin, forms.Form):
    name = forms.CharField(label="姓名或单位", max_length=100)
    phone = forms.CharField(label="联系电话", max_length=20, required=False, help_text="选填，不会公开。")
    email = forms.EmailField(label="电子邮箱", required=False, help_text="选填，不会公开。")
    content = _text("意见建议", conf.OPINION_MAX, rows=8)
    captcha = captcha_field(CAPTCHA_LABEL)

    def clean_phone(self) -> str:
        phone = self.cleaned_data["phone"].strip()
        if phone:
            _phone_ok(phone)
        return phone


# --- staff forms


class RejectForm(ChineseErrorsMixin, forms.Form):
    reason = forms.ChoiceField(label="不予受理原因", choices=Message.RejectReason.choices)
    note = _text("说明", 1000, required=False, rows=3, help_text="将告知留言人；选择“其他”时必填。")


class DispatchForm(ChineseErrorsMixin, forms.Form):
    unit = forms.ModelChoiceField(label="办理单位", queryset=Organization.objects.none(), empty_label="请选择单位")
    instruction = _text("领导批示", 1000, rows=3, help_text="按领导批示填写分办意见。")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = Organization.objects.active().order_by("kind", "order", "id")


class ReasonForm(ChineseErrorsMixin, forms.Form):
    reason = _text("理由", 1000, rows=3)


class ReplyForm(ChineseErrorsMixin, forms.Form):
    reply = _text("答复内容", conf.REPLY_MAX, rows=10)


class OpinionTextForm(ChineseErrorsMixin, forms.Form):
    opinion = _text("意见", 1000, required=False, rows=3, help_text="选填。")


class SendBackForm(ChineseErrorsMixin, forms.Form):
    opinion = _text("退回修改意见", 1000, rows=3)


class ForwardForm(ChineseErrorsMixin, forms.Form):
    unit = forms.ModelChoiceField(label="处理单位", queryset=Organization.objects.none(), empty_label="请选择单位")
    note = _text("转办说明", 500, required=False, rows=3, help_text="选填。")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = Organization.objects.active().order_by("kind", "order", "id")


class CorrectionReplyForm(ChineseErrorsMixin, forms.Form):
    reply = _text("处理结果", 2000, rows=5)


class ConsultationForm(ChineseErrorsMixin, forms.ModelForm):
    class Meta:
        model = Consultation
        fields = [
            "title", "background", "draft_text", "draft_attachment", "starts_at", "ends_at", "how_to_participate",
            "contact_unit", "contact_details",
        ]  # fmt: skip
        widgets = {
            "background": forms.Textarea(attrs={"rows": 6}),
            "draft_text": forms.Textarea(attrs={"rows": 14}),
            "how_to_participate": forms.Textarea(attrs={"rows": 3}),
            "starts_at": forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
            "ends_at": forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
        }
        help_texts = {"draft_attachment": "选填；PDF、Word 或 OFD 文件。"}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["contact_unit"].queryset = Organization.objects.active()
        for name in ("starts_at", "ends_at"):
            self.fields[name].input_formats = ["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M", "%Y-%m-%d %H:%M:%S"]

    def clean_draft_attachment(self):
        upload = self.cleaned_data.get("draft_attachment")
        if upload and hasattr(upload, "content_type"):  # a new upload, not the stored file
            uploads.check_upload(upload, conf.DRAFT_ATTACHMENT_KINDS)
            self.instance.draft_attachment_name = upload.name[:200]
        return upload

    def clean(self):
        data = super().clean()
        starts, ends = data.get("starts_at"), data.get("ends_at")
        if starts and ends and ends <= starts:
            self.add_error("ends_at", "截止时间必须晚于开始时间。")
        if ends and not self.instance.pk and ends <= timezone.now():
            self.add_error("ends_at", "截止时间不能早于现在。")
        return data


class FeedbackForm(ChineseErrorsMixin, forms.Form):
    feedback = forms.CharField(
        label="意见采纳情况",
        widget=forms.Textarea(attrs={"rows": 10}),
        help_text="说明收到意见的总体情况、采纳的意见及未采纳意见的理由。",
    )
