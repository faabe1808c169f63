"""gunicorn for the portal on a small server (2-4 cores): `gunicorn -c deploy/gunicorn.conf.py portal.wsgi`.

Sync workers, one per core plus one: a public page is answered in a few milliseconds (mostly from the page cache)
and nothing in a request waits on another service for long, so threads buy little and cost memory per thread
(the search term cache is per thread, SEARCH_TERM_CACHE_MB). Each setting can be overridden from the environment
(GUNICORN_WORKERS, GUNICORN_THREADS, GUNICORN_BIND, GUNICORN_TIMEOUT) or on the command line."""

import gc
import multiprocessing
import os

bind = os.environ.get("GUNICORN_BIND", "127.0.0.1:8001")
workers = int(os.environ.get("GUNICORN_WORKERS", min(multiprocessing.cpu_count() + 1, 5)))
threads = int(os.environ.get("GUNICORN_THREADS", 1))
worker_class = "gthread" if threads > 1 else "sync"
# A request that takes longer than this is killed (the PDF reports are the slowest, a few seconds); nginx's
# proxy_read_timeout is a little longer so the client sees gunicorn's answer, not nginx's.
timeout = int(os.environ.get("GUNICORN_TIMEOUT", 60))
graceful_timeout = 30
keepalive = 5  # seconds a connection from nginx stays open between requests
# Workers are recycled now and then, so a slow leak (or a search term cache grown large) never grows for ever.
max_requests = 5000
max_requests_jitter = 500
# Load the application once in the master: workers share its memory pages (copy on write) and start fast. The
# search engine and jieba are not loaded at start (search/ loads them on the first search).
preload_app = True
forwarded_allow_ips = "127.0.0.1"
accesslog = os.environ.get("GUNICORN_ACCESS_LOG", "-") or None  # empty: no access log (nginx keeps one)
errorlog = "-"
loglevel = os.environ.get("GUNICORN_LOG_LEVEL", "info")
proc_name = "portal-web"


def pre_fork(server, worker):
    # What the master loaded (Django, the compiled templates, and jieba with SEARCH_PRELOAD) is moved out of the
    # garbage collector's reach: a worker's collections would otherwise write to every object's header and so copy
    # the pages it shares with the master (Python's gc.freeze, meant for this).
    gc.freeze()


def post_fork(server, worker):
    # Database connections are never shared between processes: anything the master opened while preloading goes.
    from django.db import connections

    for connection in connections.all(initialized_only=True):
        connection.close()
