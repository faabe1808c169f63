"""The base SearchIndex every app's index derives from, so that one results page can show any kind of hit.

An app adds its content to the search by writing ``<app>/search_indexes.py`` with a class deriving from
``PortalSearchIndex`` and ``indexes.Indexable`` (see ``search/__init__.py``).
"""

from __future__ import annotations

from django.utils import timezone
from haystack import indexes

from portal.sanitize import html_to_text
from search.analyzer import ChineseAnalyzer
from search.query import normalize_doc_number, normalize_index_number
from search.types import COLUMN_SEPARATOR


class PortalSearchIndex(indexes.SearchIndex):
    """Fields shared by every kind of hit. Facet fields are ``FacetCharField`` (an ID column in Whoosh, a keyword in
    Elasticsearch); Chinese text fields carry the positional jieba analyzer (ignored by Elasticsearch, which uses
    its own IK/smartcn analyzer). Subclasses set ``kind_label`` and fill the ``prepare_*`` hooks."""

    kind_label = "信息"

    text = indexes.CharField(document=True, use_template=True, analyzer=ChineseAnalyzer())
    title = indexes.CharField(analyzer=ChineseAnalyzer(), boost=2.0)
    url = indexes.CharField(indexed=False)
    doc_number = indexes.CharField(indexed=False, default="")
    index_number = indexes.CharField(indexed=False, default="")
    pub_date = indexes.DateTimeField(null=True)
    # Facets (filters with counts on the results page) and exact keys.
    kind = indexes.FacetCharField()
    unit = indexes.FacetCharField()
    column = indexes.FacetCharField()
    # The other columns an item is also listed in (Document.also_listed_in), joined by COLUMN_SEPARATOR: the 栏目
    # filter finds the item under each of them, and its count counts it there, as the column pages list it.
    also_columns = indexes.FacetCharField(default="")
    doc_type = indexes.FacetCharField()
    year = indexes.FacetCharField()
    doc_number_key = indexes.FacetCharField()
    index_number_key = indexes.FacetCharField()

    def prepare_url(self, obj) -> str:
        return obj.get_absolute_url()

    def prepare_kind(self, obj) -> str:
        return self.kind_label

    def prepare_year(self, obj) -> str:
        date = self.prepare_pub_date(obj)
        return str(timezone.localtime(date).year) if date else ""

    def prepare_also_columns(self, obj) -> str:
        return COLUMN_SEPARATOR.join(self.listed_columns(obj))

    def listed_columns(self, obj) -> list[str]:
        """The names of the columns besides ``prepare_column``'s that list ``obj`` (none unless a subclass says)."""
        return []

    def prepare_doc_number_key(self, obj) -> str:
        return normalize_doc_number(self.prepare_doc_number(obj) or "")

    def prepare_index_number_key(self, obj) -> str:
        return normalize_index_number(self.prepare_index_number(obj) or "")

    def prepare_doc_number(self, obj) -> str:
        return ""

    def prepare_index_number(self, obj) -> str:
        return ""

    def prepare_pub_date(self, obj):
        return None

    # --- the database fallback (used when the index is unavailable) and the benchmark's baseline.
    fallback_fields: tuple[str, ...] = ("title",)

    def fallback_queryset(self):
        """What the database search scans: the same rows as the index."""
        return self.index_queryset()

    def fallback_hit(self, obj) -> dict:
        """The display fields of one row, the same names as the stored index fields."""
        return {
            "title": self.prepare_title(obj) if hasattr(self, "prepare_title") else str(obj),
            "url": self.prepare_url(obj),
            "unit": self.prepare_unit(obj),
            "column": self.prepare_column(obj),
            "also_columns": self.prepare_also_columns(obj),
            "doc_type": self.prepare_doc_type(obj),
            "kind": self.kind_label,
            "pub_date": self.prepare_pub_date(obj),
            "doc_number": self.prepare_doc_number(obj),
            "index_number": self.prepare_index_number(obj),
            "text": self.fallback_text(obj),
        }

    def fallback_text(self, obj) -> str:
        return ""

    def fallback_visible(self, data: dict, words: list[str]) -> bool:
        """Whether a row the database matched may be shown: an index whose page masks personal data returns False
        when a word matched only the raw, unmasked column (a full phone number must not find a message)."""
        return True


def plain(html: str) -> str:
    return html_to_text(html or "")
