"""Forms: the public application form (with captcha), the staff registration form and one form per staff action.

Every message is Chinese and sits next to its field; the form keeps what was typed (except the captcha)."""

from __future__ import annotations

import re
from datetime import date

from django import forms
from django.core.exceptions import ValidationError

from portal import workdays
from portal.captcha import captcha_field
from portal.forms import ChineseErrorsMixin
from portal.models import Organization
from portal.uploads import check_upload
from portal.validators import validate_id_number, validate_postcode, validate_uscc
from requests_app import conf
from requests_app.models import (
    ApplicantType,
    Application,
    Channel,
    Delivery,
    DisputeCase,
    FeeNotice,
    FormWanted,
    IdType,
    Result,
)

PHONE_RE = re.compile(r"^(1[3-9]\d{9}|0\d{2,3}-?\d{7,8}(-\d{1,6})?)$")


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """Several files in one field; each is checked by portal.uploads (type sniffed, size capped)."""

    def __init__(self, *args, max_files: int | None = None, **kwargs):
        kwargs.setdefault("widget", MultipleFileInput())
        kwargs.setdefault("required", False)
        self.max_files = max_files
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        files = [f for f in (data if isinstance(data, list | tuple) else [data]) if f]
        if self.required and not files:
            raise ValidationError(self.error_messages["required"], code="required")
        if self.max_files and len(files) > self.max_files:
            raise ValidationError(f"最多上传{self.max_files}个文件。", code="too_many")
        errors = []
        for upload in files:
            try:
                check_upload(upload, allowed=conf.ALLOWED_UPLOADS)
            except ValidationError as exc:
                errors.extend(exc.messages)
        if errors:
            raise ValidationError(errors)
        return files


def _date_input() -> forms.DateInput:
    # ISO format: an <input type="date"> accepts nothing else (the zh-hans default 2024/11/04 shows as empty).
    return forms.DateInput(format="%Y-%m-%d", attrs={"type": "date"})


def _active_organizations():
    return Organization.objects.active().order_by("kind", "order", "id")


# Table 三 of the annual report: 自然人, or 法人或其他组织 as one of five kinds (the form's radio buttons show the grouping).
APPLICANT_TYPE_CHOICES = [
    (ApplicantType.NATURAL.value, ApplicantType.NATURAL.label),
    (
        "法人或其他组织",
        [
            (value, "其他" if value == ApplicantType.OTHER_ORG else label)
            for value, label in ApplicantType.choices
            if value != ApplicantType.NATURAL
        ],
    ),
]


