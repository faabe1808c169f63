"""Public pages of the 政府信息公开 platform: the catalogue tree, column lists, the 公开指南, documents and their
attachments. Reads go through the selectors, which show published items only (withdrawn ones keep a page saying so)."""

from __future__ import annotations

from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render

from disclosure import conf, selectors
from disclosure.models import Column, Document
from portal.context_processors import site_profile
from portal.models import Organization
from portal.private_files import serve_private

KEPT_COLUMN_PAGES = 3


def page_of(request, queryset, per_page: int = conf.PAGE_SIZE, count: int | None = None):
    """One page of ``queryset``; ``count``, when the caller knows the total, spares the pager its COUNT query."""
    paginator = Paginator(queryset, per_page)
    if count is not None:
        paginator.count = count  # Paginator.count is a cached_property: this is its value
    return paginator.get_page(request.GET.get("page"))


# --- Public


def platform(request, code: str | None = None):
    """The 政府信息公开 platform (one column of the portal, the same catalogue for the county and every unit): the
    catalogue tree with counts."""
    if not code and request.GET.get("unit"):  # the unit selector (a GET form that works without JavaScript)
        return redirect("disclosure:platform_unit", selectors.unit_by_code(request.GET["unit"]).code)
    unit = selectors.unit_by_code(code) if code else None
    roots, children = selectors.column_tree()
    root = next((c for c in roots if c.slug == "xxgk"), None)
    if root is None:
        raise Http404("政府信息公开平台栏目未配置。")
    counts = selectors.published_counts(unit)
    context = {
        "unit": unit,
        "root": root,
        "sections": _tree_nodes(root, children, counts),
        "units": selectors.publishing_units(),
        "latest": selectors.latest_in_catalogue(unit),
    }
    return render(request, "disclosure/platform.html", context)


def _tree_nodes(column: Column, children: dict, counts: dict[int, int]) -> list[dict]:
    nodes = []
    for child in children.get(column.pk, []):
        sub = _tree_nodes(child, children, counts)
        total = counts.get(child.pk, 0) + sum(n["count"] for n in sub)
        nodes.append({"column": child, "children": sub, "count": total})
    return nodes


def platform_unit(request, code: str):
    return platform(request, code)


def column_list(request, slug: str):
    column = selectors.column_by_slug(slug)
    unit = selectors.unit_by_code(request.GET["unit"]) if request.GET.get("unit") else None
    if column.kind == Column.Kind.GUIDE:
        return guide(request, unit.code if unit else None, column=column)
    roots, children = selectors.column_tree()
    column_ids = selectors.descendant_ids(column, children)
    documents = selectors.ColumnRows(column_ids, unit)
    parent = next((c for cs in children.values() for c in cs if c.pk == column.parent_id), None)
    page = page_of(request, documents, count=selectors.column_document_count(column, column_ids, unit))
    context = {
        "column": column,
        "parent": parent,
        "unit": unit,
        "subcolumns": children.get(column.pk, []),
        "siblings": children.get(column.parent_id, []) if column.parent_id else [],
        "page": page,
        # The rows of a column's first pages (most readers' and every pager's start) are kept until public content
        # changes; later pages and a unit's view of a column (columns × units) are read each time.
        "keep_rows": unit is None and page.number <= KEPT_COLUMN_PAGES,
    }
    return render(request, "disclosure/column.html", context)


def guide(request, code: str | None = None, column: Column | None = None):
    """政府信息公开指南 (条例 Art. 12), built from the unit's own contact fields; the county's is the office's."""
    if code:
        unit = selectors.unit_by_code(code)
    else:
        unit = Organization.objects.active().filter(kind=Organization.Kind.COUNTY_OFFICE).order_by("order").first()
    roots, children = selectors.column_tree()
    root = next((c for c in roots if c.slug == "xxgk"), None)
    context = {
        "unit": unit,
        # The county office's guide falls back on the site's own contact details where the office has none.
        "county_contact": site_profile() if unit and unit.is_county_office else None,
        "column": column or Column.objects.filter(kind=Column.Kind.GUIDE).first(),
        "sections": _tree_nodes(root, children, {}) if root else [],
        "units": selectors.publishing_units(),
    }
    return render(request, "disclosure/guide.html", context)


def document_detail(request, pk: int, template: str = "disclosure/document.html"):
    document = selectors.public_document(pk)
    context = {
        "document": document,
        "attachments": selectors.attachments_of(document) if document.status == Document.Status.PUBLISHED else [],
        "interpretations": selectors.interpretations_of(document),
        "policy": document.interprets if document.interprets and document.interprets.is_public else None,
        "trail": selectors.column_trail(document.column),
    }
    return render(request, template, context)


def document_print(request, pk: int):
    return document_detail(request, pk, template="disclosure/document_print.html")


def attachment_download(request, pk: int, attachment_pk: int):
    attachment = selectors.public_attachment(pk, attachment_pk)
    return serve_private(request, attachment.file, attachment.name)
