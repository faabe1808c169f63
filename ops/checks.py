from django.conf import settings
from django.core.checks import Error, Tags, register


@register(Tags.security)
def audit_retention(app_configs, **kwargs):
    from ops.services import AUDIT_RETENTION_FLOOR_DAYS

    if settings.AUDIT_RETENTION_DAYS < AUDIT_RETENTION_FLOOR_DAYS:
        return [
            Error(
                f"AUDIT_RETENTION_DAYS is {settings.AUDIT_RETENTION_DAYS}; audit logs must be kept at least six "
                f"months (Cybersecurity Law Art. 21).",
                hint=f"Set AUDIT_RETENTION_DAYS to {AUDIT_RETENTION_FLOOR_DAYS} or more.",
                id="ops.E001",
            )
        ]
    return []
