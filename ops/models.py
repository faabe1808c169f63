"""Operations records: the audit log (one immutable table for explicit events and django-auditlog's model changes),
the password history behind the reuse rule and the expiry, and the last run of each periodic job."""

from __future__ import annotations

from auditlog.models import AbstractLogEntry, LogEntryManager
from django.conf import settings
from django.db import models
from django.utils import timezone

from portal.models import HistoryQuerySet

# Fields whose change is a change of what an account may do.
PERMISSION_FIELDS = frozenset({"groups", "user_permissions", "permissions", "is_superuser", "is_staff", "is_active"})


class AuditEntryManager(LogEntryManager.from_queryset(HistoryQuerySet)):
    """django-auditlog's manager (log_create ...) over a queryset that refuses bulk update and delete."""


class AuditEntry(AbstractLogEntry):
    """Who did what, when and from where. django-auditlog writes the model changes (``AUDITLOG_LOGENTRY_MODEL``);
    ``ops.audit.record`` writes the explicit events. Rows are never edited or deleted by the application: the model
    refuses, the admin is read-only, no change or delete permission exists, and on PostgreSQL a trigger refuses
    UPDATE and DELETE except the retention purge of rows past the six-month floor (ops/migrations/0002)."""

    class Event(models.TextChoices):
        CREATE = "create", "新增"
        UPDATE = "update", "修改"
        DELETE = "delete", "删除"
        PERMISSION = "permission", "权限变更"
        PASSWORD = "password", "密码变更"
        LOGIN = "login", "登录"
        LOGOUT = "logout", "退出登录"
        LOGIN_FAILED = "login_failed", "登录失败"
        LOCKOUT = "lockout", "账号锁定"
        OTP_VERIFIED = "otp_verified", "两步验证通过"
        OTP_FAILED = "otp_failed", "动态验证码错误"
        TWO_FACTOR = "two_factor", "两步验证设置"
        EXPORT = "export", "导出下载"
        BACKUP = "backup", "备份"
        RESTORE = "restore", "恢复"
        PURGE = "purge", "日志清理"

    event = models.CharField("事件", max_length=20, choices=Event.choices)
    # The account named, also when it does not exist or is not the actor (a failed login, a reset of someone's 2FA).
    username = models.CharField("账号", max_length=150, blank=True)
    # Explicit events (a login) have no object; auditlog's rows always do.
    content_type = models.ForeignKey(
        "contenttypes.ContentType", on_delete=models.PROTECT, null=True, blank=True, related_name="+",
        verbose_name="对象类型",
    )  # fmt: skip
    action = models.PositiveSmallIntegerField(
        "操作", choices=AbstractLogEntry.Action.choices, null=True, blank=True, db_index=True
    )
    # PROTECT: an account with audit history is deactivated, never deleted (deleting would rewrite its rows).
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+",
        verbose_name="操作人",
    )  # fmt: skip
    timestamp = models.DateTimeField("时间", default=timezone.now, db_index=True)
    remote_addr = models.GenericIPAddressField("来源地址", blank=True, null=True)
    object_repr = models.TextField("对象", blank=True)

    objects = AuditEntryManager()

    class Meta(AbstractLogEntry.Meta):
        verbose_name = "审计日志"
        verbose_name_plural = "审计日志"
        ordering = ["-timestamp", "-id"]
        # View only: no add, change or delete permission exists to grant.
        default_permissions = ("view",)
        indexes = [
            # The search page filters by event and by account over a time range.
            models.Index(fields=["event", "-timestamp"], name="ops_audit_event_time"),
            models.Index(fields=["username", "-timestamp"], name="ops_audit_username_time"),
        ]

    def __str__(self) -> str:
        return f"{self.get_event_display()} {self.object_repr}".strip()

    def save(self, *args, **kwargs):
        if self.pk is not None:
            raise TypeError("Audit rows are immutable.")
        if not self.event:
            self.event = self.event_for_change()
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise TypeError("Audit rows are immutable.")

    def event_for_change(self) -> str:
        """The event of a row django-auditlog writes: a permission or password change, else create / update /
        delete."""
        fields = set(self.changes or {})
        if self.action == self.Action.UPDATE and fields & PERMISSION_FIELDS:
            return self.Event.PERMISSION
        if self.action == self.Action.UPDATE and fields == {"password"}:
            return self.Event.PASSWORD
        return {self.Action.CREATE: self.Event.CREATE, self.Action.DELETE: self.Event.DELETE}.get(
            self.action, self.Event.UPDATE
        )

    @property
    def actor_display(self) -> str:
        if self.actor_id:
            return self.actor.username
        return self.username

    @property
    def detail(self) -> str:
        """The changed fields (model changes) or the event's details, in one line."""
        if self.changes:
            return "；".join(self._change_text(name, values) for name, values in self.changes.items())
        return "；".join(f"{k}：{v}" for k, v in (self.additional_data or {}).items())

    def _change_text(self, name: str, values) -> str:
        label = self._field_label(name)
        if isinstance(values, dict) and values.get("type") == "m2m":
            verb = "增加" if values.get("operation") == "add" else "移除"
            return f"{label}：{verb} {'、'.join(map(str, values.get('objects', [])))}"
        if isinstance(values, list | tuple) and len(values) == 2:
            old, new = (_shown(v) for v in values)
            return f"{label}：{new}" if self.action == self.Action.CREATE else f"{label}：{old} → {new}"
        return f"{label}：{values}"

    def _field_label(self, name: str) -> str:
        model = self.content_type.model_class() if self.content_type_id else None
        try:
            return str(model._meta.get_field(name).verbose_name) if model else name
        except Exception:  # a field removed since the row was written keeps its name
            return name


def _shown(value) -> str:
    # django-auditlog stores values as text: "None", "True", "False" read better in Chinese.
    return {"None": "（空）", "True": "是", "False": "否"}.get(str(value), str(value))


class PasswordRecord(models.Model):
    """One hashed password a user has had, newest last: the reuse rule compares against the latest few and the
    expiry counts from the latest. Older rows are dropped; only the hash is kept."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    password = models.CharField(max_length=128)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["user", "-created_at"], name="ops_password_user_time")]

    def __str__(self) -> str:
        return f"{self.user_id} {self.created_at:%Y-%m-%d}"


class JobRun(models.Model):
    """The last run of each periodic job (recorded from Celery's task signals); the health page reads it, and the
    heartbeat job's row is beat's "last run"."""

    class Status(models.TextChoices):
        STARTED = "started", "运行中"
        SUCCESS = "success", "成功"
        FAILURE = "failure", "失败"

    task = models.CharField("任务", max_length=200, unique=True)
    status = models.CharField("状态", max_length=10, choices=Status.choices)
    started_at = models.DateTimeField("开始时间")
    finished_at = models.DateTimeField("结束时间", null=True, blank=True)
    last_success_at = models.DateTimeField("最近成功", null=True, blank=True)
    error = models.TextField("错误", blank=True)

    class Meta:
        verbose_name = "定时任务运行"
        verbose_name_plural = "定时任务运行"
        ordering = ["task"]

    def __str__(self) -> str:
        return self.task
