"""Permission-scoped reads. Staff reads go through portal.scoping (a unit's people see their unit, office staff see
all, anything else is a 404); public reads see published items only (withdrawn ones keep a page saying so)."""

from __future__ import annotations

import functools
from collections import Counter, defaultdict
from collections.abc import Iterator, Sequence
from datetime import date, datetime

from django.core.exceptions import ImproperlyConfigured
from django.db import connection
from django.db.models import Count, Exists, Max, Min, OuterRef, Prefetch, Q, Subquery
from django.db.models.fields.files import FieldFile
from django.db.models.functions import Coalesce, TruncDate
from django.db.models.query import ModelIterable
from django.http import Http404
from django.shortcuts import get_object_or_404

from disclosure import conf
from disclosure.models import (
    REVIEW_LEVEL_BY_STATUS,
    Attachment,
    Column,
    Document,
    DocumentHistory,
    ReviewLevel,
    Validity,
    published_q,
)
from portal import pagecache, prepared
from portal.models import Organization
from portal.scoping import get_for_user_or_404, scope_to_user
from portal.units import active_unit

S = Document.Status
LIST_FIELDS = ("column", "organization")
OPEN_STATES = (S.DRAFT, S.RETURNED, *REVIEW_LEVEL_BY_STATUS)
OPEN_FILTER = "open"  # the staff list's status filter for OPEN_STATES


# --- Staff


def documents_visible_to(user):
    return scope_to_user(Document.objects.select_related(*LIST_FIELDS), user)


def get_document_for_user(user, pk: int) -> Document:
    queryset = Document.objects.select_related(*LIST_FIELDS, "created_by", "submitted_by", "interprets")
    return get_for_user_or_404(queryset, user, pk=pk)


def get_attachment_for_user(user, document_pk: int, pk: int) -> Attachment:
    document = get_document_for_user(user, document_pk)
    return get_object_or_404(document.attachments.all(), pk=pk)


def open_documents(user):
    """Work still open in the user's scope: drafts, returned items and items under review."""
    return documents_visible_to(user).filter(status__in=OPEN_STATES).order_by("-updated_at", "-id")


def my_drafts(user):
    return documents_visible_to(user).filter(created_by=user, status__in=[S.DRAFT, S.RETURNED]).order_by("-updated_at")


def review_queue(user, level: str):
    """Items waiting at ``level`` that this user's role lets them act on (the per-item rules come later)."""
    allowed = {
        ReviewLevel.FIRST: user.is_unit_reviewer,
        ReviewLevel.SECOND: user.is_unit_leader,
        ReviewLevel.FINAL: user.is_office_staff,
    }[level]
    if not allowed:
        return Document.objects.none()
    status = {v: k for k, v in REVIEW_LEVEL_BY_STATUS.items()}[level]
    queryset = Document.objects.select_related(*LIST_FIELDS, "submitted_by").filter(status=status)
    if level != ReviewLevel.FINAL:
        queryset = queryset.filter(organization_id=user.organization_id)
    return queryset.order_by("level_due_on", "submitted_at")


def state_counts(user) -> dict[str, int]:
    rows = documents_visible_to(user).order_by().values("status").annotate(n=Count("id"))
    counts = Counter({row["status"]: row["n"] for row in rows})
    return {status: counts.get(status, 0) for status in S.values}


def history_of(document: Document):
    return DocumentHistory.objects.filter(document=document).select_related("actor").order_by("at", "id")


def interpretable_policies(user):
    """Policies a 政策解读 may point at: published documents of catalogue columns, and the user's own unit's policies
    still being drafted or reviewed (政策解读制度 二: the 解读 is drafted with the policy)."""
    unpublished = [S.DRAFT, S.RETURNED, *REVIEW_LEVEL_BY_STATUS]
    own = Q(status__in=unpublished, organization_id=user.organization_id) if user.organization_id else Q(pk__in=[])
    return (
        Document.objects.filter(published_q() | own)
        .filter(column__carries_metadata=True, column__is_interpretation=False)
        .select_related("organization")
        .order_by("-published_at", "-id")
    )


