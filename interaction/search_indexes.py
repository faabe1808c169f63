"""The search index of published 政民互动 messages. Only what the public page /messages/<id>/ shows is
indexed, and masked the same way (``interaction.privacy.mask_public``): never the writer's name, phone or e-mail, never an
ID number, mobile number or e-mail address typed into the title, question or reply. Unpublished messages are not in
``index_queryset`` and leave the index as soon as their task runs (``portal.search.tasks.index_object``)."""

from __future__ import annotations

from django.urls import reverse
from haystack import indexes

from interaction.models import Message
from interaction.privacy import mask_public
from portal.search.indexes import PortalSearchIndex


class MessageIndex(PortalSearchIndex, indexes.Indexable):
    kind_label = "政民互动"
    # The database fallback scans the raw columns; ``fallback_visible`` then keeps only rows whose masked text
    # shows every word, so a full phone number never finds a message there either.
    fallback_fields = ("title", "content", "reply")

    def get_model(self):
        return Message

    def index_queryset(self, using=None):
        # The same rows as the public list and page (interaction.selectors.published_messages / get_published_message).
        return Message.objects.published().select_related("unit").order_by("pk")

    def read_queryset(self, using=None):
        return Message.objects.published()

    def prepare_title(self, obj: Message) -> str:
        return mask_public(obj.title, obj)

    def prepare_url(self, obj: Message) -> str:
        return reverse("interaction:message_detail", args=[obj.pk])

    def prepare_unit(self, obj: Message) -> str:
        return obj.unit.name if obj.unit_id else ""

    def prepare_column(self, obj: Message) -> str:
        return "政民互动"

    def prepare_doc_type(self, obj: Message) -> str:
        return obj.get_kind_display()

    def prepare_pub_date(self, obj: Message):
        return obj.published_at or obj.replied_at

    def fallback_text(self, obj: Message) -> str:
        return f"{mask_public(obj.content, obj)}\n{mask_public(obj.reply, obj)}"

    def fallback_visible(self, data: dict, words: list[str]) -> bool:
        shown = f"{data['title']}\n{data['text']}".lower()
        return all(word.lower() in shown for word in words)

    def prepare(self, obj: Message) -> dict:
        # The text template reads only these masked copies, never the raw columns.
        obj.search_title = mask_public(obj.title, obj)
        obj.search_question = mask_public(obj.content, obj)
        obj.search_reply = mask_public(obj.reply, obj)
        return super().prepare(obj)
