"""Imported by ``PortalConfig.ready()``: load jieba and the user dictionary once per process, before Celery or a
pre-forking web server forks its workers (about 0.5 s with the model cached in DATA_DIR/cache)."""

from portal.search import segment

segment.init()
