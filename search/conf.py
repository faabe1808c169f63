"""Search settings, each overridable in Django settings (``getattr(settings, NAME, default)``)."""

import os

from django.conf import settings

# Longest query kept; longer input is cut with a notice.
SEARCH_MAX_QUERY_CHARS: int = getattr(settings, "SEARCH_MAX_QUERY_CHARS", 60)
SEARCH_PAGE_SIZE: int = getattr(settings, "SEARCH_PAGE_SIZE", 10)
# Phrase matches are re-ranked within this many top hits of the AND query, so their cost is bounded.
SEARCH_RERANK_DEPTH: int = getattr(settings, "SEARCH_RERANK_DEPTH", 100)
# Facets are counted exactly up to this many hits; above it they are sampled and marked approximate.
SEARCH_FACET_EXACT_LIMIT: int = getattr(settings, "SEARCH_FACET_EXACT_LIMIT", 60_000)
# Result pages are cached (keyed by query, filters and index generation) for this many seconds.
SEARCH_CACHE_SECONDS: int = getattr(settings, "SEARCH_CACHE_SECONDS", 600)
# ... stored at a process's second computation of the same page (1: at the first) and looked up once stored, as pages
# are (PAGE_CACHE_ADMIT_AFTER): most queries are asked once.
SEARCH_CACHE_ADMIT_AFTER: int = getattr(settings, "SEARCH_CACHE_ADMIT_AFTER", settings.PAGE_CACHE_ADMIT_AFTER)
# Index writes wait this long for Whoosh's single-writer lock on each try, and retry this many times.
SEARCH_WRITE_LOCK_TIMEOUT: float = getattr(settings, "SEARCH_WRITE_LOCK_TIMEOUT", 5.0)
SEARCH_WRITE_RETRIES: int = getattr(settings, "SEARCH_WRITE_RETRIES", 5)
# Extra dictionary files (one "word [freq] [tag]" a line) loaded after the bundled government dictionary.
SEARCH_USER_DICTIONARIES: list = list(getattr(settings, "SEARCH_USER_DICTIONARIES", []))
# Processes used by bulk writes (rebuild_index, update_index, reconcile of many rows).
SEARCH_BULK_PROCS: int = getattr(settings, "SEARCH_BULK_PROCS", min(2, os.cpu_count() or 1))
# Memory per searcher (per web thread) for the terms last read, so common words are not re-read from disk each query.
SEARCH_TERM_CACHE_MB: int = getattr(settings, "SEARCH_TERM_CACHE_MB", 256)
# Quoted phrases are checked against the stored text of at most this many candidates (best first); beyond it the
# total and the facet counts are estimated and marked approximate (the page's hits are always checked).
SEARCH_PHRASE_VERIFY_LIMIT: int = getattr(settings, "SEARCH_PHRASE_VERIFY_LIMIT", 600)
# Ordinary commits merge only segments smaller than this (bulk writes are committed without merging).
SEARCH_SMALL_SEGMENT_DOCS: int = getattr(settings, "SEARCH_SMALL_SEGMENT_DOCS", 500)
# The nightly task merges the index into one segment when it has more segments than this (or >10% deleted). Every
# query looks each of its terms up in every segment: a results page took 4.5 ms of CPU on the 13 segments a rebuild of
# 4,000 documents leaves, 3.95 ms on one.
SEARCH_MAX_SEGMENTS: int = getattr(settings, "SEARCH_MAX_SEGMENTS", 8)
# The nightly reconcile re-indexes the rows changed in this many days (indexes that name an updated-date field).
SEARCH_RECONCILE_RECENT_DAYS: int = getattr(settings, "SEARCH_RECONCILE_RECENT_DAYS", 2)
# Load jieba when the process starts (before a pre-forking server forks) instead of at the first search.
SEARCH_PRELOAD: bool = getattr(settings, "SEARCH_PRELOAD", False)
