"""Permission-scoped reads. Staff reads go through portal.scoping (a unit's people see their unit's items, office
staff see all, anything else is a 404); public reads see the version in force of each item (and stopped items' own
pages), never a draft or a change under review."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import date, datetime, time
from zoneinfo import ZoneInfo

from django.conf import settings
from django.db.models import Count, Min, Prefetch, Q
from django.http import Http404

from portal import pagecache
from portal.models import Organization
from portal.review import ReviewLevel
from portal.scoping import get_for_user_or_404, scope_to_user
from portal.units import active_unit
from services_guide.conf import Theme
from services_guide.models import (
    OPEN_STATES,
    PUBLIC_STATES,
    REVIEW_LEVEL_BY_STATUS,
    TARGETS_FOR_GROUP,
    THEMES_FOR_GROUP,
    GuideHistory,
    GuideVersion,
    Kind,
    Material,
    Online,
    ServiceItem,
)

S = GuideVersion.Status
LEVEL_STATUS = {level: status for status, level in REVIEW_LEVEL_BY_STATUS.items()}
GROUP_LABELS = {"person": "个人办事", "business": "法人办事"}


# --- Public


def public_versions():
    """Versions in force (one per item), with what a list row shows."""
    return GuideVersion.objects.filter(status=S.PUBLISHED, item__organization__is_active=True).select_related(
        "item", "item__organization"
    )


def filtered_versions(*, unit: Organization | None = None, group: str = "", theme: str = "", kind: str = "",
                      query: str = ""):  # fmt: skip
    versions = public_versions()
    if unit is not None:
        versions = versions.filter(item__organization=unit)
    if group in TARGETS_FOR_GROUP:
        versions = versions.filter(target__in=TARGETS_FOR_GROUP[group])
    if theme:
        versions = versions.filter(themes__theme=theme)
    if kind:
        versions = versions.filter(kind=kind)
    if query:
        versions = versions.filter(Q(name__icontains=query) | Q(item__code__iexact=query))
    # What a row of the list shows: the guide's long texts stay in the database.
    return versions.only(*_LIST_FIELDS).order_by("item__organization__order", "item__code")


_LIST_FIELDS = (
    "name", "kind", "promised_days", "online", "status", "number", "item__code", "item__organization__name",
    "item__organization__short_name", "item__organization__code",
)  # fmt: skip


@dataclass
class Catalogue:
    """The counts the /services/ page browses by: per unit, per theme in each group, per kind."""

    total: int
    online: int
    units: list[tuple[Organization, int]]
    groups: list[dict]
    kinds: list[tuple[str, str, int]]


def catalogue() -> Catalogue:
    """Every count of the browsing page: four queries whatever the catalogue's size, once per change of public
    content (the same for every reader and every filter)."""
    return pagecache.per_generation("services_guide:catalogue", _catalogue)


def _catalogue() -> Catalogue:
    rows = list(public_versions().order_by().values_list("item__organization_id", "kind", "target", "online"))
    theme_rows = list(public_versions().order_by().values_list("target", "themes__theme").exclude(themes__theme=None))
    by_unit = Counter(row[0] for row in rows)
    units = [(unit, by_unit[unit.pk]) for unit in Organization.objects.active().filter(pk__in=by_unit)]
    by_kind = Counter(row[1] for row in rows)
    kinds = [(value, label, by_kind[value]) for value, label in Kind.choices if by_kind[value]]
    groups = []
    for group, targets in TARGETS_FOR_GROUP.items():
        counts = Counter(theme for target, theme in theme_rows if target in targets)
        themes = [(t.value, t.label, counts[t.value]) for t in THEMES_FOR_GROUP[group] if counts[t.value]]
        total = sum(1 for row in rows if row[2] in targets)
        groups.append({"key": group, "label": GROUP_LABELS[group], "count": total, "themes": themes})
    online = sum(1 for row in rows if row[3] == Online.FULLY)
    return Catalogue(total=len(rows), online=online, units=units, groups=groups, kinds=kinds)


def public_item(code: str) -> ServiceItem:
    queryset = ServiceItem.objects.public().select_related("organization", "current")
    try:
        return queryset.get(code=code.upper(), organization__is_active=True)
    except ServiceItem.DoesNotExist as exc:
        raise Http404("该事项不存在或尚未发布。") from exc


def public_version(item: ServiceItem, number: int | None = None) -> GuideVersion:
    """The version the page shows: the one in force (or stopped), or a kept 历史版本 by its number."""
    versions = GuideVersion.objects.filter(item=item, status__in=PUBLIC_STATES).prefetch_related("themes", "materials")
    try:
        return versions.get(pk=item.current_id) if number is None else versions.get(number=number)
    except GuideVersion.DoesNotExist as exc:
        raise Http404("该版本不存在。") from exc


def version_timeline(item: ServiceItem) -> list[GuideVersion]:
    """What applied when: every approved version, newest first."""
    return list(item.versions.filter(status__in=PUBLIC_STATES).order_by("-number"))


def public_material(code: str, pk: int) -> Material:
    """A material of a published (or kept) version: its files are public."""
    try:
        return Material.objects.select_related("version").get(
            pk=pk, version__item__code=code.upper(), version__status__in=PUBLIC_STATES
        )
    except Material.DoesNotExist as exc:
        raise Http404("文件不存在。") from exc


def unit_items(organization: Organization, limit: int) -> tuple[list[GuideVersion], int]:
    versions = public_versions().filter(item__organization=organization).order_by("item__code")
    rows = list(versions[: limit + 1])
    return rows[:limit], (len(rows) if len(rows) <= limit else versions.count())


def home_summary() -> dict:
    """The home page's entrance: how many items are in force, and the themes that have any, in one query."""
    rows = list(public_versions().order_by().values_list("pk", "themes__theme"))
    themes = {theme for _, theme in rows if theme}
    return {
        "total": len({pk for pk, _ in rows}),
        "themes": {group: [t for t in choices if t.value in themes] for group, choices in THEMES_FOR_GROUP.items()},
    }