def interpretation_column() -> Column | None:
    """The 政策解读 column a new 解读 goes into."""
    return Column.objects.filter(is_interpretation=True, is_active=True).order_by("order", "pk").first()


def _without_interpretation(queryset):
    """Published policies whose 解读 clock runs and that have no published 解读 yet, the most urgent first."""
    has_one = Document.objects.published().filter(interprets=OuterRef("pk"))
    return (
        queryset.published()
        .filter(interpretation_due_on__isnull=False)
        .exclude(Exists(has_one))
        .select_related("organization")
        .order_by("interpretation_due_on", "pk")
    )


def policies_without_interpretation(user):
    """The policies in the user's scope still waiting for their 解读 (workbench)."""
    return _without_interpretation(scope_to_user(Document.objects.all(), user))


def policies_without_interpretation_of(organization_id: int | None = None):
    """The same, for one unit or the whole site (the inspection dashboard reads it)."""
    queryset = Document.objects.all()
    if organization_id is not None:
        queryset = queryset.filter(organization_id=organization_id)
    return _without_interpretation(queryset)


def interpretations_waiting_for(policy: Document):
    """The 解读 of a policy not yet published: drafted, in review or approved and waiting (staff detail page)."""
    return policy.interpretations.exclude(status__in=[S.REJECTED, S.WITHDRAWN]).order_by("pk")


# --- Public


class _WithKeptRelations(ModelIterable):
    """Documents with their column and unit taken from the per-site data kept per content generation
    (``columns_by_id``, ``units_by_id``) instead of a join: a list of twenty rows then builds twenty objects, not
    sixty. The kept objects are shared by the requests of the process: read them, never change them."""

    def __iter__(self):
        return _with_kept_relations(super().__iter__())


def _with_kept_relations(documents):
    columns, units = columns_by_id(), units_by_id()
    column_field, unit_field = Document._meta.get_field("column"), Document._meta.get_field("organization")
    for document in documents:
        # The relation's cache, as select_related fills it (a column or unit missing from the kept data is read on
        # access like any relation).
        if document.column_id in columns:
            column_field.set_cached_value(document, columns[document.column_id])
        if document.organization_id in units:
            unit_field.set_cached_value(document, units[document.organization_id])
        yield document


# What no public page shows: the review's bookkeeping.
_NOT_ON_THE_PUBLIC_PAGE = (
    "scan_findings", "scan_override_reason", "scan_blocking", "review_due_on", "level_due_on", "level_started_at",
    "submitted_by", "submitted_at", "review_round", "created_by", "published_by", "created_at", "is_important",
)  # fmt: skip


def public_documents():
    """Published items for lists (columns, blocks, the catalogue's latest): without the body, the one large field,
    which only the document page shows (``public_document``), and with the kept column and unit."""
    queryset = Document.objects.published().defer("body", *_NOT_ON_THE_PUBLIC_PAGE)
    queryset._iterable_class = _WithKeptRelations
    return queryset


def public_document(pk: int) -> Document:
    """A document the public may open, in one query, with ``has_attachments`` (the page reads them only then, and
    only while published). Its column, its unit and the policy it interprets come from the per-site data kept per
    content generation (``columns_by_id``, ``units_by_id``, ``policies_interpreted_by_id``), not from joins.

    This is the busiest query of the site, and Django spends twice as long building its SQL as PostgreSQL spends
    answering it: the SQL is built by the ORM once per process and database engine (``_document_page_sql``) and
    run with the document's id, on PostgreSQL as a statement prepared once per connection (``portal.prepared``)."""
    sql, params = _document_page_sql(connection.vendor)
    found = prepared.instances(Document, sql, [pk if p == _ANY_PK else p for p in params], "portal_document_page")
    if not found:
        raise Http404("信息不存在或尚未发布。")
    document = found[0]
    column = columns_by_id().get(document.column_id)
    if column is not None:
        Document._meta.get_field("column").set_cached_value(document, column)
    unit = units_by_id().get(document.organization_id)
    if unit is not None:
        Document._meta.get_field("organization").set_cached_value(document, unit)
    if document.interprets_id is not None:
        policy = policies_interpreted_by_id().get(document.interprets_id)
        if policy is not None:
            Document._meta.get_field("interprets").set_cached_value(document, policy)
    return document


