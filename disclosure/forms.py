from __future__ import annotations

from ckeditor.widgets import CKEditorWidget
from django import forms
from django.conf import settings

from disclosure import conf, selectors
from disclosure.models import CHECKLIST, Column, Document, DocumentHistory, Validity
from portal.sanitize import clean_html
from portal.uploads import check_upload

YES_NO = [("yes", "是"), ("no", "否")]

DOCUMENT_FIELDS = [
    "title", "column", "is_important", "body", "summary", "keywords", "source", "cover_image",
    "doc_number", "written_date", "topic", "genre", "disclosure_method", "validity", "repealed_on", "interprets",
    "interpretation_kind", "interpretation_plan",
    "also_listed_in",
]  # fmt: skip


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%d", **kwargs)


def column_label(obj: Column) -> str:
    """The path, and a mark on the columns whose documents carry the catalogue metadata (they need it to be
    submitted)."""
    label = f"{obj.parent.name} › {obj.name}" if obj.parent_id else obj.name
    return f"{label}（公开目录）" if obj.carries_metadata else label


class ColumnChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Column) -> str:
        return column_label(obj)


class DocumentForm(forms.ModelForm):
    """The editor. Cleaned data goes to services.create_document / update_document; it never saves itself."""

    column = ColumnChoiceField(label="栏目", queryset=Column.objects.none())

    class Meta:
        model = Document
        fields = DOCUMENT_FIELDS
        widgets = {
            "body": CKEditorWidget(),
            "summary": forms.Textarea(attrs={"rows": 3}),
            "interpretation_plan": forms.Textarea(attrs={"rows": 3}),
            "written_date": DateInput(),
            "repealed_on": DateInput(),
        }
        help_texts = {
            "summary": "政府信息公开目录的“内容概述”，一两句话说明文件内容。",
            "doc_number": "如：西政办发〔2018〕47号；规章、行政规范性文件须填写，其他没有文号的留空。",
            "disclosure_method": "只有主动公开的信息可以报送发布；依申请公开、不予公开的信息只作为内部记录保存。",
        }

    def __init__(self, *args, organization, user, **kwargs):
        super().__init__(*args, **kwargs)
        columns = Column.objects.filter(is_active=True, kind__in=[Column.Kind.NEWS, Column.Kind.CATALOGUE])
        allowed = [c.pk for c in columns.select_related("parent") if c.allows_unit(organization)]
        self.fields["column"].queryset = columns.filter(pk__in=allowed).select_related("parent").order_by("order")
        self.fields["column"].help_text = "只列出本单位可以发布的栏目；标有“公开目录”的栏目须填写下方的公开目录信息。"
        also = self.fields["also_listed_in"]
        also.queryset = self.fields["column"].queryset.filter(kind=Column.Kind.CATALOGUE)
        also.label_from_instance = column_label
        also.widget.attrs["size"] = 8
        policies = selectors.interpretable_policies(user)
        if self.instance.pk:
            policies = policies.exclude(pk=self.instance.pk)
        self.fields["interprets"].queryset = policies
        self.fields[
            "interprets"
        ].help_text = "仅政策解读栏目填写：选择被解读的政策文件（已发布的，或本单位正在起草、审核的；后者终审通过后随政策同步发布）。"
        self.fields["interpretation_kind"].help_text = "仅政策解读栏目填写。"
        self.fields["cover_image"].widget = forms.ClearableFileInput(attrs={"accept": "image/jpeg,image/png"})

    BASIC = ("title", "column", "is_important", "body", "summary", "keywords", "source", "cover_image")

    @property
    def basic_fields(self):
        return [self[name] for name in self.BASIC]

    @property
    def catalogue_fields(self):
        return [self[name] for name in DOCUMENT_FIELDS if name not in self.BASIC]

    def clean_body(self) -> str:
        return clean_html(self.cleaned_data.get("body", ""))

    def clean_cover_image(self):
        image = self.cleaned_data.get("cover_image")
        if image and hasattr(image, "content_type"):  # a new upload, not the stored file
            check_upload(image, conf.COVER_IMAGE_KINDS, settings.IMAGE_MAX_BYTES)
        return image

    def clean(self):
        data = super().clean()
        column = data.get("column")
        if data.get("interprets") and column and not column.is_interpretation:
            self.add_error("interprets", "只有政策解读栏目的信息可以关联被解读的政策文件。")
        if column and column.is_interpretation and not data.get("interpretation_kind"):
            self.add_error("interpretation_kind", "请选择解读形式。")
        if data.get("interpretation_kind") and column and not column.is_interpretation:
            self.add_error("interpretation_kind", "只有政策解读栏目的信息需要选择解读形式。")
        if data.get("validity") and data["validity"] != Validity.VALID and not data.get("repealed_on"):
            self.add_error("repealed_on", "有效性为失效或废止时，请填写日期。")
        return data

    def service_fields(self) -> dict:
        data = {name: self.cleaned_data.get(name) for name in DOCUMENT_FIELDS}
        for name in (
            "doc_number",
            "summary",
            "keywords",
            "source",
            "topic",
            "genre",
            "interpretation_kind",
            "interpretation_plan",
        ):
            data[name] = (data[name] or "").strip()
        if data["cover_image"] is False:  # "clear" ticked
            data["cover_image"] = ""
        return data


