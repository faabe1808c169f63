"""Publish → searchable, with a real Celery worker over Redis (the target: searchable within 5 seconds).

Starts ``celery -A portal worker`` as a subprocess on a queue of its own, publishes documents one at a time through
``disclosure.services`` (the 终审 that assigns the 索引号 queues the indexing task after commit), and polls the
search page's service until the new document is the first hit of a search for its 索引号. Reports the latency of
each publish to searchable (p50 / p95 / max).

    .venv/bin/python benchmarks/publish_to_search.py [--count 20] [--redis redis://127.0.0.1:6379/13]

A throw-away SQLite database and data folder, shared by this process and the worker, are used.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(BASE_DIR))


def configure(redis_url: str) -> dict:
    folder = tempfile.mkdtemp(prefix="bench-publish-search-")
    env = {
        "DJANGO_SETTINGS_MODULE": "portal.settings",
        "DATABASE_URL": f"sqlite:///{folder}/bench.sqlite3",
        "DATA_DIR": folder,
        "REDIS_URL": redis_url,
        "CELERY_TASK_ALWAYS_EAGER": "0",
        "LOG_LEVEL": "WARNING",
    }
    os.environ.update(env)
    return env


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--count", type=int, default=20)
    parser.add_argument("--redis", default=os.environ.get("REDIS_URL", "redis://127.0.0.1:6379/13"))
    args = parser.parse_args()
    env = configure(args.redis)

    import django

    django.setup()
    from django.conf import settings
    from django.core.management import call_command

    from benchmarks.publish import YES, prepare, setup
    from disclosure import services
    from search import services as search
    from search.query import parse
    from search.types import SearchRequest

    call_command("migrate", verbosity=0)
    people = setup()
    documents = prepare(people, args.count)
    queue = getattr(settings, "CELERY_TASK_DEFAULT_QUEUE", "celery")
    celery = Path(sys.executable).with_name("celery")
    log = open(Path(env["DATA_DIR"]) / "worker.log", "w")  # noqa: SIM115 - closed below
    worker = subprocess.Popen(  # noqa: S603 - our own celery executable and fixed arguments
        [str(celery), "-A", "portal", "worker", "--pool=solo", "--concurrency=1", "-Q", f"{queue},search",
         "--loglevel=WARNING", "--without-gossip", "--without-mingle", "--without-heartbeat"],
        cwd=BASE_DIR, env={**os.environ, **env}, stdout=log, stderr=subprocess.STDOUT,
    )  # fmt: skip
    latencies = []
    try:
        time.sleep(3)  # let the worker connect before the clock starts
        for document in documents:
            started = time.perf_counter()
            published = services.review(document, actor=people["office"], decision="pass", checklist=YES)
            request = SearchRequest(query=parse(published.index_number))
            while True:
                hits = search.search(request).hits
                if hits and hits[0].url.endswith(f"/documents/{published.pk}/"):
                    break
                if time.perf_counter() - started > 60:
                    raise SystemExit(f"not searchable after 60 s: {published.index_number}; see {log.name}")
                time.sleep(0.05)
            latencies.append(time.perf_counter() - started)
    finally:
        worker.terminate()
        worker.wait(timeout=20)
        log.close()
    latencies.sort()
    p95 = latencies[max(0, round(0.95 * len(latencies)) - 1)]
    print(f"publish → first hit for its 索引号, {len(latencies)} documents, worker over {args.redis}:")
    print(
        f"  p50 {statistics.median(latencies) * 1000:.0f} ms, p95 {p95 * 1000:.0f} ms, max {latencies[-1] * 1000:.0f} ms"
    )


if __name__ == "__main__":
    main()
