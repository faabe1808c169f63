"""What every web process would otherwise do at its first requests, done once when the application is loaded: in
the gunicorn master with ``preload_app`` (deploy/gunicorn.conf.py), before it forks the workers, so that a new
worker (one is started after every ``max_requests``) shares the result and answers at full speed at once.

Nothing here touches the database or the cache: connections are opened by each worker after the fork."""

from __future__ import annotations

import logging
import time
from importlib import import_module
from pathlib import Path

from django.conf import settings
from django.core.cache import caches
from django.core.cache.backends.redis import RedisCache
from django.template import TemplateSyntaxError, engines
from django.urls import get_resolver

from portal import pagecache

logger = logging.getLogger(__name__)

# The templates of pages a worker does not serve (the PDF reports and letters are rendered by the task worker).
_SKIPPED = ("pdf/", "admin/")


def template_names() -> list[str]:
    names = []
    for directory in settings.TEMPLATES[0]["DIRS"]:
        base = Path(directory)
        names += sorted(str(p.relative_to(base)) for p in base.rglob("*.html"))
    return [n for n in names if not n.startswith(_SKIPPED) and "/pdf/" not in n]


def warm() -> None:
    """The code's release digest, the URL resolver, every page template compiled (the cached loader keeps them), the
    template context processors and the cache's client library (Redis's is some sixty modules) imported."""
    started = time.monotonic()
    pagecache.release()
    get_resolver().reverse_dict  # noqa: B018 (populates the resolver)
    if isinstance(caches["default"], RedisCache):
        import_module("redis")  # the client library, otherwise imported at the first cache call; nothing connects
    engine = engines["django"]
    engine.engine.template_context_processors  # noqa: B018 (imports them)
    for name in template_names():
        try:
            engine.get_template(name)
        except TemplateSyntaxError:
            logger.exception("template %s does not compile", name)
    logger.info("warmed up in %.2f s", time.monotonic() - started)
