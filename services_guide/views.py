"""Public pages of 办事服务: the catalogue browsed by unit, theme and kind, each item's 办事指南 (and its print
version and kept earlier versions), and the materials' blank forms and examples."""

from __future__ import annotations

from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from portal import pagecache
from portal.private_files import serve_private
from services_guide import conf, selectors
from services_guide.conf import Theme
from services_guide.models import THEMES_FOR_GROUP, Kind

FILE_FIELDS = {"blank": ("blank_form", "blank_form_name"), "example": ("example", "example_name")}


def _choice(value: str, allowed) -> str:
    return value if value in allowed else ""


@require_GET
def index(request):
    """/services/: counts by unit, by theme (个人 / 法人) and by kind, and the items the chosen filters select."""
    params = request.GET
    unit = selectors.unit_by_code(params["unit"]) if params.get("unit") else None
    group = _choice(params.get("group", ""), THEMES_FOR_GROUP)
    theme = _choice(params.get("theme", ""), Theme.values)
    kind = _choice(params.get("kind", ""), Kind.values)
    query = params.get("q", "").strip()[:50]
    versions = selectors.filtered_versions(unit=unit, group=group, theme=theme, kind=kind, query=query)
    chosen = [label for label in (
        unit.name if unit else "", selectors.GROUP_LABELS.get(group, ""), selectors.theme_label(theme),
        Kind(kind).label if kind else "", f"“{query}”" if query else "",
    ) if label]  # fmt: skip
    browse_key = _browse_key(unit, group, theme, kind)
    paginator = Paginator(versions, conf.PAGE_SIZE)
    if browse_key and not query:
        # The total of a combination the browsing links set, counted once per change of public content.
        paginator.count = pagecache.per_generation(f"services_guide:count:{browse_key}", versions.count)
    context = {
        "catalogue": selectors.catalogue(),
        "browse_key": browse_key,
        "page": paginator.get_page(params.get("page")),
        "filters": {"unit": unit, "group": group, "theme": theme, "kind": kind, "q": query},
        "chosen": chosen,
        "crumbs": [("办事服务", "")],
    }
    return render(request, "services_guide/index.html", context)


def _browse_key(unit, group: str, theme: str, kind: str) -> str:
    """The key the browsing panels are kept under for the filters one of their links sets (none, a group, a group
    and a theme, a kind, a unit: some hundred keys at most); "" for any other combination, rendered each time."""
    chosen = (bool(unit), bool(group), bool(theme), bool(kind))
    if chosen in {(False, False, False, False), (False, True, False, False), (False, True, True, False),
                  (False, False, False, True), (True, False, False, False)}:  # fmt: skip
        return f"{unit.code if unit else ''}|{group}|{theme}|{kind}"
    return ""


def _guide(request, code: str, number: int | None, template: str):
    item = selectors.public_item(code)
    version = selectors.public_version(item, number)
    context = {"item": item, "version": version, "timeline": selectors.version_timeline(item)}
    return render(request, template, context)


@require_GET
def item(request, code: str):
    return _guide(request, code, None, "services_guide/item.html")


@require_GET
def item_print(request, code: str):
    return _guide(request, code, None, "services_guide/item_print.html")


@require_GET
def item_version(request, code: str, number: int):
    return _guide(request, code, number, "services_guide/item.html")


def file_response(request, material, which: str) -> HttpResponse:
    if which not in FILE_FIELDS:
        raise Http404("文件不存在。")
    field_name, name_field = FILE_FIELDS[which]
    stored = getattr(material, field_name)
    filename = getattr(material, name_field) or None
    return serve_private(request, stored, filename)


@require_GET
def material_file(request, code: str, pk: int, which: str):
    return file_response(request, selectors.public_material(code, pk), which)