_ANY_PK = -918_273_645  # stands for the id in the SQL built once; no other parameter of that query is this number


@functools.cache
def _document_page_sql(vendor: str) -> tuple[str, tuple]:
    queryset = (
        Document.objects.public()
        .only(*_public_fields())
        .annotate(has_attachments=Exists(Attachment.objects.filter(document=OuterRef("pk"))))
        .filter(pk=_ANY_PK)
        .order_by()  # one row: the default ordering would only add a sort
    )
    sql, params = queryset.query.sql_with_params()
    if list(params).count(_ANY_PK) != 1:
        raise ImproperlyConfigured("the document page's SQL must take the document's id exactly once")
    return sql, tuple(params)


def policies_interpreted_by_id() -> dict[int, Document]:
    """Every policy that a 解读 interprets (id, title, state), by id: kept until public content changes."""

    def build() -> dict[int, Document]:
        ids = Document.objects.filter(interprets__isnull=False).values("interprets_id")
        policies = Document.objects.filter(pk__in=ids).only("id", "title", "status", "disclosure_method")
        return {policy.pk: policy for policy in policies}

    return pagecache.per_generation("disclosure:interpreted_policies", build)


def _public_fields() -> list[str]:
    skipped = set(_NOT_ON_THE_PUBLIC_PAGE)
    return [f.name for f in Document._meta.concrete_fields if f.name not in skipped]


def columns_by_id() -> dict[int, Column]:
    """Every column, active or not, by id: kept until public content changes."""
    return pagecache.per_generation("disclosure:columns_by_id", lambda: {c.pk: c for c in Column.objects.all()})


def units_by_id() -> dict[int, Organization]:
    """Every unit, active or not, by id: kept until public content changes."""
    return pagecache.per_generation("disclosure:units_by_id", lambda: {o.pk: o for o in Organization.objects.all()})


def attachments_of(document: Document) -> list[Attachment]:
    return list(document.attachments.all()) if getattr(document, "has_attachments", True) else []


def _interpretations_index() -> dict[int, list[Document]]:
    fields = ("id", "title", "published_at", "interprets_id")
    rows = Document.objects.published().filter(interprets__isnull=False).only(*fields).order_by("-published_at")
    index: dict[int, list[Document]] = defaultdict(list)
    for row in rows:
        index[row.interprets_id].append(row)
    return dict(index)


def interpretations_of(document: Document) -> list[Document]:
    """The published 解读 of a policy, newest first: from a site-wide index kept until public content changes (one
    query per change, none per page)."""
    return pagecache.per_generation("disclosure:interpretations", _interpretations_index).get(document.pk, [])


def public_attachment(document_pk: int, pk: int) -> Attachment:
    attachments = Attachment.objects.filter(document__in=Document.objects.published())
    return get_object_or_404(attachments, document_id=document_pk, pk=pk)


def column_by_slug(slug: str) -> Column:
    _, children = column_tree()
    found = next((c for columns in children.values() for c in columns if c.slug == slug), None)
    if found is None:
        raise Http404("栏目不存在。")
    return found


def _column_tree() -> tuple[list[Column], dict[int, list[Column]]]:
    children: dict[int | None, list[Column]] = defaultdict(list)
    for column in Column.objects.filter(is_active=True).order_by("order", "id"):
        children[column.parent_id].append(column)
    return children[None], dict(children)


def column_tree() -> tuple[list[Column], dict[int, list[Column]]]:
    """Every active column: (roots, children by parent id), each list in display order. Read in one query and kept
    in the cache until public content (a column included) changes."""
    return pagecache.per_generation("disclosure:column_tree", _column_tree)


def column_trail(column: Column) -> list[Column]:
    """The column and its ancestors, root first (the breadcrumbs), from the cached tree: no query."""
    by_id = columns_by_id()
    trail, node = [], by_id.get(column.pk, column)
    while node is not None:
        trail.insert(0, node)
        node = by_id.get(node.parent_id) if node.parent_id else None
    return trail


