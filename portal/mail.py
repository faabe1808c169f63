"""Who to tell, and telling them: the e-mail addresses of the office staff (政务公开办) and of a unit's staff, and one
message per recipient so that staff never see each other's addresses."""

from __future__ import annotations

from django.conf import settings
from django.core.mail import send_mass_mail

from portal.models import Role, User


def office_addresses() -> list[str]:
    return sorted(set(User.objects.with_role(Role.OFFICE).exclude(email="").values_list("email", flat=True)))


def unit_addresses(organization_id: int | None) -> list[str]:
    """A unit's staff: its active users with a role and an e-mail address."""
    if not organization_id:
        return []
    users = User.objects.filter(organization_id=organization_id, is_active=True, groups__isnull=False)
    return sorted(set(users.exclude(email="").values_list("email", flat=True)))


def send_each(subject: str, body: str, recipients: list[str]) -> int:
    """One message per recipient; returns how many were sent."""
    if not recipients:
        return 0
    return send_mass_mail([(subject, body, settings.DEFAULT_FROM_EMAIL, [r]) for r in sorted(set(recipients))])
