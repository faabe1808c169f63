"""The index's failures, raised by the backend and the engine, caught by the tasks (retry) and the page (fall back
to the database)."""


class IndexLocked(Exception):
    """Another process held Whoosh's write lock through every retry."""


class IndexUnavailable(Exception):
    """The index folder is missing (deleted, unmounted, never built)."""