def descendant_ids(column: Column, children: dict[int, list[Column]]) -> list[int]:
    ids, stack = [], [column]
    while stack:
        node = stack.pop()
        ids.append(node.pk)
        stack.extend(children.get(node.pk, []))
    return ids


def also_listed() -> dict[int, list[int]]:
    """The documents also listed in a column (Document.also_listed_in), by column: kept until public content changes
    (cross-listings are few)."""

    def build() -> dict[int, list[int]]:
        by_column: dict[int, list[int]] = defaultdict(list)
        for column_id, document_id in Document.also_listed_in.through.objects.values_list("column_id", "document_id"):
            by_column[column_id].append(document_id)
        return dict(by_column)

    return pagecache.per_generation("disclosure:also_listed", build)


def _listed_in(column_ids: list[int]) -> Q:
    """Filed in one of the columns, or also listed there (Document.also_listed_in). The cross-listed ids are a list,
    left out when there are none: an OR with a subquery keeps PostgreSQL from walking the column index
    (doc_column_list) and makes it filter the whole published_at index instead."""
    also = _also_listed_ids(column_ids)
    return Q(column_id__in=column_ids) | Q(pk__in=also) if also else Q(column_id__in=column_ids)


def _also_listed_ids(column_ids: list[int]) -> list[int]:
    listed = also_listed()
    return sorted({pk for column_id in column_ids for pk in listed.get(column_id, ())})


def latest_in_catalogue(organization: Organization | None = None, count: int = 10) -> list[Document]:
    """The newest published items of the 政府信息公开 catalogue (of one unit, or all) for the platform page: kept
    until public content changes."""

    def build() -> list[Document]:
        queryset = public_documents().filter(column__carries_metadata=True)
        if organization is not None:
            queryset = queryset.filter(organization=organization)
        return list(queryset.only(*_COLUMN_LIST_FIELDS).order_by("-published_at", "-id")[:count])

    key = f"disclosure:latest_in_catalogue:{organization.pk if organization else ''}:{count}"
    return pagecache.per_generation(key, build)


# What a column page's rows show (disclosure/templatetags/document_lists.py).
_COLUMN_LIST_FIELDS = (
    "title", "column", "organization", "status", "published_at", "index_number", "doc_number", "written_date",
    "validity",
)  # fmt: skip


def column_documents(column_ids: list[int], organization: Organization | None = None):
    """A column's published items, newest first, with the fields its rows show."""
    queryset = public_documents().filter(_listed_in(column_ids)).only(*_COLUMN_LIST_FIELDS)
    if organization is not None:
        queryset = queryset.filter(organization=organization)
    return queryset.order_by("-published_at", "-id")


class ColumnRows:
    """The rows of ``column_documents`` for a pager (``Paginator`` slices it; give it the count): the SQL is built by
    the ORM once per process and shape (how many columns, a unit or not, how many cross-listed items) and run with
    the ids, a limit and an offset. Building it took a column page as long as PostgreSQL takes to answer it; on
    PostgreSQL it is also parsed and planned once per connection (a prepared statement)."""

    def __init__(self, column_ids: list[int], organization: Organization | None = None):
        self.column_ids = list(dict.fromkeys(column_ids))
        self.organization = organization
        self.also = _also_listed_ids(self.column_ids)

    def __getitem__(self, index: slice) -> _LazyRows:
        if not isinstance(index, slice) or index.step not in (None, 1) or index.stop is None:
            raise TypeError("ColumnRows takes a slice with an end")
        return _LazyRows(lambda: self._rows(index.start or 0, index.stop))

    def _rows(self, start: int, stop: int) -> list[Document]:
        sql, params = _column_rows_sql(connection.vendor, len(self.column_ids), self.organization is not None,
                                       len(self.also))  # fmt: skip
        values = dict(zip(_sentinels(_COLUMN_SENTINEL, len(self.column_ids)), self.column_ids, strict=True))
        values.update(zip(_sentinels(_ALSO_SENTINEL, len(self.also)), self.also, strict=True))
        if self.organization is not None:
            values[_UNIT_SENTINEL] = self.organization.pk
        arguments = [values.get(p, p) if isinstance(p, int) else p for p in params]
        # Prepared once per connection (portal.prepared). Not with cross-listed items: for that OR, a plan made for
        # any ids could walk the whole publishing-date index (a plan per query picks the better index).
        name = None if self.also else f"portal_column_rows_{len(self.column_ids)}_{int(self.organization is not None)}"
        rows = prepared.instances(Document, sql, [*arguments, max(stop - start, 0), start], name)
        return list(_with_kept_relations(rows))