class AttachmentForm(forms.Form):
    file = forms.FileField(
        label="附件", help_text="支持 PDF、OFD、Word、Excel、WPS、ZIP、JPG、PNG，文件类型按内容识别。"
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        check_upload(upload, conf.ATTACHMENT_KINDS)
        return upload


class ReviewForm(forms.Form):
    decision = forms.ChoiceField(label="审核结论", choices=DocumentHistory.Decision.choices, widget=forms.RadioSelect)
    opinion = forms.CharField(
        label="审核意见", required=False, widget=forms.Textarea(attrs={"rows": 3}), max_length=2000
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for key, label in CHECKLIST:
            self.fields[key] = forms.ChoiceField(
                label=label,
                choices=YES_NO,
                widget=forms.RadioSelect,
                error_messages={"required": "请回答此项（是/否）。"},
            )

    @property
    def checklist_fields(self):
        return [self[key] for key, _ in CHECKLIST]

    def checklist(self) -> dict:
        return {key: self.cleaned_data.get(key) == "yes" for key, _ in CHECKLIST}

    def clean(self):
        data = super().clean()
        if data.get("decision") in ("return", "reject") and not (data.get("opinion") or "").strip():
            self.add_error("opinion", "退回修改或不予发布时，请填写审核意见。")
        if data.get("decision") == "pass" and any(data.get(k) == "no" for k, _ in CHECKLIST):
            self.add_error("decision", "保密审查清单有“否”项，不能审核通过；请退回修改或不予发布。")
        return data


class ReasonForm(forms.Form):
    reason = forms.CharField(label="理由", widget=forms.Textarea(attrs={"rows": 3}), max_length=2000)

    def clean_reason(self) -> str:
        reason = self.cleaned_data["reason"].strip()
        if len(reason) < 5:
            raise forms.ValidationError("请填写理由（不少于5个字）。")
        return reason


class ValidityForm(forms.Form):
    validity = forms.ChoiceField(label="有效性", choices=Validity.choices)
    repealed_on = forms.DateField(label="失效/废止日期", required=False, widget=DateInput())
    reason = forms.CharField(label="说明", required=False, max_length=500)

    def clean(self):
        data = super().clean()
        if data.get("validity") and data["validity"] != Validity.VALID and not data.get("repealed_on"):
            self.add_error("repealed_on", "请填写失效/废止日期。")
        return data


class StaffFilterForm(forms.Form):
    q = forms.CharField(label="标题", required=False)
    status = forms.ChoiceField(
        label="状态",
        required=False,
        choices=[("", "全部"), (selectors.OPEN_FILTER, "未办结（草稿、退回、审核中）"), *Document.Status.choices],
    )
    mine = forms.BooleanField(label="只看我起草的", required=False)
