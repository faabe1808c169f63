"""The units (乡镇 and 部门) as public pages look them up by code: kept until public content changes, so a unit's view
of a column, of the catalogue or of the service list takes no query to find the unit."""

from __future__ import annotations

from django.http import Http404

from portal import pagecache
from portal.models import Organization


def active_unit(code: str) -> Organization:
    """The active unit with this code (in any case), or a 404. The object is shared by the requests of the process
    until content changes: read it, never change it."""
    units = pagecache.per_generation(
        "portal:active_units_by_code", lambda: {unit.code: unit for unit in Organization.objects.active()}
    )
    found = units.get(code.upper())
    if found is None:
        raise Http404("未找到该单位。")
    return found
