"""The search index of 在线访谈: every interview the public can open (announced, live or ended; a cancelled one has no
page), with its preview, guests, transcript and the question-and-answer pairs published so far, so that a search
for a policy's subject finds the interview that explained it."""

from __future__ import annotations

from django.db.models import Prefetch
from haystack import indexes

from engagement.models import Interview, Question
from portal.sanitize import html_to_text
from search.analyzer import ChineseAnalyzer
from search.indexes import PortalSearchIndex

KIND = "在线访谈"


class InterviewIndex(PortalSearchIndex, indexes.Indexable):
    kind_label = KIND
    fallback_fields = ("title", "preview", "transcript")
    # The text is built by prepare_text (the transcript is HTML), not by a template.
    text = indexes.CharField(document=True, analyzer=ChineseAnalyzer())

    def get_model(self):
        return Interview

    def index_queryset(self, using=None):
        answered = Question.objects.filter(status=Question.Status.ANSWERED).order_by("answered_at", "pk")
        return (
            Interview.objects.public()
            .select_related("organization")
            .prefetch_related("guests", Prefetch("questions", queryset=answered, to_attr="answered"))
            .order_by("pk")
        )

    def read_queryset(self, using=None):
        return self.index_queryset(using)

    def prepare_text(self, obj: Interview) -> str:
        guests = "、".join(f"{g.name}（{g.post}）" for g in obj.guests.all())
        pairs = "\n".join(f"{q.content}\n{q.answer}" for q in getattr(obj, "answered", []))
        return "\n".join(
            part
            for part in (obj.title, obj.preview, guests, html_to_text(obj.transcript), pairs, obj.organization.name)
            if part
        )

    def prepare_title(self, obj: Interview) -> str:
        return obj.title

    def prepare_unit(self, obj: Interview) -> str:
        return obj.organization.name

    def prepare_column(self, obj: Interview) -> str:
        return KIND

    def prepare_doc_type(self, obj: Interview) -> str:
        return obj.get_status_display()

    def prepare_pub_date(self, obj: Interview):
        return obj.starts_at

    def fallback_text(self, obj: Interview) -> str:
        return f"{obj.preview}\n{html_to_text(obj.transcript)}"
