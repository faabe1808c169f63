"""The audit log in the admin: read-only, for system administrators. django-otp's device tables are not in the
admin (their keys are secrets); an administrator resets a user's two-factor login on the accounts page."""

from __future__ import annotations

from django.contrib import admin
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice

from ops.models import AuditEntry

for model in (AuditEntry, StaticDevice, TOTPDevice):
    if admin.site.is_registered(model):
        admin.site.unregister(model)


@admin.register(AuditEntry)
class AuditEntryAdmin(admin.ModelAdmin):
    list_display = ("timestamp", "event", "actor_display", "remote_addr", "object_repr", "detail")
    list_filter = ("event",)
    search_fields = ("username", "actor__username", "object_repr", "remote_addr")
    date_hierarchy = "timestamp"
    list_select_related = ("actor", "content_type")
    fields = ("timestamp", "event", "actor", "username", "remote_addr", "content_type", "object_pk",
              "object_repr", "detail")  # fmt: skip
    readonly_fields = fields

    @admin.display(description="操作人")
    def actor_display(self, obj: AuditEntry) -> str:
        return obj.actor_display

    @admin.display(description="详情")
    def detail(self, obj: AuditEntry) -> str:
        return obj.detail

    def has_view_permission(self, request, obj=None) -> bool:
        return request.user.is_active and request.user.is_superuser

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False
