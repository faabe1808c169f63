"""Admin: read-mostly views for system administrators. Status changes go through the staff workbench (services),
so status and clock fields are read-only here."""

from django.contrib import admin

from .models import Consultation, Correction, CorrectionHistory, Message, MessageHistory, Opinion, Reminder


class ReadOnlyHistoryInline(admin.TabularInline):
    extra = 0
    can_delete = False
    fields = ("at", "actor", "action", "from_label", "to_label", "opinion")
    readonly_fields = fields

    def has_add_permission(self, request, obj=None):
        return False


class MessageHistoryInline(ReadOnlyHistoryInline):
    model = MessageHistory


class CorrectionHistoryInline(ReadOnlyHistoryInline):
    model = CorrectionHistory


@admin.register(Message)
class MessageAdmin(admin.ModelAdmin):
    list_display = ("tracking_number", "title", "kind", "status", "unit", "received_at", "due_on", "replied_at")
    list_filter = ("status", "kind", "unit")
    search_fields = ("tracking_number", "title")
    date_hierarchy = "received_at"
    # A private file has no URL (portal.private_files): the attachment shows by its name (attachment_name); staff
    # download it on the workbench.
    exclude = ("attachment",)
    readonly_fields = [f.name for f in Message._meta.fields if f.name != "attachment"]
    inlines = [MessageHistoryInline]

    def has_add_permission(self, request):
        return False


@admin.register(Correction)
class CorrectionAdmin(admin.ModelAdmin):
    list_display = ("received_at", "kind", "page_url", "status", "unit", "forward_due_on", "fix_due_on")
    list_filter = ("status", "kind")
    readonly_fields = [f.name for f in Correction._meta.fields]
    inlines = [CorrectionHistoryInline]

    def has_add_permission(self, request):
        return False


class OpinionInline(admin.TabularInline):
    model = Opinion
    extra = 0
    fields = ("submitted_at", "name", "content", "is_public")
    readonly_fields = ("submitted_at", "name", "content")


@admin.register(Consultation)
class ConsultationAdmin(admin.ModelAdmin):
    list_display = ("title", "status", "starts_at", "ends_at", "contact_unit")
    # The draft attachment is uploaded on the workbench, where its content is checked (portal.uploads).
    readonly_fields = (
        "status", "published_at", "feedback_published_at", "created_by", "created_at", "draft_attachment",
        "draft_attachment_name",
    )  # fmt: skip
    inlines = [OpinionInline]


@admin.register(Reminder)
class ReminderAdmin(admin.ModelAdmin):
    list_display = ("on_date", "item_type", "item_id", "kind", "unit", "recipients")
    list_filter = ("item_type", "kind", "on_date")

    def has_change_permission(self, request, obj=None):
        return False
