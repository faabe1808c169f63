from django import forms

from inspection.models import UpdateClass


class ColumnRuleForm(forms.Form):
    update_class = forms.ChoiceField(label="更新类别", choices=UpdateClass.choices)
    per_unit = forms.BooleanField(label="逐单位检查", required=False, help_text="各单位的本单位目录分别检查更新情况")
