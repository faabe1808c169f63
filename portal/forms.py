"""Plain Chinese for the errors of every citizen form: each message names its field ("请填写联系电话。") instead of
Django's generic or mistranslated wording (zh-hans renders "Null characters are not allowed." as "不允许是用空字符串",
which says the opposite of the rule). Required fields carry the `required` class, so their label shows a star."""

from __future__ import annotations

from django import forms
from django.core import validators


def _verb(field: forms.Field) -> str:
    return "请选择" if isinstance(field, forms.ChoiceField | forms.FileField | forms.BooleanField) else "请填写"


def _plain_validators(field: forms.Field) -> list:
    label = field.label or "此项"
    plain = []
    for validator in field.validators:
        if isinstance(validator, validators.ProhibitNullCharactersValidator):
            validator = validators.ProhibitNullCharactersValidator(
                f"{label}中含有无法识别的控制字符，请删除后重新输入。"
            )
        elif isinstance(validator, validators.MaxLengthValidator) and "%(limit_value)d" in str(validator.message):
            validator = validators.MaxLengthValidator(
                validator.limit_value, f"{label}不能超过{validator.limit_value}字（当前%(show_value)d字）。"
            )
        elif isinstance(validator, validators.MinLengthValidator) and "%(limit_value)d" in str(validator.message):
            validator = validators.MinLengthValidator(
                validator.limit_value, f"{label}至少填写{validator.limit_value}字（当前%(show_value)d字）。"
            )
        elif isinstance(validator, validators.EmailValidator):
            validator = validators.EmailValidator("请输入有效的电子邮箱地址，如 name@example.com。")
        plain.append(validator)
    return plain


def plain_messages(field: forms.Field) -> dict[str, str]:
    label = field.label or "此项"
    messages = {
        "required": f"{_verb(field)}{label}。",
        "invalid_choice": f"请从列表中选择{label}。",
        "invalid_list": f"请从列表中选择{label}。",
    }
    if isinstance(field, forms.EmailField):
        messages["invalid"] = "请输入有效的电子邮箱地址，如 name@example.com。"
    elif isinstance(field, forms.DateField):
        messages["invalid"] = f"{label}请按“2025-01-31”的格式填写。"
    elif isinstance(field, forms.IntegerField | forms.DecimalField | forms.FloatField):
        messages["invalid"] = f"{label}请填写数字。"
    elif isinstance(field, forms.FileField):
        messages.update(
            invalid="所选文件无法读取，请重新选择。",
            missing="没有收到文件，请重新选择。",
            empty="所选文件是空的，请重新选择。",
        )
    return messages


class ChineseErrorsMixin:
    """For citizen forms: plain Chinese errors that name the field, and required labels marked with a star.

    A message the form set itself (a field's own error_messages) is kept; only Django's defaults are replaced."""

    required_css_class = "required"
    error_css_class = "has-error"

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("label_suffix", "")
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            defaults = {}
            for klass in reversed(type(field).__mro__):
                defaults.update(getattr(klass, "default_error_messages", {}))
            for code, message in plain_messages(field).items():
                if field.error_messages.get(code) == defaults.get(code):
                    field.error_messages[code] = message
            field.validators = _plain_validators(field)
