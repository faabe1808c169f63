"""The search form: what the results page accepts from the address bar, validated, never trusted."""

from __future__ import annotations

from django import forms

from search import conf
from search.query import parse
from search.types import FACETS, SORTS, SearchRequest

MAX_PAGE = 100  # deeper pages cost more than any reader needs; refine the query instead


class _Shared:
    """A field that every form shares instead of getting a deep copy (Django copies a form's fields so that one form
    may change its own): the search form never changes its fields, and copying its twelve took 76 µs a search."""

    def __deepcopy__(self, memo):
        return self


class _CharField(_Shared, forms.CharField):
    pass


class _BooleanField(_Shared, forms.BooleanField):
    pass


class _DateField(_Shared, forms.DateField):
    pass


class _RegexField(_Shared, forms.RegexField):
    pass


class _ChoiceField(_Shared, forms.ChoiceField):
    pass


class _IntegerField(_Shared, forms.IntegerField):
    pass


class SearchForm(forms.Form):
    q = _CharField(label="关键词", required=False, max_length=1000, strip=True)
    title_only = _BooleanField(label="仅搜索标题", required=False)
    doc_number = _CharField(label="文号", required=False, max_length=60, strip=True)
    date_from = _DateField(label="发布日期自", required=False, widget=forms.DateInput(attrs={"type": "date"}))
    date_to = _DateField(label="至", required=False, widget=forms.DateInput(attrs={"type": "date"}))
    unit = _CharField(label="发布机构", required=False, max_length=100)
    kind = _CharField(required=False, max_length=30)
    column = _CharField(required=False, max_length=100)
    year = _RegexField(regex=r"^\d{4}$", required=False)
    doc_type = _CharField(required=False, max_length=30)
    sort = _ChoiceField(choices=list(SORTS.items()), required=False)
    page = _IntegerField(min_value=1, required=False)

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
