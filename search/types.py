"""The results page's request and answer, the same whichever engine (Whoosh, Elasticsearch, database) served it."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime

from search import highlight
from search.query import ParsedQuery

# Facet fields shown on the page, in order, with their Chinese labels.
FACETS: dict[str, str] = {"kind": "类别", "column": "栏目", "unit": "发布机构", "year": "年份", "doc_type": "类型"}
SORTS = {"relevance": "按相关度", "date": "按时间"}
# Between the names of the other columns an item is also listed in (the index's ``also_columns``): a control
# character, never part of a column's name.
COLUMN_SEPARATOR = "\x1f"


@dataclass
class SearchRequest:
    query: ParsedQuery
    filters: dict[str, str] = field(default_factory=dict)  # facet field -> chosen value
    title_only: bool = False
    doc_number: str = ""  # advanced search: 文号
    date_from: date | None = None
    date_to: date | None = None
    sort: str = "relevance"
    page: int = 1
    page_size: int = 10
    with_facets: bool = True

    def cache_key(self) -> str:
        parts = [
            self.query.text,
            sorted(self.filters.items()),
            self.title_only,
            self.doc_number,
            self.date_from,
            self.date_to,
            self.sort,
            self.page,
            self.page_size,
            self.with_facets,
        ]
        return repr(parts)


@dataclass
class Hit:
    title: str
    url: str
    title_html: str = ""
    snippet_html: str = ""
    unit: str = ""
    column: str = ""
    doc_type: str = ""
    kind: str = ""
    pub_date: datetime | None = None
    doc_number: str = ""
    index_number: str = ""
    exact: bool = False  # the 文号 or 索引号 typed

    @classmethod
    def from_stored(cls, stored: dict, terms: list[str], literal: str, exact: bool = False) -> Hit:
        """A hit from an index's stored fields (or a database row's ``fallback_hit``), highlighted for ``terms``."""
        title, text = stored.get("title") or "", stored.get("text") or ""
        return cls(
            title=title,
            url=stored.get("url") or "",
            title_html=highlight.mark(title, terms),
            snippet_html=highlight.snippet(text, terms, literal),
            unit=stored.get("unit") or "",
            column=stored.get("column") or "",
            doc_type=stored.get("doc_type") or "",
            kind=stored.get("kind") or "",
            pub_date=stored.get("pub_date") or None,
            doc_number=stored.get("doc_number") or "",
            index_number=stored.get("index_number") or "",
            exact=exact,
        )


@dataclass
class SearchOutcome:
    hits: list[Hit] = field(default_factory=list)
    total: int = 0
    facets: dict[str, list[tuple[str, int]]] = field(default_factory=dict)
    facets_approximate: bool = False
    approximate: bool = False  # the total is an estimate (a quoted phrase over more candidates than were checked)
    suggestions: list[str] = field(default_factory=list)
    pinyin_words: list[str] = field(default_factory=list)
    partial_from: int | None = None  # index in the whole result list where partial (not all words) matches begin
    degraded: bool = False  # answered by the database because the index was unavailable
    engine: str = "whoosh"
