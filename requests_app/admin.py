"""Admin: a read-only view for system administrators. State changes go through the staff pages (services), so
nothing here edits an application; identity numbers are shown masked (administrators are not handling staff)."""

from django.contrib import admin

from requests_app.models import Application, ApplicationEvent, ClockPause, Extension, Letter


class ReadOnlyInline(admin.TabularInline):
    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False


class EventInline(ReadOnlyInline):
    model = ApplicationEvent
    fields = ["at", "action_label", "actor", "from_label", "to_label", "due_before", "due_after", "opinion"]
    readonly_fields = fields


class PauseInline(ReadOnlyInline):
    model = ClockPause
    fields = ["kind", "started_on", "deadline", "ended_on", "due_before", "due_after"]
    readonly_fields = fields


class ExtensionInline(ReadOnlyInline):
    model = Extension
    fields = ["status", "reason", "workdays", "requested_by", "decided_by", "due_before", "due_after"]
    readonly_fields = fields


class LetterInline(ReadOnlyInline):
    model = Letter
    # A private file has no URL (portal.private_files): the letter's PDF shows by its stored name.
    fields = ["kind", "title", "issued_on", "stored_file", "rendered_at", "emailed_at"]
    readonly_fields = fields

    @admin.display(description="PDF")
    def stored_file(self, letter) -> str:
        return letter.file.name or "-"


@admin.register(Application)
class ApplicationAdmin(admin.ModelAdmin):
    list_display = [
        "tracking_number", "applicant_name", "applicant_type", "organization", "handling_unit", "channel", "status",
        "received_on", "due_on", "result",
    ]  # fmt: skip
    list_filter = ["status", "channel", "applicant_type", "result", "organization"]
    search_fields = ["tracking_number", "applicant_name"]
    date_hierarchy = "received_on"
    list_select_related = ["organization", "handling_unit"]
    fields = [
        "tracking_number", "status", "applicant_type", "applicant_name", "masked_id", "organization",
        "handling_unit", "channel", "info_title", "info_doc_number", "info_description", "received_on",
        "clock_start_on", "due_on", "pause_deadline", "result", "concluded_on",
    ]  # fmt: skip
    readonly_fields = fields
    inlines = [PauseInline, ExtensionInline, LetterInline, EventInline]

    @admin.display(description="证件号码")
    def masked_id(self, obj: Application) -> str:
        return obj.identity_display

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