def unit_by_code(code: str) -> Organization:
    return active_unit(code)


# --- Staff


def versions_visible_to(user):
    return scope_to_user(
        GuideVersion.objects.select_related("item", "item__organization", "created_by"), user, "item__organization"
    )


def items_visible_to(user):
    return scope_to_user(ServiceItem.objects.select_related("organization", "current"), user)


def staff_versions(user, *, status: str = "", query: str = "", unit: int | None = None):
    """The staff list: each item's newest version (its open change if any, else the one in force)."""
    versions = versions_visible_to(user).exclude(status__in=[S.SUPERSEDED, S.DISCARDED, S.REJECTED])
    versions = versions.exclude(Q(status__in=[S.PUBLISHED, S.STOPPED]) & Q(item__versions__status__in=OPEN_STATES))
    if status:
        versions = versions.filter(status=status)
    if query:
        versions = versions.filter(Q(name__icontains=query) | Q(item__code__icontains=query))
    if unit:
        versions = versions.filter(item__organization_id=unit)
    return versions.distinct().order_by("-updated_at", "-id")


def get_version_for_user(user, pk: int) -> GuideVersion:
    queryset = GuideVersion.objects.select_related(
        "item", "item__organization", "item__current", "created_by", "submitted_by", "published_by"
    ).prefetch_related("themes", "materials")
    return get_for_user_or_404(queryset, user, "item__organization", pk=pk)


def get_item_for_user(user, pk: int) -> ServiceItem:
    return get_for_user_or_404(ServiceItem.objects.select_related("organization", "current"), user, pk=pk)


def get_material_for_user(user, version_pk: int, pk: int) -> Material:
    version = get_version_for_user(user, version_pk)
    try:
        return version.materials.get(pk=pk)
    except Material.DoesNotExist as exc:
        raise Http404("文件不存在。") from exc


