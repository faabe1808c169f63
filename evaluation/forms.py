"""Forms of the evaluation pages. Rules of the domain stay in the services; a form checks types and ranges and says
what is wrong next to the field."""

from __future__ import annotations

from decimal import Decimal

from django import forms

from evaluation import webreport
from evaluation.figures import METRIC_CHOICES
from evaluation.models import ColumnClass, Indicator, Scheme
from evaluation.scoring import Rule


class OpinionForm(forms.Form):
    opinion = forms.CharField(
        label="意见/理由", required=False, max_length=1000, widget=forms.Textarea(attrs={"rows": 3})
    )


class YearForm(forms.Form):
    year = forms.IntegerField(label="年度", min_value=2000, max_value=2100)


class MonthForm(forms.Form):
    year = forms.IntegerField(label="年份", min_value=2000, max_value=2100)
    month = forms.IntegerField(label="月份", min_value=1, max_value=12)


class BulletinForm(forms.Form):
    """The office's remarks, and each unit's open self-inspection marks (entered: the site does not hold them)."""

    remarks = forms.CharField(label="通报意见", required=False, max_length=5000, widget=forms.Textarea(attrs={"rows": 8}),
                              help_text="对本月工作的总体评价、存在问题和工作要求。")  # fmt: skip

    def __init__(self, *args, lines, **kwargs):
        super().__init__(*args, **kwargs)
        self.lines = lines
        for line in lines:
            self.fields[f"inspection_{line.unit_id}"] = forms.IntegerField(
                label=line.name, required=False, min_value=0, max_value=9999
            )

    def unit_fields(self):
        return [self[f"inspection_{line.unit_id}"] for line in self.lines]

    def inspection(self) -> dict[int, int | None]:
        return {line.unit_id: self.cleaned_data.get(f"inspection_{line.unit_id}") for line in self.lines}


class SchemeForm(forms.ModelForm):
    class Meta:
        model = Scheme
        fields = ["name", "performance_weight"]


class IndicatorForm(forms.ModelForm):
    metric = forms.ChoiceField(label="数据指标", required=False, choices=[("", "（人工评分不选）"), *METRIC_CHOICES])

    class Meta:
        model = Indicator
        fields = ["order", "name", "rule", "metric", "weight", "target", "criteria"]

    def clean(self):
        data = super().clean()
        if self.errors:
            return data
        rule = Rule("", data["name"], data["rule"], data["weight"], data.get("metric") or "", data.get("target"))
        problem = rule.problem()
        if problem:
            field = "target" if "目标值" in problem else "metric"
            self.add_error(field, problem)
        return data


class ManualScoresForm(forms.Form):
    """A manual item's score and note for every unit at once; a unit left blank keeps no score yet."""

    def __init__(self, *args, indicator: Indicator, units: list[dict], scores: dict, **kwargs):
        super().__init__(*args, **kwargs)
        self.units = units
        self.indicator = indicator
        for unit in units:
            score = scores.get(unit["id"])
            self.fields[f"points_{unit['id']}"] = forms.DecimalField(
                label=f"{unit['name']}得分", required=False, min_value=Decimal(0), max_value=indicator.weight,
                decimal_places=2, initial=score.points if score else None,
            )  # fmt: skip
            self.fields[f"note_{unit['id']}"] = forms.CharField(
                label=f"{unit['name']}评分说明", required=False, max_length=300, initial=score.note if score else ""
            )

    def clean(self):
        data = super().clean()
        for unit in self.units:
            points, note = data.get(f"points_{unit['id']}"), (data.get(f"note_{unit['id']}") or "").strip()
            if points is not None and not note:
                self.add_error(f"note_{unit['id']}", "请填写评分说明。")
        return data

    def rows(self):
        return [(unit, self[f"points_{unit['id']}"], self[f"note_{unit['id']}"]) for unit in self.units]

    def scored(self) -> list[tuple[int, Decimal, str]]:
        return [
            (unit["id"], self.cleaned_data[f"points_{unit['id']}"], self.cleaned_data[f"note_{unit['id']}"].strip())
            for unit in self.units
            if self.cleaned_data.get(f"points_{unit['id']}") is not None
        ]


BOOL_CHOICES = [("", "（未填）"), ("true", "是"), ("false", "否")]


class WebReportForm(forms.Form):
    """One field per line the office enters; blanks may be saved, and must be filled before submitting."""

    def __init__(self, *args, figures: dict, entries: dict, **kwargs):
        super().__init__(*args, **kwargs)
        self.lines = webreport.entry_lines(figures)
        for line in self.lines:
            initial = entries.get(line.key)
            label = f"{line.label}{f'（{line.unit}）' if line.unit else ''}"
            if line.kind == "bool":
                field = forms.ChoiceField(choices=BOOL_CHOICES, required=False,
                                          initial="" if initial is None else ("true" if initial else "false"))  # fmt: skip
            elif line.kind == "decimal":
                field = forms.DecimalField(
                    min_value=0, max_digits=12, decimal_places=2, required=False, initial=initial
                )
            elif line.kind == "text":
                field = forms.CharField(max_length=300, required=False, initial=initial)
            else:
                field = forms.IntegerField(min_value=0, max_value=10**12, required=False, initial=initial)
            field.label, field.help_text = label, line.note
            self.fields[line.key] = field

    def entries(self) -> dict:
        values = {}
        for line in self.lines:
            value = self.cleaned_data.get(line.key)
            if line.kind == "bool":
                value = {"true": True, "false": False}.get(value)
            elif line.kind == "decimal" and value is not None:
                value = str(value)
            elif line.kind == "text":
                value = (value or "").strip() or None
            values[line.key] = value
        return values


class ColumnClassForm(forms.Form):
    category = forms.ChoiceField(label="年度报表分类", choices=ColumnClass.Category.choices)
    opened_on = forms.DateField(label="专题开设日期", required=False, widget=forms.DateInput(attrs={"type": "date"}))
    closed_on = forms.DateField(label="专题关闭日期", required=False, widget=forms.DateInput(attrs={"type": "date"}))

    def clean(self):
        data = super().clean()
        if data.get("category") == ColumnClass.Category.TOPIC and not data.get("opened_on"):
            self.add_error("opened_on", "专栏专题须填写开设日期。")
        if data.get("opened_on") and data.get("closed_on") and data["closed_on"] < data["opened_on"]:
            self.add_error("closed_on", "关闭日期不能早于开设日期。")
        return data
