"""Django's PostgreSQL backend with two savings for the busiest queries of a persistent connection.

**Prepared statements** (``prepare``): the document page's query is parsed and planned by PostgreSQL once per
connection instead of at every request (it then answers in about 0.2 ms instead of 0.35). A prepared statement lasts
as long as the connection (a rollback does not drop it), so the names prepared are kept with the connection and
forgotten with it. (A pooler in transaction mode, such as PgBouncer's, would break this: connect directly.)

**A lighter health check**: a persistent connection used without error by a request that ended less than
``HEALTH_CHECK_BYPASS_SECONDS`` ago is not checked again (``SELECT 1``) before the next request uses it.

With CONN_HEALTH_CHECKS, Django checks the connection at the first query of every request. Under load that is one
extra round trip to PostgreSQL per page, about a fifth of a document page's time in a web worker. A connection that
has just answered is almost certainly still there: connection pools skip the check in the same way (HikariCP's
``aliveBypassWindowMs``, 500 ms). A connection idle for longer is checked as before, so a database restarted
between two quiet requests costs one failed check, not an error page. Inside the window, a database that went down
fails the request's query; the error marks the connection, which is then checked and closed when the request ends.
"""

from __future__ import annotations

import time

from django.db.backends.postgresql import base

HEALTH_CHECK_BYPASS_SECONDS = 0.5


class DatabaseWrapper(base.DatabaseWrapper):
    _proven_at = float("-inf")  # when a request last used the connection without a database error

    def init_connection_state(self):
        super().init_connection_state()
        self.prepared_statements: set[str] = set()  # names PREPAREd on this connection

    def prepare(self, name: str, sql: str, param_count: int) -> str:
        """The SQL that runs ``sql`` (with ``%s`` placeholders) as the statement ``name``, prepared on this connection
        the first time. ``name`` must stand for one SQL text for the life of the process. Without persistent
        connections (CONN_MAX_AGE=0) the SQL is returned as it is: preparing it would cost a round trip a request."""
        if not self.settings_dict["CONN_MAX_AGE"]:
            return sql
        self.ensure_connection()
        if name not in self.prepared_statements:
            pieces = sql.replace("%%", "\0").split("%s")
            if len(pieces) != param_count + 1:
                raise ValueError(f"statement {name} takes {len(pieces) - 1} parameters, not {param_count}")
            numbered = "".join(f"{piece}${n}" for n, piece in enumerate(pieces[:-1], 1)) + pieces[-1]
            with self.cursor() as cursor:
                cursor.execute(f"PREPARE {name} AS {numbered}".replace("\0", "%"))  # no parameters: % is literal
            self.prepared_statements.add(name)
        return f"EXECUTE {name}({', '.join(['%s'] * param_count)})" if param_count else f"EXECUTE {name}"

    def close_if_unusable_or_obsolete(self):
        # Called when a request starts and when it ends. ``health_check_done`` is only set once the request opened
        # a cursor (or connected), so a request that made no query proves nothing about the connection.
        if self.connection is not None and self.health_check_done and not self.errors_occurred:
            self._proven_at = time.monotonic()
        super().close_if_unusable_or_obsolete()

    def close_if_health_check_failed(self):
        if (
            self.connection is not None
            and not self.health_check_done
            and not self.errors_occurred
            and time.monotonic() - self._proven_at < HEALTH_CHECK_BYPASS_SECONDS
        ):
            self.health_check_done = True
            return
        super().close_if_health_check_failed()

    def close(self):
        self._proven_at = float("-inf")
        super().close()
