"""Forms of 解读回应. The public question form carries a captcha; staff forms hand cleaned data to the services."""

from __future__ import annotations

from captcha.fields import CaptchaField
from ckeditor.widgets import CKEditorWidget
from django import forms
from django.utils import timezone

from disclosure import selectors as disclosure
from interaction.forms import CAPTCHA_LABEL, ChineseErrorsMixin
from portal.models import Organization

from . import conf
from .models import ConcernResponse


class DateTimeInput(forms.DateTimeInput):
    input_type = "datetime-local"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%dT%H:%M", **kwargs)


def _datetime(label: str, help_text: str = "") -> forms.DateTimeField:
    return forms.DateTimeField(label=label, widget=DateTimeInput(), input_formats=["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M"],
                               help_text=help_text, error_messages={"invalid": f"请按“年-月-日 时:分”填写{label}。"})  # fmt: skip


def _units():
    return Organization.objects.active()


class ConcernForm(ChineseErrorsMixin, forms.Form):
    title = forms.CharField(label="舆情事项", max_length=200)
    summary = forms.CharField(label="舆情概要", widget=forms.Textarea(attrs={"rows": 4}))
    source = forms.CharField(label="来源", max_length=100, help_text="如：微博、本地论坛、新闻媒体、12345热线。")
    link = forms.URLField(label="原始链接", max_length=500, required=False, assume_scheme="https",
                          error_messages={"invalid": "请输入有效的网址。"})  # fmt: skip
    first_seen_at = _datetime("首次发现时间")
    level = forms.ChoiceField(label="舆情级别", choices=[(k, conf.CONCERN_LEVEL_LABELS.get(k, k)) for k in conf.CONCERN_CLOCKS],
                              help_text="特别重大、重大：1小时内首次发布信息，24小时内举行新闻发布会；一般：48小时内回应。")  # fmt: skip
    organization = forms.ModelChoiceField(label="牵头责任单位", queryset=Organization.objects.none())
    units = forms.ModelMultipleChoiceField(label="协同单位", queryset=Organization.objects.none(), required=False,
                                           widget=forms.SelectMultiple(attrs={"size": 6}))  # fmt: skip

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organization"].queryset = _units()
        self.fields["units"].queryset = _units()

    def clean_first_seen_at(self):
        value = self.cleaned_data["first_seen_at"]
        if value > timezone.now():
            raise forms.ValidationError("首次发现时间不能晚于现在。")
        return value


class ResponseForm(ChineseErrorsMixin, forms.Form):
    kind = forms.ChoiceField(label="回应方式", choices=ConcernResponse.Kind.choices)
    title = forms.CharField(label="回应标题", max_length=200)
    link = forms.CharField(label="链接", max_length=500, required=False,
                           help_text="已发布的回应文件、发布会或新媒体文章的网址；回应文件必填。")  # fmt: skip
    responded_at = _datetime("回应时间", "信息实际发布或发布会举行的时间。")
    is_public = forms.BooleanField(label="在回应关切栏目公开", required=False, initial=True)

    def clean(self):
        data = super().clean()
        if data.get("kind") == ConcernResponse.Kind.DOCUMENT and not (data.get("link") or "").strip():
            self.add_error("link", "回应文件请填写已发布文件的链接。")
        if data.get("responded_at") and data["responded_at"] > timezone.now():
            self.add_error("responded_at", "回应时间不能晚于现在。")
        return data


class ResultForm(ChineseErrorsMixin, forms.Form):
    result = forms.CharField(label="调查处置结果", widget=forms.Textarea(attrs={"rows": 4}))


class ReasonForm(ChineseErrorsMixin, forms.Form):
    reason = forms.CharField(label="原因", max_length=500, widget=forms.Textarea(attrs={"rows": 2}))


class InterviewForm(ChineseErrorsMixin, forms.Form):
    title = forms.CharField(label="访谈主题", max_length=200)
    organization = forms.ModelChoiceField(label="主办单位", queryset=Organization.objects.none())
    starts_at = _datetime("访谈时间")
    guests = forms.CharField(label="访谈嘉宾", widget=forms.Textarea(attrs={"rows": 3}),
                             help_text="每行一位，格式：姓名，职务。")  # fmt: skip
    policy = forms.ModelChoiceField(label="解读的政策文件", queryset=disclosure.public_documents().none(),
                                    required=False)  # fmt: skip
    preview = forms.CharField(label="访谈预告", widget=forms.Textarea(attrs={"rows": 4}))
    transcript = forms.CharField(label="文字实录", widget=CKEditorWidget(), required=False,
                                 help_text="访谈结束后整理发布。")  # fmt: skip

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        units = _units()
        if not user.is_office_staff:
            units = units.filter(pk=user.organization_id)
        self.fields["organization"].queryset = units
        self.fields["policy"].queryset = disclosure.interpretable_policies(user).filter(status="published")

    def clean_guests(self) -> list[tuple[str, str]]:
        guests = []
        for line in self.cleaned_data["guests"].splitlines():
            if not line.strip():
                continue
            name, sep, post = line.replace(",", "，").partition("，")
            if not sep or not name.strip() or not post.strip():
                raise forms.ValidationError(f"“{line.strip()}”格式不对，请按“姓名，职务”填写。")
            guests.append((name.strip()[:50], post.strip()[:100]))
        if not guests:
            raise forms.ValidationError("请至少填写一位访谈嘉宾。")
        return guests


class PhotoForm(ChineseErrorsMixin, forms.Form):
    image = forms.ImageField(label="图片", help_text="JPG 或 PNG。")
    caption = forms.CharField(label="图片说明", max_length=100, required=False)


class QuestionForm(ChineseErrorsMixin, forms.Form):
    name = forms.CharField(label="昵称", max_length=50)
    content = forms.CharField(label="问题", max_length=conf.QUESTION_MAX,
                              widget=forms.Textarea(attrs={"rows": 4, "maxlength": conf.QUESTION_MAX}),
                              help_text=f"不超过{conf.QUESTION_MAX}字。问题经审核后由嘉宾答复。")  # fmt: skip
    phone = forms.CharField(label="联系电话", max_length=20, required=False,
                            help_text="选填，不会公开；访谈中未及答复的问题转交有关单位办理时用于联系。")  # fmt: skip
    captcha = CaptchaField(label=CAPTCHA_LABEL)

    def clean_content(self) -> str:
        value = self.cleaned_data["content"].strip()
        if len(value) < 5:
            raise forms.ValidationError("问题不能少于5个字。")
        return value


class AnswerForm(ChineseErrorsMixin, forms.Form):
    answered_by = forms.ChoiceField(label="答复嘉宾", choices=())
    answer = forms.CharField(label="答复内容", widget=forms.Textarea(attrs={"rows": 4}))

    def __init__(self, *args, interview, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["answered_by"].choices = [(g.name, f"{g.name}（{g.post}）") for g in interview.guests.all()]


class HostQuestionForm(AnswerForm):
    content = forms.CharField(label="主持人提问", widget=forms.Textarea(attrs={"rows": 2}))

    field_order = ["content", "answered_by", "answer"]
