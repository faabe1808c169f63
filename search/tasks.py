"""Index writes through Celery, queued by the apps' services after commit. Whoosh has one writer at a time: every write goes through
the backend's serialised path; a lock held through its retries raises ``IndexLocked`` and the task retries later.
Run the workers that take these tasks with ``-Q search`` and concurrency 1 in production to avoid lock contention
(``CELERY_TASK_ROUTES = {"search.*": {"queue": "search"}}``); other tasks never wait for the index."""

from __future__ import annotations

from celery import shared_task

from search import services
from search.errors import IndexLocked

_RETRY = {"autoretry_for": (IndexLocked,), "retry_backoff": 2, "retry_backoff_max": 60, "max_retries": 10}


@shared_task(name="search.index_object", **_RETRY)
def index_object(model_label: str, pk: int) -> str:
    """Index the row if it is public, else remove it (one task for publish, edit and withdrawal)."""
    return services.sync_object(model_label, pk)


@shared_task(name="search.reconcile", **_RETRY)
def reconcile() -> dict[str, int]:
    """Nightly: repair differences between the database and the index, and say how many; then merge the index's
    segments when bulk writes or deletions have piled them up (``PortalWhooshBackend.compact``)."""
    report = services.reconcile()
    services.compact_index()
    return report
