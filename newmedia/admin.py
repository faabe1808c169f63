"""Admin is for looking and for the directory's presentation (order, home strip). Every state change goes through
the workbench and newmedia.services, so status and filing fields are read-only here."""

from django.contrib import admin
from django.db import models

from newmedia.models import Account, ActivityFlag, Filing, FilingHistory, PlatformException, WeeklyActivity

PRIVATE_IMAGES = {"avatar", "qr_code", "proposed_avatar", "proposed_qr_code"}


class ReadOnlyMixin:
    # Addresses typed without a scheme are https (as in the workbench forms).
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}

    def has_add_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Account)
class AccountAdmin(ReadOnlyMixin, admin.ModelAdmin):
    list_display = ["name", "platform", "organization", "status", "opened_on", "show_on_home", "order"]
    list_filter = ["status", "platform", "show_on_home"]
    list_editable = ["show_on_home", "order"]
    search_fields = ["name", "platform_account_id", "organization__name"]
    list_select_related = ["organization"]

    def get_readonly_fields(self, request, obj=None):
        editable = {"show_on_home", "order"}
        return [f.name for f in Account._meta.fields if f.name not in editable | PRIVATE_IMAGES]

    def get_exclude(self, request, obj=None):
        # The images are private files with no URL (portal.private_files); the workbench shows them.
        return list(PRIVATE_IMAGES)


class FilingHistoryInline(admin.TabularInline):
    model = FilingHistory
    extra = 0
    can_delete = False
    readonly_fields = ["at", "actor", "action", "from_state", "to_state", "opinion", "extra"]
    fields = readonly_fields

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Filing)
class FilingAdmin(ReadOnlyMixin, admin.ModelAdmin):
    list_display = ["account", "kind", "status", "due_on", "first_submitted_on", "is_late"]
    list_filter = ["kind", "status", "is_late"]
    search_fields = ["account__name", "account__organization__name"]
    list_select_related = ["account"]
    inlines = [FilingHistoryInline]

    def get_readonly_fields(self, request, obj=None):
        return [f.name for f in Filing._meta.fields if f.name not in PRIVATE_IMAGES]

    def get_exclude(self, request, obj=None):
        return list(PRIVATE_IMAGES)


@admin.register(PlatformException)
class PlatformExceptionAdmin(ReadOnlyMixin, admin.ModelAdmin):
    list_display = ["organization", "platform", "reason", "granted_by", "granted_at"]
    readonly_fields = ["organization", "platform", "reason", "granted_by", "granted_at"]


@admin.register(WeeklyActivity)
class WeeklyActivityAdmin(ReadOnlyMixin, admin.ModelAdmin):
    list_display = ["account", "week_start", "posts", "followers", "source", "recorded_by"]
    list_filter = ["week_start", "source"]
    list_select_related = ["account", "recorded_by"]
    readonly_fields = ["account", "week_start", "posts", "followers", "source", "recorded_by", "recorded_at"]


@admin.register(ActivityFlag)
class ActivityFlagAdmin(ReadOnlyMixin, admin.ModelAdmin):
    list_display = ["account", "kind", "week_start", "posts", "notified_at"]
    list_filter = ["kind", "week_start"]
    list_select_related = ["account"]
    readonly_fields = ["account", "kind", "week_start", "posts", "created_at", "notified_at", "recipients"]
