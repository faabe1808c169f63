"""The search form cleans only the parameters the address names: the same cleaned data and errors as Django's own
cleaning of all twelve fields."""

import random

from django import forms
from django.http import QueryDict

from search.forms import SearchForm

VALUES = {
    "q": ["预算", " 财政 预算 ", "", "x" * 1001],
    "title_only": ["on", "", "false"],
    "doc_number": ["西政办发〔2018〕47号", ""],
    "date_from": ["2024-01-01", "2024-13-01", ""],
    "date_to": ["2023-12-31", "2025-06-30", "昨天"],
    "unit": ["城关镇", ""],
    "kind": ["政府信息"],
    "column": ["通知公告"],
    "year": ["2024", "24x"],
    "doc_type": ["通知"],
    "sort": ["date", "relevance", "bogus"],
    "page": ["2", "0", "x", ""],
}


def test_the_cleaned_data_and_errors_are_djangos():
    rng = random.Random(5)
    for n in range(400):
        names = rng.sample(list(VALUES), rng.randrange(0, 5)) if n else []
        data = QueryDict(mutable=True)
        for name in names:
            data[name] = rng.choice(VALUES[name])
        ours = SearchForm(data)
        reference = SearchForm(data)
        forms.Form.full_clean(reference)  # Django's cleaning of every field
        assert ours.is_valid() == (not reference.errors)
        assert ours.errors == reference.errors
        assert ours.cleaned_data == reference.cleaned_data
        assert len(ours.fields) == 12  # the rendered form still has them all


def test_an_unbound_form_is_not_cleaned():
    form = SearchForm()
    assert not form.is_valid() and form.errors == {}
