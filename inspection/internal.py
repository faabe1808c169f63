"""Checking this site's own links inside the site, never over HTTP to ourselves: the path is resolved against the
URL configuration; documents, attachments and columns are looked up in bulk through the disclosure selectors (the
attachment's file must be in storage too); static and media files are looked up in their storage; any other page is
rendered once through Django's test client (no network, no worker taken from the web server)."""

from __future__ import annotations

from collections.abc import Iterable
from urllib.parse import urlsplit

from django.conf import settings
from django.core.files.storage import default_storage
from django.urls import Resolver404, resolve

from inspection.linkcheck import CheckResult

OK = CheckResult(True, 200)
NOT_FOUND = CheckResult(False, 404, "站内页面不存在")
FILE_MISSING = CheckResult(False, 404, "附件文件缺失")
CHUNK = 900  # ids per IN (…) query: under SQLite's variable limit


def _chunks(items: list, size: int = CHUNK):
    for start in range(0, len(items), size):
        yield items[start : start + size]


def site_client():
    """A test client that speaks to this site as its own visitors' browsers do (a host it answers, https)."""
    from django.test import Client

    hosts = [h for h in settings.ALLOWED_HOSTS if h not in ("*",) and not h.startswith(".")]
    return Client(HTTP_HOST=hosts[0] if hosts else "localhost", secure=True, raise_request_exception=False)


def _static_exists(path: str) -> bool:
    from django.contrib.staticfiles import finders
    from django.contrib.staticfiles.storage import staticfiles_storage

    name = path.removeprefix(settings.STATIC_URL)
    try:
        return bool(finders.find(name)) or staticfiles_storage.exists(name)
    except Exception:  # a suspicious path (../) is simply not a file of ours
        return False


def _media_exists(path: str) -> bool:
    try:
        return default_storage.exists(path.removeprefix(settings.MEDIA_URL))
    except Exception:
        return False


class InternalChecker:
    def __init__(self):
        self._client = None

    def _fetch(self, path: str) -> CheckResult:
        if self._client is None:
            self._client = site_client()
        answer = self._client.get(path, follow=True)
        return CheckResult.answered(answer.status_code) if answer.status_code >= 400 else OK

    def check(self, paths: Iterable[str]) -> dict[str, CheckResult]:
        results: dict[str, CheckResult] = {}
        documents: dict[str, int] = {}
        attachments: dict[str, tuple[int, int]] = {}
        columns: dict[str, str] = {}
        for path in dict.fromkeys(paths):
            route = urlsplit(path).path
            if route.startswith(settings.STATIC_URL):
                results[path] = OK if _static_exists(route) else NOT_FOUND
                continue
            if route.startswith(settings.MEDIA_URL):
                results[path] = OK if _media_exists(route) else FILE_MISSING
                continue
            try:
                match = resolve(route)
            except Resolver404:
                results[path] = NOT_FOUND
                continue
            if match.view_name in ("disclosure:document", "disclosure:document_print"):
                documents[path] = match.kwargs["pk"]
            elif match.view_name == "disclosure:attachment":
                attachments[path] = (match.kwargs["pk"], match.kwargs["attachment_pk"])
            elif match.view_name == "disclosure:column":
                columns[path] = match.kwargs["slug"]
            else:
                results[path] = self._fetch(path)
        results.update(self._documents(documents))
        results.update(self._attachments(attachments))
        results.update(self._columns(columns))
        return results

    def _documents(self, documents: dict[str, int]) -> dict[str, CheckResult]:
        from disclosure import selectors

        public: set[int] = set()
        for ids in _chunks(sorted(set(documents.values()))):
            public |= selectors.public_document_ids(ids)
        return {path: OK if pk in public else NOT_FOUND for path, pk in documents.items()}

    def _attachments(self, attachments: dict[str, tuple[int, int]]) -> dict[str, CheckResult]:
        from disclosure import selectors

        files = {}
        for ids in _chunks(sorted({doc for doc, _ in attachments.values()})):
            files.update(selectors.published_attachment_files(ids))
        results = {}
        for path, key in attachments.items():
            stored = files.get(key)
            results[path] = NOT_FOUND if stored is None else (OK if _stored(stored) else FILE_MISSING)
        return results

    def _columns(self, columns: dict[str, str]) -> dict[str, CheckResult]:
        from disclosure import selectors

        if not columns:
            return {}
        _, children = selectors.column_tree()
        active = {column.slug for group in children.values() for column in group}
        return {path: OK if slug in active else NOT_FOUND for path, slug in columns.items()}


def _stored(field_file) -> bool:
    """The file is in its own storage (wherever the attachment field keeps files)."""
    try:
        return bool(field_file.name) and field_file.storage.exists(field_file.name)
    except Exception:
        return False