class _LazyRows(Sequence):
    """A page's rows, read at their first use: a page whose list is kept (``{% kept %}``) never reads them."""

    def __init__(self, load):
        self._load, self._rows = load, None

    def _loaded(self) -> list:
        if self._rows is None:
            self._rows = self._load()
        return self._rows

    def __getitem__(self, index):
        return self._loaded()[index]

    def __len__(self) -> int:
        return len(self._loaded())


# Stand-ins for the ids in the SQL built once (no other parameter of that query is a negative number).
_COLUMN_SENTINEL, _ALSO_SENTINEL, _UNIT_SENTINEL = -7_000_000_000, -8_000_000_000, -9_000_000_001


def _sentinels(base: int, count: int) -> list[int]:
    return [base - i for i in range(count)]


@functools.cache
def _column_rows_sql(vendor: str, columns: int, with_unit: bool, also: int) -> tuple[str, tuple]:
    listed = Q(column_id__in=_sentinels(_COLUMN_SENTINEL, columns))
    if also:
        listed |= Q(pk__in=_sentinels(_ALSO_SENTINEL, also))
    queryset = Document.objects.published().filter(listed).only(*_COLUMN_LIST_FIELDS)
    if with_unit:
        queryset = queryset.filter(organization_id=_UNIT_SENTINEL)
    sql, params = queryset.order_by("-published_at", "-id").query.sql_with_params()
    expected = columns + also + int(with_unit)
    if sum(1 for p in params if isinstance(p, int) and p < 0) != expected:
        raise ImproperlyConfigured("a column list's SQL must take each id exactly once")
    return f"{sql} LIMIT %s OFFSET %s", tuple(params)


def column_document_count(column: Column, column_ids: list[int], organization: Organization | None = None) -> int:
    """How many items ``column_documents`` lists (the pager's total): counted once per change of public content, as
    the count reads every matching row."""
    key = f"disclosure:column_count:{column.pk}:{organization.pk if organization else ''}"
    return pagecache.per_generation(key, lambda: column_documents(column_ids, organization).count())


def published_counts(organization: Organization | None = None) -> dict[int, int]:
    """Published documents per column (of one unit, or all), those also listed there included: one query (a UNION
    of both listings), kept until public content changes."""

    def count() -> dict[int, int]:
        queryset = Document.objects.published()
        if organization is not None:
            queryset = queryset.filter(organization=organization)
        filed = queryset.order_by().values_list("column_id").annotate(n=Count("id"))
        also = (
            Document.also_listed_in.through.objects.filter(document__in=queryset.values("pk"))
            .order_by()
            .values_list("column_id")
            .annotate(n=Count("document_id"))
        )
        counts: dict[int, int] = defaultdict(int)
        for column_id, n in filed.union(also, all=True):
            counts[column_id] += n
        return dict(counts)

    return pagecache.per_generation(f"disclosure:counts:{organization.pk if organization else ''}", count)


def latest_by_column(columns: list[Column], per_column: int = conf.HOME_ITEMS_PER_COLUMN) -> dict[int, list[Document]]:
    """The newest published items of several columns, those also listed there (Document.also_listed_in) included:
    two queries (a window over each column, for the items filed there and for those listed there too)."""
    from django.db.models import F, Window
    from django.db.models.functions import RowNumber

    ranked = (
        public_documents()
        .filter(column__in=columns)
        .annotate(rank=Window(RowNumber(), partition_by=[F("column_id")], order_by=[F("published_at").desc()]))
        .order_by("column_id", "rank")
    )
    result: dict[int, list[Document]] = defaultdict(list)
    for document in ranked.filter(rank__lte=per_column):
        result[document.column_id].append(document)
    listings = (
        Document.also_listed_in.through.objects.filter(column__in=columns, document__in=public_documents().values("pk"))
        .annotate(
            rank=Window(RowNumber(), partition_by=[F("column_id")], order_by=[F("document__published_at").desc()])
        )
        .values_list("column_id", "document_id", "rank")
    )
    also: dict[int, list[int]] = defaultdict(list)
    for column_id, document_id, rank in listings:
        if rank <= per_column:
            also[column_id].append(document_id)
    if also:
        extra = {d.pk: d for d in public_documents().filter(pk__in={pk for ids in also.values() for pk in ids})}
        for column_id, ids in also.items():
            filed = {d.pk for d in result[column_id]}
            merged = result[column_id] + [extra[pk] for pk in ids if pk in extra and pk not in filed]
            merged.sort(key=lambda d: (d.published_at, d.pk), reverse=True)
            result[column_id] = merged[:per_column]
    return result


