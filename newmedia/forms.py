from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError
from django.db import models

from newmedia import images
from newmedia.models import CHANGEABLE_FIELDS, Account, Platform, WeeklyActivity
from portal import workdays
from portal.models import Organization

DATE_INPUT = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
IMAGE_ACCEPT = "image/jpeg,image/png,image/webp"


def _formfield(field, **kwargs):
    # Addresses typed without a scheme are https: government platforms all serve https.
    if isinstance(field, models.URLField):
        kwargs["assume_scheme"] = "https"
    return field.formfield(**kwargs)


class ImageFieldsMixin(forms.Form):
    """Avatar and QR uploads, checked and normalised by newmedia.images: errors show next to the field."""

    avatar = forms.FileField(
        label="头像",
        required=False,
        help_text="JPEG、PNG 或 WebP，系统将裁切为正方形并去除照片元数据。",
        widget=forms.ClearableFileInput(attrs={"accept": IMAGE_ACCEPT}),
    )
    qr_code = forms.FileField(
        label="二维码",
        required=False,
        help_text="JPEG、PNG 或 WebP，边长不小于100像素。",
        widget=forms.ClearableFileInput(attrs={"accept": IMAGE_ACCEPT}),
    )

    def clean_avatar(self):
        upload = self.cleaned_data.get("avatar")
        return images.normalise_avatar(upload) if upload else None

    def clean_qr_code(self):
        upload = self.cleaned_data.get("qr_code")
        return images.normalise_qr(upload) if upload else None


def _check_outsourcing(form: forms.Form, cleaned: dict) -> None:
    if cleaned.get("is_outsourced") and not (cleaned.get("outsourcer") or "").strip():
        form.add_error("outsourcer", "委托第三方运营的，请填写受托运营单位。")
    if not cleaned.get("is_outsourced"):
        cleaned["outsourcer"] = ""


class AccountForm(ImageFieldsMixin, forms.ModelForm):
    """The opening filing's form (开设备案)."""

    class Meta:
        model = Account
        fields = ["platform", "opened_on", *CHANGEABLE_FIELDS]
        formfield_callback = _formfield
        widgets = {"opened_on": DATE_INPUT, "operators": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["opened_on"].help_text = "开设之日起10个工作日内须完成备案。"
        # The unit is the officer's own; images are handled by the mixin, not the model fields.
        self.order_fields(["platform", "name", "platform_account_id", "homepage_url", "avatar", "qr_code"])

    def clean_opened_on(self):
        opened_on = self.cleaned_data["opened_on"]
        if opened_on > workdays.today():
            raise ValidationError("开设日期不能晚于今天。")
        return opened_on

    def clean(self):
        cleaned = super().clean()
        _check_outsourcing(self, cleaned)
        return cleaned


class ChangeForm(ImageFieldsMixin, forms.ModelForm):
    """A change filing (变更备案): the form starts from the filed values; only what differs is proposed."""

    change_note = forms.CharField(label="变更说明", required=False, widget=forms.Textarea(attrs={"rows": 2}))

    class Meta:
        model = Account
        fields = list(CHANGEABLE_FIELDS)
        formfield_callback = _formfield
        widgets = {"operators": forms.Textarea(attrs={"rows": 3})}

    def clean(self):
        cleaned = super().clean()
        _check_outsourcing(self, cleaned)
        return cleaned

    def _post_clean(self):
        # Validate the fields only: the instance is the filed account and must not be touched here.
        pass


class ClosureForm(forms.Form):
    closed_on = forms.DateField(
        label="关闭（注销）日期", widget=DATE_INPUT, help_text="关闭之日起5个工作日内须完成关闭备案。"
    )
    reason = forms.CharField(label="关闭原因", widget=forms.Textarea(attrs={"rows": 3}))
    announcement_url = forms.URLField(
        label="停更公告链接", assume_scheme="https", help_text="关闭前须在账号上发布停更公告，并写明接续账号。"
    )
    successor = forms.ModelChoiceField(
        label="接续账号", queryset=Account.objects.none(), required=False, empty_label="（不在本系统或无）"
    )
    successor_note = forms.CharField(label="接续账号（其他）", max_length=100, required=False)

    def __init__(self, *args, account: Account, successors, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["successor"].queryset = successors.exclude(pk=account.pk)

    def clean(self):
        cleaned = super().clean()
        if not cleaned.get("successor") and not (cleaned.get("successor_note") or "").strip():
            self.add_error("successor_note", "请选择接续账号，或写明公告中告知公众关注的账号（无接续账号请填“无”）。")
        return cleaned


class OpinionForm(forms.Form):
    opinion = forms.CharField(label="意见", required=False, widget=forms.Textarea(attrs={"rows": 3}))


class ReturnForm(forms.Form):
    opinion = forms.CharField(label="退回理由", widget=forms.Textarea(attrs={"rows": 3}))


class ExceptionForm(forms.Form):
    organization = forms.ModelChoiceField(label="单位", queryset=Organization.objects.active())
    platform = forms.ChoiceField(label="平台", choices=Platform.choices)
    reason = forms.CharField(label="理由", widget=forms.Textarea(attrs={"rows": 3}))


class ActivityForm(forms.ModelForm):
    week = forms.DateField(label="所在周（任选该周一天）", widget=DATE_INPUT)

    class Meta:
        model = WeeklyActivity
        fields = ["account", "posts", "followers"]

    def __init__(self, *args, accounts, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["account"].queryset = accounts
        self.fields["posts"].help_text = "该周（周一至周日）发布信息条数。"

    def clean_week(self):
        week = self.cleaned_data["week"]
        if week > workdays.today():
            raise ValidationError("不能填报未来的日期。")
        return week

    def _post_clean(self):
        pass  # services.record_activity writes the row (upsert on account + week)


class ActivityImportForm(forms.Form):
    file = forms.FileField(label="CSV 文件", help_text="列：账号编号,周起始日期,发布条数,关注量（关注量可空）。")

    MAX_BYTES = 2 * 1024 * 1024

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if not upload.name.lower().endswith(".csv"):
            raise ValidationError("请上传 .csv 格式的文件（可在 Excel 中“另存为 CSV”）。")
        if upload.size > self.MAX_BYTES:
            raise ValidationError("文件过大，CSV 文件不能超过 2MB。")
        return upload
