from __future__ import annotations

from django import forms

from reports.models import AnnualReport


class CreateForm(forms.Form):
    year = forms.IntegerField(label="报告年度", min_value=2008, max_value=2100)
    aggregate = forms.BooleanField(label="汇总全县各单位数据（仅县政府年度报告）", required=False)


class ReportForm(forms.ModelForm):
    class Meta:
        model = AnnualReport
        fields = ["licences", "penalties", "enforcements", "fees", "overview", "problems", "other_matters"]
        widgets = {
            "overview": forms.Textarea(attrs={"rows": 8}),
            "problems": forms.Textarea(attrs={"rows": 5}),
            "other_matters": forms.Textarea(attrs={"rows": 4}),
        }
        help_texts = {"fees": "单位：万元，最多四位小数。"}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in ("licences", "penalties", "enforcements", "fees"):
            self.fields[name].required = True
            self.fields[name].error_messages["required"] = "请填写本项数据（没有的填0）。"
        if self.instance.is_county:
            self.fields["aggregate"] = forms.BooleanField(label="汇总全县各单位数据", required=False,
                                                          initial=self.instance.aggregate)  # fmt: skip

    def clean_fees(self):
        value = self.cleaned_data["fees"]
        if value is not None and value < 0:
            raise forms.ValidationError("收费金额不能为负数。")
        return value


class OpinionForm(forms.Form):
    opinion = forms.CharField(label="意见/理由", required=False, widget=forms.Textarea(attrs={"rows": 2}))


class FiguresImportForm(forms.Form):
    file = forms.FileField(label="数据文件（CSV或Excel）",
                           help_text="第1行为表头：科室或项目，行政许可，行政处罚，行政强制，行政事业性收费（万元）；每行一个科室，报告取各行之和。")  # fmt: skip

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > 1_000_000:
            raise forms.ValidationError("文件不能超过1MB。")
        if not upload.name.lower().endswith((".csv", ".xlsx")):
            raise forms.ValidationError("请上传CSV或Excel（.xlsx）文件。")
        return upload