def picture_news(column_slugs: tuple[str, ...], limit: int):
    """Published news items with a cover picture, newest first."""
    queryset = public_documents().filter(column__slug__in=column_slugs, column__is_active=True).exclude(cover_image="")
    return queryset.order_by("-published_at", "-id")[:limit]


def publishing_units() -> list[Organization]:
    """Every active unit with ``n``, its published items: kept until public content changes."""

    def units() -> list[Organization]:
        return list(
            Organization.objects.active()
            .annotate(n=Count("documents", filter=published_q("documents__")))
            .order_by("kind", "order", "id")
        )

    return pagecache.per_generation("disclosure:publishing_units", units)


def unit_by_code(code: str) -> Organization:
    return active_unit(code)


# --- Read by the site's self-inspection (the inspection app; no domain app imports it)


def latest_publications(column_ids: list[int]) -> dict[int, datetime]:
    """Per column id: its newest publication (columns with none are left out). One query; each column is one seek
    in the column-list index, so the cost follows the number of columns, not of documents."""
    newest = Document.objects.published().filter(column=OuterRef("pk")).order_by("-published_at")
    rows = Column.objects.filter(pk__in=column_ids).annotate(last=Subquery(newest.values("published_at")[:1]))
    return {pk: last for pk, last in rows.values_list("pk", "last") if last is not None}


def unit_publication_stats(
    column_ids: list[int], organization_id: int | None = None
) -> dict[tuple[int, int], datetime]:
    """Per (column id, unit id): that unit's newest publication in that column (its own catalogue)."""
    queryset = Document.objects.published().filter(column_id__in=column_ids)
    if organization_id is not None:
        queryset = queryset.filter(organization_id=organization_id)
    rows = queryset.order_by().values_list("column_id", "organization_id").annotate(Max("published_at"))
    return {(column_id, unit_id): last for column_id, unit_id, last in rows}


def published_pages(batch_size: int = 500) -> Iterator[list[Document]]:
    """Every published document in batches by id (memory stays flat however many there are), with what a nightly
    check reads: title, unit, summary, body, and the attachments' names and extracted text."""
    attachments = Prefetch("attachments", Attachment.objects.only("document_id", "name", "extracted_text", "order"))
    fields = ("title", "column_id", "organization_id", "summary", "body", "updated_at")
    queryset = Document.objects.published().only(*fields).prefetch_related(attachments).order_by("pk")
    last = 0
    while batch := list(queryset.filter(pk__gt=last)[:batch_size]):
        yield batch
        last = batch[-1].pk


def document_texts(document: Document) -> list[tuple[str, str]]:
    """(where, plain text) pairs of a document, as the confidentiality scan reads them."""
    from disclosure import scan

    return scan.document_texts(document)


def public_document_ids(ids: list[int]) -> set[int]:
    """Which of ``ids`` the public may open (published, or withdrawn with its notice)."""
    return set(Document.objects.public().filter(pk__in=ids).values_list("pk", flat=True))


def published_attachment_files(document_ids: list[int]) -> dict[tuple[int, int], FieldFile]:
    """The stored file of every attachment of these documents that the public may download, by (document, id)."""
    rows = Attachment.objects.filter(document_id__in=document_ids, document__status=S.PUBLISHED)
    return {(a.document_id, a.pk): a.file for a in rows.only("document_id", "file")}


