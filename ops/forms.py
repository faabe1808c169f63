from __future__ import annotations

from django import forms
from django.contrib.auth.forms import PasswordChangeForm

from ops.models import AuditEntry


class CodeForm(forms.Form):
    code = forms.CharField(
        label="验证码",
        max_length=32,
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "inputmode": "numeric", "autofocus": True}),
        help_text="身份验证器上显示的6位数字；手机不在身边时可输入一个恢复码（每个只能用一次）。",
    )


class EnrolForm(forms.Form):
    code = forms.CharField(
        label="验证码",
        max_length=10,
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "inputmode": "numeric", "autofocus": True}),
        help_text="扫描二维码后，身份验证器上显示的6位数字。",
    )


class StaffPasswordChangeForm(PasswordChangeForm):
    error_messages = {
        **PasswordChangeForm.error_messages,
        "password_incorrect": "当前密码不正确，请重新输入。",
        "password_mismatch": "两次输入的新密码不一致。",
    }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["old_password"].label = "当前密码"
        self.fields["new_password1"].label = "新密码"
        self.fields["new_password1"].help_text = ""  # the page lists the rules above the form
        self.fields["new_password2"].label = "再次输入新密码"

    def clean_new_password1(self):
        password = self.cleaned_data.get("new_password1")
        if password and password == self.cleaned_data.get("old_password"):
            raise forms.ValidationError("新密码不能与当前密码相同。")
        return password


class AuditFilterForm(forms.Form):
    event = forms.ChoiceField(label="事件", required=False, choices=[("", "全部")] + AuditEntry.Event.choices)
    username = forms.CharField(label="账号", required=False, max_length=150)
    address = forms.CharField(label="来源地址", required=False, max_length=45)
    q = forms.CharField(label="对象或内容", required=False, max_length=100)
    date_from = forms.DateField(label="起始日期", required=False, widget=forms.DateInput(attrs={"type": "date"}))
    date_to = forms.DateField(label="截止日期", required=False, widget=forms.DateInput(attrs={"type": "date"}))

    def clean(self):
        data = super().clean()
        if data.get("date_from") and data.get("date_to") and data["date_from"] > data["date_to"]:
            self.add_error("date_to", "截止日期不能早于起始日期。")
        return data
