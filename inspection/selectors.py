"""Permission-scoped reads of the self-inspection: a unit's staff see their own unit's columns and findings, office
staff see everything; the runs and their reports are the office's. Anything else is a 404."""

from __future__ import annotations

from django.http import Http404
from django.shortcuts import get_object_or_404

from inspection.freshness import Tree
from inspection.models import InspectionRun
from portal.models import Organization


def column_for(user, tree: Tree, pk: int):
    """A column that takes documents, which the user's unit may publish in (office staff: any)."""
    column = next((c for c in tree.columns if c.pk == pk), None)
    if column is None or not (user.is_office_staff or column.allows_unit(user.organization)):
        raise Http404("未找到该栏目。")
    return column


def unit_for(user, value: str | None) -> Organization | None:
    """The unit whose own catalogue a column page shows: a unit's staff always see their own; office staff choose
    one with ``?unit=`` (or none: the column site-wide)."""
    if not user.is_office_staff:
        return user.organization
    if not value or not value.isdigit():
        return None
    return get_object_or_404(Organization.objects.active(), pk=int(value))


def runs_for(user):
    if not user.is_office_staff:
        raise Http404("未找到该页面。")
    return InspectionRun.objects.select_related("requested_by")


def run_for(user, pk: int) -> InspectionRun:
    return get_object_or_404(runs_for(user), pk=pk)


def unit_by_pk(user, pk: int) -> Organization:
    """A unit, for office staff looking at its own catalogue."""
    if not user.is_office_staff:
        raise Http404("未找到该页面。")
    return get_object_or_404(Organization.objects.active(), pk=pk)
