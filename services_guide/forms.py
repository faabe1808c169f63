from __future__ import annotations

from django import forms
from django.utils import timezone

from services_guide import conf, services
from services_guide.conf import BUSINESS_THEMES, PERSONAL_THEMES
from services_guide.models import GuideVersion, Material
from services_guide.services import GUIDE_FIELDS, MaterialInput

THEME_CHOICES = [
    ("个人办事（生活事件）", [(t.value, t.label) for t in PERSONAL_THEMES]),
    ("法人办事（经营事件）", [(t.value, t.label) for t in BUSINESS_THEMES]),
]
FIELDSETS = (
    ("事项基本信息", ("name", "kind", "level", "target", "themes")),
    ("设定依据和受理条件", ("basis", "conditions")),
    ("办理流程和时限", ("process", "legal_days", "promised_days")),
    ("收费", ("charges", "fee_standard", "fee_basis")),
    ("办理地点和咨询", ("place", "hours", "phone", "complaint_phone")),
    ("办理结果和网上办理", ("result", "online", "online_url", "intermediary")),
)


class GuideForm(forms.ModelForm):
    """The guide of one version. Fields may be left empty while drafting; submitting checks the required parts."""

    themes = forms.MultipleChoiceField(
        label="主题", required=False, choices=THEME_CHOICES, widget=forms.CheckboxSelectMultiple,
        help_text="按服务对象选择生活事件或经营事件，便于群众和企业按主题查找。",
    )  # fmt: skip

    online_url = forms.URLField(label="网上办理入口", required=False, max_length=300, assume_scheme="https")

    class Meta:
        model = GuideVersion
        fields = GUIDE_FIELDS
        widgets = {
            name: forms.Textarea(attrs={"rows": 4})
            for name in ("basis", "conditions", "process", "fee_standard", "fee_basis", "intermediary")
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.fields["themes"].initial = self.instance.theme_codes
        self.fields["online_url"].widget.attrs["placeholder"] = "https://"

    def fieldsets(self):
        return [(legend, [self[name] for name in names]) for legend, names in FIELDSETS]

    def clean(self):
        data = super().clean()
        legal, promised = data.get("legal_days"), data.get("promised_days")
        if legal is not None and promised is not None and promised > legal:
            self.add_error("promised_days", "承诺办结时限不能长于法定办结时限。")
        if data.get("online") == "none" and data.get("online_url"):
            self.add_error("online_url", "不支持网上办理的事项不填网上办理入口。")
        if not data.get("charges"):
            for name in ("fee_standard", "fee_basis"):
                if (data.get(name) or "").strip():
                    self.add_error(name, "不收费的事项不填此项；收费的请勾选“收费”。")
        return data

    def guide_fields(self) -> dict:
        return {name: self.cleaned_data[name] for name in GUIDE_FIELDS}


class NewItemForm(GuideForm):
    code = forms.CharField(
        label="事项编码", max_length=40, help_text="字母、数字和连字符，2至40位，如实施清单编码；创建后不可修改。"
    )
    organization = forms.ModelChoiceField(label="实施主体", queryset=None, empty_label=None)

    def __init__(self, *args, units=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organization"].queryset = units
        self.order_fields(["organization", "code", *self.fields])

    def fieldsets(self):
        head = ("事项编码和实施主体", [self["organization"], self["code"]])
        return [head, *super().fieldsets()]

    def clean_code(self):
        from django.core.exceptions import ValidationError

        from portal.errors import DomainError

        try:
            return services.check_code(self.cleaned_data["code"])
        except DomainError as exc:
            raise ValidationError(str(exc)) from exc


class MaterialForm(forms.Form):
    pk = forms.IntegerField(widget=forms.HiddenInput, required=False)
    name = forms.CharField(label="材料名称", max_length=200)
    form = forms.ChoiceField(label="材料形式", choices=Material.Form.choices, initial=Material.Form.ORIGINAL)
    copies = forms.IntegerField(label="份数", min_value=1, max_value=99, initial=1)
    required = forms.BooleanField(label="必须提交", required=False, initial=True)
    note = forms.CharField(label="填报说明", max_length=300, required=False)
    blank_form = forms.FileField(label="空白表格", required=False)
    clear_blank_form = forms.BooleanField(label="删除已上传的空白表格", required=False)
    example = forms.FileField(label="示例样表", required=False)
    clear_example = forms.BooleanField(label="删除已上传的示例样表", required=False)

    def _clean_file(self, name: str):
        upload = self.cleaned_data.get(name)
        if upload:
            services.check_material_file(upload)  # raises a Chinese ValidationError shown next to the field
        return upload

    def clean_blank_form(self):
        return self._clean_file("blank_form")

    def clean_example(self):
        return self._clean_file("example")

    def as_input(self) -> MaterialInput:
        data = self.cleaned_data
        return MaterialInput(
            pk=data.get("pk"), name=data.get("name", ""), form=data.get("form") or Material.Form.ORIGINAL,
            copies=data.get("copies") or 1, required=data.get("required", False), note=data.get("note", ""),
            blank_form=data.get("blank_form"), example=data.get("example"),
            clear_blank_form=data.get("clear_blank_form", False), clear_example=data.get("clear_example", False),
            delete=data.get("DELETE", False),
        )  # fmt: skip


MaterialFormSet = forms.formset_factory(
    MaterialForm, extra=2, can_delete=True, max_num=conf.MAX_MATERIALS, validate_max=True
)


def material_formset(data=None, files=None, version: GuideVersion | None = None):
    initial = []
    if version is not None:
        initial = [
            {"pk": m.pk, "name": m.name, "form": m.form, "copies": m.copies, "required": m.required, "note": m.note}
            for m in version.materials.all()
        ]
    formset = MaterialFormSet(data, files, initial=initial, prefix="materials")
    stored = {m.pk: m for m in version.materials.all()} if version is not None else {}
    for form in formset.forms:
        form.stored = stored.get(form.initial.get("pk"))
    return formset


def material_inputs(formset) -> list[MaterialInput]:
    """The rows an editor filled in (untouched blank rows are left out)."""
    return [form.as_input() for form in formset.forms if form.has_changed() or form.initial.get("pk")]


class OpinionForm(forms.Form):
    opinion = forms.CharField(
        label="审核意见", required=False, max_length=2000, widget=forms.Textarea(attrs={"rows": 3})
    )


class StopForm(forms.Form):
    stopped_on = forms.DateField(label="停止办理日期", widget=forms.DateInput(attrs={"type": "date"}))
    reason = forms.CharField(label="停止办理原因", max_length=2000, widget=forms.Textarea(attrs={"rows": 3}),
                             help_text="如：依据某文件取消该事项、该事项调整至某单位办理。")  # fmt: skip

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["stopped_on"].initial = timezone.localdate()


class StaffFilterForm(forms.Form):
    q = forms.CharField(label="事项名称或编码", required=False, max_length=100)
    status = forms.ChoiceField(
        label="状态", required=False,
        choices=[("", "全部"), *[(s.value, s.label) for s in GuideVersion.Status if s not in ("superseded", "discarded")]],
    )  # fmt: skip


class ImportForm(forms.Form):
    organization = forms.ModelChoiceField(label="实施主体", queryset=None, empty_label=None)
    file = forms.FileField(label="事项目录文件", help_text="CSV（UTF-8）或 Excel（.xlsx），格式与导出文件相同。")

    def __init__(self, *args, units=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organization"].queryset = units

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > conf.IMPORT_MAX_BYTES:
            raise forms.ValidationError(f"文件过大，最大 {conf.IMPORT_MAX_BYTES // 1024 // 1024} MB。")
        name = upload.name.lower()
        if not name.endswith((".csv", ".xlsx")):
            raise forms.ValidationError("请上传 .csv 或 .xlsx 文件。")
        return upload
