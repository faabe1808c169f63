"""Search indexing of documents, queued after commit by the services. The tasks take ids; the nightly sweep redoes
whatever a lost task left undone."""

from __future__ import annotations

from datetime import timedelta

from celery import shared_task
from django.utils import timezone


@shared_task(name="disclosure.index_document")
def index_document(document_id: int) -> None:
    # One serialised write path for the whole index (portal.search): indexes a published document, removes any
    # other. A lock held through the retries hands the work to the search task, which retries with back-off.
    from portal.search import tasks as search_tasks
    from portal.search.backend import IndexLocked
    from portal.search.services import sync_object

    try:
        sync_object("disclosure.document", document_id)
    except IndexLocked:
        search_tasks.index_object.apply_async(("disclosure.document", document_id), countdown=10)


@shared_task(name="disclosure.unindex_document")
def unindex_document(document_id: int) -> None:
    # sync_object removes the document because it is no longer in the index's queryset (withdrawn, unpublished).
    index_document(document_id)


@shared_task(name="disclosure.sweep_index")
def sweep_index(days: int = 2) -> int:
    """Redo the indexing of everything published or withdrawn lately, in case a queued task was lost (no task is the
    only copy of anything)."""
    from disclosure.models import Document

    since = timezone.now() - timedelta(days=days)
    ids = list(Document.objects.filter(updated_at__gte=since).public().values_list("pk", flat=True))
    for pk in ids:
        index_document(pk)
    return len(ids)