def review_queue(user, level: str):
    """Versions waiting at ``level`` that this user's role lets them act on (per-version rules: the workflow)."""
    allowed = {
        ReviewLevel.FIRST: user.is_unit_reviewer,
        ReviewLevel.SECOND: user.is_unit_leader,
        ReviewLevel.FINAL: user.is_office_staff,
    }[level]
    if not allowed:
        return GuideVersion.objects.none()
    queryset = GuideVersion.objects.select_related("item", "item__organization", "submitted_by").filter(
        status=LEVEL_STATUS[level]
    )
    if level != ReviewLevel.FINAL:
        queryset = queryset.filter(item__organization_id=user.organization_id)
    return queryset.order_by("submitted_at", "id")


def my_open_versions(user):
    return versions_visible_to(user).filter(created_by=user, status__in=[S.DRAFT, S.RETURNED]).order_by("-updated_at")


def history_of(item: ServiceItem):
    return GuideHistory.objects.filter(item=item).select_related("actor", "version").order_by("at", "id")


def export_versions(organization: Organization):
    """A unit's catalogue for export: each item's version in force, with its themes and materials."""
    return (
        public_versions()
        .filter(item__organization=organization)
        .prefetch_related("themes", Prefetch("materials", queryset=Material.objects.order_by("order", "id")))
        .order_by("item__code")
    )


def unit_items_for_import(organization: Organization) -> dict[str, ServiceItem]:
    return {item.code: item for item in ServiceItem.objects.filter(organization=organization).select_related("current")}


def units_for(user):
    """The units a user may draft for: their own, or every active unit for the office."""
    if user.is_office_staff:
        return Organization.objects.active().order_by("order", "id")
    return Organization.objects.filter(pk=user.organization_id)


# --- Figures


@dataclass(frozen=True)
class AnnualFigures:
    """办事服务 in the 政府网站工作年度报表 (国办函〔2018〕12号): whether a catalogue is published, how many items
    it holds, and how many can be done wholly online, as at the end of ``year``."""

    year: int
    catalogue_published: bool
    items_published: int
    items_fully_online: int
    items_online: int  # any online handling (预约、预审 or 全程)
    items_added: int  # first approved during the year
    items_stopped: int  # stopped during the year


def annual_figures(year: int) -> AnnualFigures:
    """Counts at 31 December of ``year`` from the versions' own dates, so a past year's report does not change
    when items are changed or stopped later."""
    tz = ZoneInfo(settings.TIME_ZONE)
    start, end = (datetime.combine(date(y, 1, 1), time.min, tzinfo=tz) for y in (year, year + 1))
    # In force at the end of the year: approved before it ended, not replaced or stopped by then.
    in_force = (
        GuideVersion.objects.filter(published_at__lt=end)
        .exclude(superseded_at__lt=end)
        .exclude(stopped_on__lt=end.date())
    )
    counts = in_force.aggregate(
        total=Count("id"),
        fully=Count("id", filter=Q(online=Online.FULLY)),
        online=Count("id", filter=~Q(online=Online.NONE)),
    )
    first_approved = ServiceItem.objects.annotate(first=Min("versions__published_at"))
    added = first_approved.filter(first__gte=start, first__lt=end).count()
    stopped = GuideVersion.objects.filter(stopped_on__gte=start.date(), stopped_on__lt=end.date()).count()
    return AnnualFigures(
        year=year,
        catalogue_published=counts["total"] > 0,
        items_published=counts["total"],
        items_fully_online=counts["fully"],
        items_online=counts["online"],
        items_added=added,
        items_stopped=stopped,
    )


def theme_label(value: str) -> str:
    return Theme(value).label if value in Theme.values else ""


def page_owner(url_name: str, kwargs: dict) -> int | None:
    """The unit that runs a service item, for the pages of its 办事指南 (portal.registry.page_owner)."""
    if url_name in ("item", "item_print", "item_version"):
        return ServiceItem.objects.filter(code=kwargs["code"]).values_list("organization_id", flat=True).first()
    return None
