"""The one scoping rule (DESIGN §1): a staff user sees only their own unit's objects; office staff see everything.

Every app's selectors call ``scope_to_user`` (or use ``OrgScopedQuerySet.for_user``); templates never decide this.
"""

from django.db import models
from django.http import Http404


def scope_to_user(queryset: models.QuerySet, user, org_field: str = "organization") -> models.QuerySet:
    """Narrow ``queryset`` to what ``user`` may see. ``org_field`` is the lookup path to the owning Organization."""
    if user is None or not user.is_authenticated or not user.is_active:
        return queryset.none()
    if user.is_office_staff:
        return queryset
    # A login without a role (or without a unit) is not staff of any unit: it sees nothing, not its unit's work.
    if not user.organization_id or not user.is_portal_staff:
        return queryset.none()
    return queryset.filter(**{f"{org_field}_id" if "__" not in org_field else org_field: user.organization_id})


def get_for_user_or_404(queryset: models.QuerySet, user, org_field: str = "organization", **lookup):
    """Fetch one object the user may see; anything else — missing or another unit's — is a 404, never a 403, so an
    outsider cannot even learn that the object exists."""
    try:
        return scope_to_user(queryset, user, org_field).get(**lookup)
    except queryset.model.DoesNotExist as exc:
        raise Http404("未找到该记录。") from exc


class OrgScopedQuerySet(models.QuerySet):
    """A queryset whose rows belong to an Organization through ``org_field``."""

    org_field = "organization"

    def for_user(self, user):
        return scope_to_user(self, user, self.org_field)
