"""The search index of published documents: only what the public may read. Withdrawn and unpublished documents are
not in ``index_queryset`` and leave the index as soon as their task runs (``search.tasks.index_object``)."""

from __future__ import annotations

from haystack import indexes

from disclosure.models import Document
from search.indexes import PortalSearchIndex, plain


class DocumentIndex(PortalSearchIndex, indexes.Indexable):
    kind_label = "政府信息"
    fallback_fields = ("title", "doc_number", "index_number", "summary", "keywords", "body")

    def get_model(self):
        return Document

    def index_queryset(self, using=None):
        return (
            Document.objects.published()
            .select_related("organization", "column")
            .prefetch_related("attachments", "also_listed_in")
            .order_by("pk")
        )

    def read_queryset(self, using=None):
        return Document.objects.public()

    def get_updated_field(self) -> str:
        return "updated_at"  # the nightly reconcile re-indexes recent edits, in case an index task was lost

    def prepare_title(self, obj: Document) -> str:
        return obj.title

    def prepare_unit(self, obj: Document) -> str:
        return obj.organization.name

    def prepare_column(self, obj: Document) -> str:
        return obj.column.name

    def listed_columns(self, obj: Document) -> list[str]:
        return sorted({c.name for c in obj.also_listed_in.all()} - {obj.column.name})

    def prepare_doc_type(self, obj: Document) -> str:
        return obj.genre or "其他"

    def prepare_pub_date(self, obj: Document):
        return obj.published_at

    def prepare_doc_number(self, obj: Document) -> str:
        return obj.doc_number or ""

    def prepare_index_number(self, obj: Document) -> str:
        return obj.index_number or ""

    def fallback_text(self, obj: Document) -> str:
        return obj.summary or plain(obj.body)

    def prepare(self, obj: Document) -> dict:
        # The text template needs the body as plain text and the attachments' extracted text.
        obj.search_body = plain(obj.body)
        obj.search_attachments = [a.extracted_text for a in obj.attachments.all() if a.extracted_text]
        return super().prepare(obj)
