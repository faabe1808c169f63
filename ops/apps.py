from portal.apps import NavLink, ProductAppConfig


class OpsConfig(ProductAppConfig):
    name = "ops"
    verbose_name = "运行安全"
    staff_nav = (
        NavLink("运行状态", "ops:status", 900, visible=lambda user: user.is_office_staff or user.is_system_admin),
        NavLink("审计日志", "ops:audit", 910, visible=lambda user: user.is_superuser),
        NavLink("账号安全管理", "ops:accounts", 920, visible=lambda user: user.is_superuser),
        NavLink("账号安全", "ops:security", 930, visible=lambda user: user.is_authenticated),
    )
    demo_order = 1000

    def ready(self) -> None:
        from ops import audit, checks, jobs, sessions  # noqa: F401 - registers receivers and system checks

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