def interpreted_policies(since: datetime, organization_id: int | None = None) -> list[Document]:
    """Policies published since ``since`` that have a published 解读, newest first, each with
    ``first_interpretation`` (when its first 解读 went up). Read from the 解读 side (the 政策解读 columns' items, found
    through the column-list index), then the policies by id."""
    columns = Column.objects.filter(is_interpretation=True).values("pk")
    readings = Document.objects.published().filter(column__in=columns, interprets__isnull=False).order_by()
    first = dict(readings.values_list("interprets_id").annotate(Min("published_at")))
    policies = Document.objects.published().filter(pk__in=first, published_at__gte=since)
    if organization_id is not None:
        policies = policies.filter(organization_id=organization_id)
    found = list(policies.select_related("organization").order_by("-published_at"))
    for policy in found:
        policy.first_interpretation = first[policy.pk]
    return found


def in_review_in_column(user, column_id: int):
    """The items under review in one column that ``user`` may see, the most urgent first."""
    queryset = documents_visible_to(user).filter(column_id=column_id, status__in=list(REVIEW_LEVEL_BY_STATUS))
    return queryset.order_by("level_due_on", "submitted_at")


# --- Figures for the office's 通报, 考核 and 网站工作年度报表 (read by the evaluation app)


def all_columns() -> list[dict]:
    """Every column, active or not, as plain values: the reports classify columns and count their documents."""
    fields = ("id", "name", "slug", "kind", "parent_id", "is_interpretation", "is_active", "order")
    return list(Column.objects.order_by("order", "id").values(*fields))


def publication_counts(start, end) -> list[dict]:
    """Documents the public saw appear in [start, end), per unit and column: how many, and how many of them late
    (published more than 20 working days after their 成文日期, 条例 Art. 26). One withdrawn since counts: it was
    published in the period."""
    return list(
        Document.objects.public()
        .filter(published_at__gte=start, published_at__lt=end)
        .order_by()
        .values("organization_id", "column_id")
        .annotate(published=Count("id"), late=Count("id", filter=Q(published_late=True)))
    )


# Seconds between two timestamps of the history table, in each database's own terms.
_SECONDS_BETWEEN = {
    "sqlite": "(julianday(h.at) - julianday(h.arrived)) * 86400.0",
    "postgresql": "EXTRACT(EPOCH FROM h.at - h.arrived)",
}


def review_durations(start, end) -> list[tuple[int, str, int, float]]:
    """(unit, level, decisions, seconds in all) of the review decisions taken in [start, end): for each, the time
    from the item reaching that level to the decision. An item reaches a level by the state change just before the
    decision in the same round (its submission, or the pass at the level below); rows that change no state (an
    attachment, an override) do not count as arrivals.

    One query: the previous state change comes from a window function and the sums are made by the database, so a
    year of 100,000 reviewed documents costs no row-by-row work here."""
    history, documents = DocumentHistory._meta.db_table, Document._meta.db_table
    seconds = _SECONDS_BETWEEN[connection.vendor]
    sql = f"""
        SELECT d.organization_id, h.level, COUNT(*), SUM({seconds})
        FROM (
            SELECT document_id, level, at,
                   LAG(at) OVER (PARTITION BY document_id, review_round ORDER BY at, id) AS arrived
            FROM {history}
            WHERE from_state <> to_state AND document_id IN (
                SELECT document_id FROM {history} WHERE at >= %s AND at < %s AND level <> ''
            )
        ) h
        JOIN {documents} d ON d.id = h.document_id
        WHERE h.level <> '' AND h.at >= %s AND h.at < %s AND h.arrived IS NOT NULL
        GROUP BY d.organization_id, h.level
    """  # noqa: S608 - table names from the models, values as parameters
    with connection.cursor() as cursor:
        cursor.execute(sql, [start, end, start, end])
        return [(unit, level, count, float(total)) for unit, level, count, total in cursor.fetchall()]