class ApplicationFieldsMixin(forms.Form):
    applicant_type = forms.ChoiceField(label="申请人类型", choices=APPLICANT_TYPE_CHOICES, widget=forms.RadioSelect)
    applicant_name = forms.CharField(label="姓名/名称", max_length=100)
    id_type = forms.ChoiceField(label="证件类型", choices=[("", "请选择")] + IdType.choices, required=False)
    id_number = forms.CharField(label="证件号码", max_length=40, required=False)
    credit_code = forms.CharField(label="统一社会信用代码", max_length=18, required=False)
    legal_representative = forms.CharField(label="法定代表人/负责人", max_length=50, required=False)
    contact_person = forms.CharField(label="联系人", max_length=50, required=False)
    phone = forms.CharField(label="联系电话", max_length=20, help_text="手机号码或带区号的固定电话")
    email = forms.EmailField(label="电子邮箱", required=False, max_length=254)
    address = forms.CharField(label="通信地址", max_length=200)
    postcode = forms.CharField(label="邮政编码", max_length=6, required=False, validators=[validate_postcode])
    organization = forms.ModelChoiceField(
        label="被申请机关", queryset=Organization.objects.none(), empty_label="请选择", to_field_name="code"
    )
    info_title = forms.CharField(label="所需信息名称", max_length=200, required=False)
    info_doc_number = forms.CharField(label="文号", max_length=100, required=False)
    info_description = forms.CharField(
        label="所需信息的内容描述",
        required=False,
        max_length=conf.description_max_chars(),
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=f"写明所需信息的名称、文号或便于检索的描述（不超过{conf.description_max_chars()}字）。",
    )
    form_wanted = forms.ChoiceField(label="信息的提供载体形式", choices=FormWanted.choices, widget=forms.RadioSelect)
    delivery = forms.ChoiceField(label="获取信息的方式", choices=Delivery.choices, widget=forms.RadioSelect)
    files = MultipleFileField(
        label="证明材料", max_files=conf.max_supporting_files(), help_text="可上传身份证明、授权委托书等（选填）。"
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organization"].queryset = _active_organizations()
        self.fields["organization"].error_messages["invalid_choice"] = "请选择有效的被申请机关。"

    def clean_id_number(self) -> str:
        return self.cleaned_data["id_number"].strip().upper()

    def clean_credit_code(self) -> str:
        return self.cleaned_data["credit_code"].strip().upper()

    def clean_phone(self) -> str:
        phone = self.cleaned_data["phone"].strip().replace(" ", "")
        if not PHONE_RE.match(phone):
            raise ValidationError("请输入11位手机号码或带区号的固定电话（如 0954-1234567）。")
        return phone

    def clean(self):
        data = super().clean()
        if data.get("applicant_type") == ApplicantType.NATURAL:
            self._clean_person(data)
        elif data.get("applicant_type"):
            self._clean_organization(data)
        if not (data.get("info_title") or data.get("info_doc_number") or data.get("info_description")):
            self.add_error("info_description", "请至少填写所需信息的名称、文号或内容描述中的一项。")
        if data.get("delivery") == Delivery.EMAIL and not data.get("email"):
            self.add_error("email", "选择以电子邮件获取信息时，请填写电子邮箱。")
        if data.get("delivery") == Delivery.POST and not data.get("postcode"):
            self.add_error("postcode", "选择邮寄时，请填写邮政编码。")
        return data

    def _clean_person(self, data) -> None:
        if not data.get("id_type"):
            self.add_error("id_type", "请选择证件类型。")
        if not data.get("id_number"):
            self.add_error("id_number", "请填写证件号码。")
        elif data.get("id_type") == IdType.ID_CARD:
            try:
                validate_id_number(data["id_number"])
            except ValidationError as exc:
                self.add_error("id_number", exc)
        data["credit_code"], data["legal_representative"] = "", ""

    def _clean_organization(self, data) -> None:
        if not data.get("credit_code"):
            self.add_error("credit_code", "法人或其他组织请填写统一社会信用代码。")
        else:
            try:
                validate_uscc(data["credit_code"])
            except ValidationError as exc:
                self.add_error("credit_code", exc)
        if not data.get("legal_representative"):
            self.add_error("legal_representative", "请填写法定代表人或负责人。")
        if not data.get("contact_person"):
            self.add_error("contact_person", "请填写联系人。")

    def application_data(self) -> dict:
        return {k: v for k, v in self.cleaned_data.items() if k not in ("files", "captcha", "channel", "received_on")}


class PublicApplicationForm(ChineseErrorsMixin, ApplicationFieldsMixin):
    captcha = captcha_field()

    @property
    def files_lost(self) -> bool:
        """A browser never fills a file input again: after an error the citizen must choose the files anew."""
        return self.is_bound and bool(self.errors) and any(self.files.getlist("files"))


class RegisterForm(ApplicationFieldsMixin):
    """Office staff register a letter, fax or in-person application (oral ones are written down, Art. 29)."""

    channel = forms.ChoiceField(
        label="申请渠道", choices=[c for c in Channel.choices if c[0] != Channel.ONLINE], widget=forms.RadioSelect
    )
    received_on = forms.DateField(
        label="收到申请日期",
        required=False,
        widget=_date_input(),
        help_text="信函以签收之日为准，传真以双方确认之日为准；当面申请为当日（第三十一条）。",
    )

    def clean(self):
        data = super().clean()
        received_on = data.get("received_on")
        if data.get("channel") in (Channel.LETTER, Channel.FAX) and not received_on:
            self.add_error("received_on", "信函、传真申请请填写收到申请日期。")
        if received_on and received_on > workdays.today():
            self.add_error("received_on", "收到申请日期不能晚于今天。")
        return data


class TrackingForm(forms.Form):
    tracking_number = forms.CharField(label="申请编号", max_length=20)
    password = forms.CharField(label="查询密码", max_length=32, widget=forms.PasswordInput)


class WithdrawForm(forms.Form):
    reason = forms.CharField(
        label="撤回理由", max_length=500, widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": "请填写撤回理由。"},
    )  # fmt: skip


class CorrectionReplyForm(forms.Form):
    text = forms.CharField(
        label="补正内容", max_length=conf.description_max_chars(), widget=forms.Textarea(attrs={"rows": 5})
    )
    files = MultipleFileField(label="补正材料", max_files=conf.max_supporting_files())


# --- staff action forms


class ConfirmReceiptForm(forms.Form):
    received_on = forms.DateField(label="收到申请日期", widget=_date_input(), help_text="网上申请以双方确认之日为准。")

    def clean_received_on(self) -> date:
        value = self.cleaned_data["received_on"]
        if value > workdays.today():
            raise ValidationError("收到申请日期不能晚于今天。")
        return value


class AssignForm(forms.Form):
    unit = forms.ModelChoiceField(label="承办单位", queryset=Organization.objects.none(), empty_label="请选择")
    opinion = forms.CharField(label="交办意见", max_length=500, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = _active_organizations()


class CorrectionRequestForm(forms.Form):
    items = forms.CharField(label="需要补正的事项", max_length=2000, widget=forms.Textarea(attrs={"rows": 4}))
    deadline = forms.DateField(label="补正期限", widget=_date_input())

    def clean_deadline(self) -> date:
        value = self.cleaned_data["deadline"]
        if value <= workdays.today():
            raise ValidationError("补正期限应晚于今天。")
        return value


class CorrectionReceivedForm(forms.Form):
    received_on = forms.DateField(label="收到补正材料日期", widget=_date_input())
    text = forms.CharField(label="补正内容摘要", max_length=2000, widget=forms.Textarea(attrs={"rows": 3}))


class ThirdPartyForm(forms.Form):
    third_party = forms.CharField(label="第三方名称", max_length=200)
    reason = forms.CharField(label="征求意见事项", max_length=2000, widget=forms.Textarea(attrs={"rows": 4}))


class ThirdPartyAnswerForm(forms.Form):
    answered_on = forms.DateField(label="第三方答复日期", widget=_date_input())
    outcome = forms.CharField(
        label="第三方意见", max_length=2000, widget=forms.Textarea(attrs={"rows": 3}),
        help_text="第三方逾期未答复的，注明“逾期未答复”，由本机关依法决定。",
    )  # fmt: skip


class FeeNoticeForm(forms.Form):
    standard = forms.ChoiceField(label="收费标准", choices=FeeNotice.Standard.choices,
                                 help_text="按件计收和按量计收只能选择其一（国办函〔2020〕109号）。")  # fmt: skip
    pages = forms.IntegerField(label="页数（按量计收）", min_value=1, max_value=1_000_000, required=False)

    def clean(self):
        data = super().clean()
        if data.get("standard") == FeeNotice.Standard.BY_VOLUME and not data.get("pages"):
            self.add_error("pages", "按量计收须填写页数。")
        return data


class FeePaymentForm(forms.Form):
    paid_on = forms.DateField(label="缴费日期", widget=_date_input())


class ExtensionRequestForm(forms.Form):
    reason = forms.CharField(label="延期理由", max_length=1000, widget=forms.Textarea(attrs={"rows": 3}))


class DecisionForm(forms.Form):
    opinion = forms.CharField(label="意见", max_length=1000, required=False, widget=forms.Textarea(attrs={"rows": 2}))


class RequiredOpinionForm(forms.Form):
    opinion = forms.CharField(label="意见", max_length=1000, widget=forms.Textarea(attrs={"rows": 2}))


DRAFTABLE_RESULTS = [c for c in Result.choices if c[0] != Result.OTHER_NO_CORRECTION]


class ReplyDraftForm(forms.Form):
    result = forms.ChoiceField(label="办理结果", choices=[("", "请选择")] + DRAFTABLE_RESULTS)
    text = forms.CharField(
        label="答复说明", max_length=5000, widget=forms.Textarea(attrs={"rows": 6}),
        help_text="写入告知书正文：获取方式、不予公开的理由、检索情况等。",
    )  # fmt: skip
    referral_agency = forms.CharField(
        label="负责公开的机关及联系方式", max_length=200, required=False,
        help_text="“本机关不掌握”且能确定负责公开的机关时填写，将出具非本机关政府信息告知书。",
    )  # fmt: skip
    files = MultipleFileField(label="公开的政府信息文件", max_files=20)


class ListFilterForm(forms.Form):
    status = forms.ChoiceField(
        label="状态", required=False, choices=[("", "全部"), ("open", "未办结")] + Application.Status.choices
    )
    unit = forms.ModelChoiceField(label="承办单位", required=False, queryset=Organization.objects.none())
    channel = forms.ChoiceField(label="渠道", required=False, choices=[("", "全部")] + Channel.choices)
    result = forms.ChoiceField(label="办理结果", required=False, choices=[("", "全部")] + Result.choices)
    year = forms.IntegerField(label="收到年份", required=False, min_value=2000, max_value=2100)
    clock = forms.ChoiceField(
        label="期限",
        required=False,
        choices=[("", "全部"), ("overdue", "已超期"), ("due_soon", "3个工作日内到期"), ("paused", "暂停计时")],
    )
    q = forms.CharField(label="编号/申请人", required=False, max_length=50)

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        units = _active_organizations()
        if user is not None and not user.is_office_staff:
            units = units.filter(pk=user.organization_id)
        self.fields["unit"].queryset = units


class StatsForm(forms.Form):
    year = forms.IntegerField(label="年度", min_value=2000, max_value=2100)
    organization = forms.ModelChoiceField(
        label="被申请机关", required=False, queryset=Organization.objects.none(), empty_label="全部"
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organization"].queryset = _active_organizations()


class DisputeCaseForm(forms.ModelForm):
    """A 行政复议 / 行政诉讼 case. A unit's staff register their own unit's cases (the unit field is fixed)."""

    application_number = forms.CharField(label="关联申请编号", max_length=20, required=False,
                                         help_text="案件因某件申请而起的，填写其申请编号（如YSQ…）。")  # fmt: skip

    class Meta:
        model = DisputeCase
        fields = ["organization", "kind", "case_number", "claimant", "organ", "filed_on", "outcome", "concluded_on",
                  "note"]  # fmt: skip
        widgets = {
            "filed_on": forms.DateInput(attrs={"type": "date"}),
            "concluded_on": forms.DateInput(attrs={"type": "date"}),
            "note": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        self.fields["organization"].queryset = Organization.objects.active()
        if user is not None and not user.is_office_staff:
            self.fields["organization"].queryset = Organization.objects.filter(pk=user.organization_id)
            self.fields["organization"].initial = user.organization_id
        if self.instance.pk and self.instance.application_id:
            self.fields["application_number"].initial = self.instance.application.tracking_number

    def clean(self):
        data = super().clean()
        outcome, concluded_on, filed_on = data.get("outcome"), data.get("concluded_on"), data.get("filed_on")
        if bool(outcome) != bool(concluded_on):
            self.add_error(
                "outcome" if concluded_on else "concluded_on", "审结日期和审结结果须同时填写（尚未审结的两项都不填）。"
            )
        if concluded_on and filed_on and concluded_on < filed_on:
            self.add_error("concluded_on", "审结日期不能早于受理（立案）日期。")
        number = (data.get("application_number") or "").strip()
        data["application"] = None
        if number:
            app = Application.objects.filter(tracking_number__iexact=number).first()
            if app is None:
                self.add_error("application_number", "没有这个申请编号。")
            elif data.get("organization") and app.organization_id != data["organization"].pk:
                self.add_error("application_number", "该申请不是向所选单位提出的。")
            else:
                data["application"] = app
        return data

    def service_fields(self) -> dict:
        fields = {name: self.cleaned_data.get(name) for name in self.Meta.fields}
        fields["outcome"] = fields["outcome"] or ""
        fields["application"] = self.cleaned_data.get("application")
        return fields
