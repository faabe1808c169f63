"""The search form: what the results page accepts from the address bar, validated, never trusted."""

from __future__ import annotations

from django import forms

from search import conf
from search.query import parse
from search.types import FACETS, SORTS, SearchRequest

MAX_PAGE = 100  # deeper pages cost more than any reader needs; refine the query instead


class SearchForm(forms.Form):
    q = forms.CharField(label="关键词", required=False, max_length=1000, strip=True)
    title_only = forms.BooleanField(label="仅搜索标题", required=False)
    doc_number = forms.CharField(label="文号", required=False, max_length=60, strip=True)
    date_from = forms.DateField(label="发布日期自", required=False, widget=forms.DateInput(attrs={"type": "date"}))
    date_to = forms.DateField(label="至", required=False, widget=forms.DateInput(attrs={"type": "date"}))
    unit = forms.CharField(label="发布机构", required=False, max_length=100)
    kind = forms.CharField(required=False, max_length=30)
    column = forms.CharField(required=False, max_length=100)
    year = forms.RegexField(regex=r"^\d{4}$", required=False)
    doc_type = forms.CharField(required=False, max_length=30)
    sort = forms.ChoiceField(choices=list(SORTS.items()), required=False)
    page = forms.IntegerField(min_value=1, required=False)

    def full_clean(self):
        # An address names one or two of the twelve parameters (q, page): only those are cleaned by their fields.
        # The others take the value their field cleans an absent parameter to, without the bound field and the
        # cleaning Django would give each (about 10 µs a field).
        all_fields = self.fields
        self.fields = {name: field for name, field in all_fields.items() if name in self.data}
        try:
            super().full_clean()
        finally:
            self.fields = all_fields
        if self.is_bound:
            for name, value in _ABSENT.items():
                if name not in self.data:
                    self.cleaned_data[name] = value

    def clean(self):
        data = super().clean()
        start, end = data.get("date_from"), data.get("date_to")
        if start and end and start > end:
            self.add_error("date_to", "结束日期不能早于开始日期。")
        return data

    def to_request(self) -> SearchRequest:
        data = self.cleaned_data
        return SearchRequest(
            query=parse(data.get("q")),
            filters={f: data[f] for f in FACETS if data.get(f)},
            title_only=bool(data.get("title_only")),
            doc_number=data.get("doc_number") or "",
            date_from=data.get("date_from"),
            date_to=data.get("date_to"),
            sort=data.get("sort") or "relevance",
            page=min(data.get("page") or 1, MAX_PAGE),
            page_size=conf.SEARCH_PAGE_SIZE,
        )


class _SharedFields(dict):
    """A form's fields that every form shares instead of getting a deep copy (Django copies a form's fields so that
    one form may change its own): the search form never changes its fields, and copying its twelve took 76 µs a
    search."""

    def __deepcopy__(self, memo):
        return dict(self)


SearchForm.base_fields = _SharedFields(SearchForm.base_fields)
# What each field cleans a parameter missing from the address to ("", None or False: all are optional).
_ABSENT = {
    name: field.clean(field.widget.value_from_datadict({}, {}, name)) for name, field in SearchForm.base_fields.items()
}
