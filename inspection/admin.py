"""The 错敏 dictionary is kept here by the administrators (and extended with the county's own words); the rest is
read-only: what the nightly runs found and the warnings they sent."""

from django.contrib import admin

from inspection.models import ColumnRule, InspectionRun, Link, SentWarning, WordingHit, WordingRule


@admin.register(WordingRule)
class WordingRuleAdmin(admin.ModelAdmin):
    list_display = ("wrong", "correct", "kind", "is_serious", "is_active", "note")
    list_filter = ("kind", "is_serious", "is_active")
    list_editable = ("is_active",)
    search_fields = ("wrong", "correct", "note")


@admin.register(ColumnRule)
class ColumnRuleAdmin(admin.ModelAdmin):
    """Office staff set these on the 网站自查 pages (with a history row); here for a look across the tree."""

    list_display = ("column", "update_class", "per_unit", "updated_at")
    list_filter = ("update_class", "per_unit")
    list_select_related = ("column",)

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_add_permission(self, request) -> bool:
        return False


class ReadOnly(admin.ModelAdmin):
    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False


@admin.register(Link)
class LinkAdmin(ReadOnly):
    list_display = ("url", "is_internal", "status", "fail_nights", "first_failed_on", "last_checked_at", "last_error")
    list_filter = ("status", "is_internal")
    search_fields = ("url",)


@admin.register(WordingHit)
class WordingHitAdmin(ReadOnly):
    list_display = ("page_title", "label", "match", "suggestion", "is_serious", "organization", "found_at")
    list_filter = ("is_serious", "label")
    search_fields = ("page_title", "match")


@admin.register(InspectionRun)
class InspectionRunAdmin(ReadOnly):
    list_display = ("on", "status", "started_at", "finished_at", "requested_by")
    exclude = ("summary",)


@admin.register(SentWarning)
class SentWarningAdmin(ReadOnly):
    list_display = ("sent_at", "text", "state", "organization", "recipients")
    list_filter = ("state",)
