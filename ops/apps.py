from django.apps import AppConfig


class OpsConfig(AppConfig):
    name = "ops"
    verbose_name = "运行安全"

    def ready(self) -> None:
        from ops import audit, checks, jobs  # noqa: F401 - registers receivers and system checks

        audit.connect_axes()
        jobs.connect()
        _register_audited_models()


def _register_audited_models() -> None:
    """The tables whose every change the audit log keeps (who, when, from where, old and new values): accounts,
    roles and permissions, organisations, the site profile, columns, the calendar and the sensitive words."""
    from auditlog.registry import auditlog
    from django.apps import apps

    # last_login changes on every login (recorded as a login event instead); the password hash is never shown.
    auditlog.register(
        apps.get_model("portal", "User"),
        exclude_fields=["last_login"],
        mask_fields=["password"],
        m2m_fields={"groups", "user_permissions"},
    )
    auditlog.register(apps.get_model("auth", "Group"), m2m_fields={"permissions"})
    for label in ("portal.Organization", "portal.SiteProfile", "portal.WorkdayOverride"):
        auditlog.register(apps.get_model(label))
    for label in ("disclosure.Column", "disclosure.SensitiveWord"):
        if apps.is_installed(label.split(".")[0]):
            auditlog.register(apps.get_model(label))
