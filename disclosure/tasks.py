"""Search indexing of documents, queued after commit by the services (DESIGN §10). The index itself comes from
``disclosure.search_indexes`` (the search feature); until it exists these tasks do nothing."""

from __future__ import annotations

import importlib.util
import logging
from datetime import timedelta

from celery import shared_task
from django.utils import timezone

logger = logging.getLogger(__name__)


def _index():
    """The haystack index of Document, or None when search is not set up."""
    if importlib.util.find_spec("disclosure.search_indexes") is None:
        return None
    from haystack import connections
    from haystack.exceptions import NotHandled

    from disclosure.models import Document

    try:
        return connections["default"].get_unified_index().get_index(Document)
    except NotHandled:
        return None


@shared_task(name="disclosure.index_document")
def index_document(document_id: int) -> None:
    # One serialised write path for the whole index (search): indexes a published document, removes any
    # other. A lock held through the retries hands the work to the search task, which retries with back-off.
    from search import tasks as search_tasks
    from search.errors import IndexLocked
    from search.services import sync_object

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
    """Redo the indexing of everything published or withdrawn lately, in case a queued task was lost."""
    from disclosure.models import Document

    since = timezone.now() - timedelta(days=days)
    ids = list(Document.objects.filter(updated_at__gte=since).public().values_list("pk", flat=True))
    for pk in ids:
        index_document(pk)
    return len(ids)
