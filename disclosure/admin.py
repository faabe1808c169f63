"""Admin: columns, the sensitive-word list and a read-only view of documents. Document state changes happen only
through the staff pages (services), never by editing rows here."""

from django import forms
from django.contrib import admin

from disclosure.models import Attachment, Column, Document, DocumentHistory, IndexCounter, SensitiveWord
from portal.models import Organization


class ColumnAdminForm(forms.ModelForm):
    """Which unit kinds may publish in the column, as tick boxes rather than raw JSON (none ticked = every kind)."""

    publisher_kinds = forms.MultipleChoiceField(
        label="可发布单位类型",
        choices=Organization.Kind.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text="不勾选表示所有类型的单位都可以在此栏目发布信息。",
    )

    class Meta:
        model = Column
        fields = [
            "name", "slug", "parent", "kind", "order", "description", "carries_metadata", "requires_doc_number",
            "is_interpretation", "publisher_kinds", "show_on_home", "is_active",
        ]  # fmt: skip

    def clean_publisher_kinds(self) -> list[str]:
        return [value for value, _ in Organization.Kind.choices if value in self.cleaned_data["publisher_kinds"]]


@admin.register(Column)
class ColumnAdmin(admin.ModelAdmin):
    form = ColumnAdminForm
    list_display = (
        "name",
        "slug",
        "parent",
        "kind",
        "carries_metadata",
        "requires_doc_number",
        "is_interpretation",
        "publishers",
        "show_on_home",
        "order",
        "is_active",
    )
    list_filter = ("kind", "carries_metadata", "is_active")
    list_editable = ("order", "is_active", "show_on_home")
    search_fields = ("name", "slug")
    autocomplete_fields = ("parent",)

    @admin.display(description="可发布单位类型")
    def publishers(self, obj: Column) -> str:
        labels = dict(Organization.Kind.choices)
        return "、".join(labels.get(kind, kind) for kind in obj.publisher_kinds) or "全部"

    def get_readonly_fields(self, request, obj=None):
        # The slug is in public URLs and bookmarks; it is fixed once the column exists.
        return ("slug",) if obj else ()

    def has_delete_permission(self, request, obj=None):
        return obj is None or not obj.documents.exists()


@admin.register(SensitiveWord)
class SensitiveWordAdmin(admin.ModelAdmin):
    list_display = ("word", "is_blocking", "is_active", "note")
    list_filter = ("is_blocking", "is_active")
    list_editable = ("is_blocking", "is_active")
    search_fields = ("word", "note")


class AttachmentInline(admin.TabularInline):
    model = Attachment
    fields = ("name", "kind", "size", "uploaded_at")
    readonly_fields = fields
    extra = 0
    can_delete = False


class HistoryInline(admin.TabularInline):
    model = DocumentHistory
    fields = ("at", "actor", "action", "from_state", "to_state", "level", "decision", "opinion")
    readonly_fields = fields
    extra = 0
    can_delete = False


class ReadOnlyAdmin(admin.ModelAdmin):
    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Document)
class DocumentAdmin(ReadOnlyAdmin):
    list_display = ("title", "column", "organization", "status", "index_number", "published_at")
    list_filter = ("status", "column", "organization")
    search_fields = ("title", "index_number", "doc_number")
    date_hierarchy = "published_at"
    list_select_related = ("column", "organization")
    inlines = [AttachmentInline, HistoryInline]


@admin.register(IndexCounter)
class IndexCounterAdmin(ReadOnlyAdmin):
    list_display = ("organization", "year", "last_serial")
    list_select_related = ("organization",)