def policy_column_ids() -> set[int]:
    """The columns of policies that get a 解读: the catalogue columns beside a 政策解读 column (规章、行政规范性文件 and
    其他文件 under 政策)."""
    columns = all_columns()
    parents = {c["parent_id"] for c in columns if c["is_interpretation"]}
    return {
        c["id"]
        for c in columns
        if c["parent_id"] in parents and not c["is_interpretation"] and c["kind"] == Column.Kind.CATALOGUE
    }


def interpretation_coverage(start, end) -> list[dict]:
    """Per unit: policies published in [start, end), and how many of them had a 解读 published by ``end``."""
    interpreted = Document.objects.public().filter(interprets=OuterRef("pk"), published_at__lt=end)
    return list(
        Document.objects.public()
        .filter(column_id__in=policy_column_ids(), published_at__gte=start, published_at__lt=end)
        .order_by()
        .values("organization_id")
        .annotate(policies=Count("id"), interpreted=Count("id", filter=Exists(interpreted)))
    )


def interpretations_by_kind(start, end) -> dict[str, int]:
    """解读 published in [start, end) by their form (文字, 图解, 问答, 视频, 专家, 负责同志; "" for items recorded
    before the form was), for the 网站工作年度报表's 解读回应 figures."""
    columns = Column.objects.filter(is_interpretation=True).values("pk")
    rows = (
        Document.objects.public()
        .filter(column__in=columns, published_at__gte=start, published_at__lt=end)
        .order_by()
        .values_list("interpretation_kind")
        .annotate(n=Count("id"))
    )
    return dict(rows)


def public_documents_by_id(ids) -> dict[int, dict]:
    """Title, column and unit of the public documents among ``ids`` (the pages read in a period), in batches that
    every database accepts."""
    ids, found = list(ids), {}
    for i in range(0, len(ids), 5000):
        rows = Document.objects.public().filter(pk__in=ids[i : i + 5000])
        found.update({row["id"]: row for row in rows.values("id", "title", "column_id", "column__name",
                                                            "organization__name")})  # fmt: skip
    return found


# --- The annual report's table 二, first line (条例 art. 20 (一)): 规章 and 行政规范性文件

REGULATION_COLUMNS = {"gz": "规章", "gfxwj": "行政规范性文件"}  # column slug -> the row of table 二


def regulation_counts(year: int, organization_id: int | None = None) -> dict[str, dict[str, int]]:
    """{column slug: {"issued", "repealed", "in_force"}} for ``year``, counting the published documents of the 规章
    and 行政规范性文件 columns (one unit's, or all): 本年制发 = made in the year (its 成文日期, else the day it was
    published); 本年废止 = 失效 or 废止 with its date in the year; 现行有效 = made by 31 December and not 失效/废止
    by then. One grouped query."""
    start, end = date(year, 1, 1), date(year, 12, 31)
    made = Coalesce("written_date", TruncDate("published_at"))
    ended = ~Q(validity=Validity.VALID) & Q(repealed_on__isnull=False)
    qs = Document.objects.published().filter(column__slug__in=REGULATION_COLUMNS).annotate(made=made)
    if organization_id is not None:
        qs = qs.filter(organization_id=organization_id)
    rows = (
        qs.order_by()
        .values("column__slug")
        .annotate(
            issued=Count("id", filter=Q(made__gte=start, made__lte=end)),
            repealed=Count("id", filter=ended & Q(repealed_on__gte=start, repealed_on__lte=end)),
            in_force=Count("id", filter=Q(made__lte=end) & (Q(validity=Validity.VALID) | Q(repealed_on__gt=end))),
        )
    )
    out = {slug: {"issued": 0, "repealed": 0, "in_force": 0} for slug in REGULATION_COLUMNS}
    for row in rows:
        out[row["column__slug"]] = {k: row[k] for k in ("issued", "repealed", "in_force")}
    return out


def page_owner(url_name: str, kwargs: dict) -> int | None:
    """The unit behind a public page of this app (portal.registry.page_owner): a document's publisher, a unit's
    platform or guide."""
    if url_name in ("document", "document_print"):
        return public_documents().filter(pk=kwargs["pk"]).values_list("organization_id", flat=True).first()
    if url_name in ("platform_unit", "guide_unit"):
        return Organization.objects.filter(code=kwargs["code"]).values_list("pk", flat=True).first()
    return None
