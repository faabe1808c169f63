"""What counting a page view costs a request, measured in process with Redis (target: at most 0.2 ms a request).

The same pre-built requests (2,000 page addresses, 5,000 visitors) go through a bare view and through the view
wrapped in ``VisitCounterMiddleware``, in alternating rounds; the difference per request is the counting's cost on
the request path. The buffer is written to Redis by the background thread meanwhile (as in a web process), and its
own cost per view is measured too (one write of a full buffer), as is the synchronous variant (every view its own
Redis round trip, VISIT_FLUSH_SECONDS=0) for comparison.

Usage (uses keys ``visits:*`` of the given Redis database and deletes them afterwards; never a production Redis):

    REDIS_URL=redis://127.0.0.1:6379/12 .venv/bin/python benchmarks/visits.py [--requests 20000] [--rounds 7]
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings")
os.environ.setdefault("DATABASE_URL", f"sqlite:///{tempfile.mkdtemp(prefix='bench-visits-')}/bench.sqlite3")
os.environ.setdefault("DATA_DIR", tempfile.mkdtemp(prefix="bench-visits-data-"))
if not os.environ.get("REDIS_URL"):
    sys.exit("Set REDIS_URL (e.g. redis://127.0.0.1:6379/12): this measures counting with Redis.")

import django  # noqa: E402

django.setup()

from django.http import HttpResponse  # noqa: E402
from django.test import RequestFactory, override_settings  # noqa: E402
from django.utils import timezone  # noqa: E402

from evaluation import visits  # noqa: E402
from evaluation.middleware import VisitCounterMiddleware  # noqa: E402

UA = "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120 Safari/537.36"
HTML = "<!DOCTYPE html><html lang='zh-CN'><body>页面</body></html>"


def page(request):
    return HttpResponse(HTML)


def build(n: int) -> list:
    factory = RequestFactory()
    return [
        factory.get(f"/documents/{i % 2000}/", HTTP_USER_AGENT=UA, REMOTE_ADDR=f"10.{i % 5000 // 250}.{i % 250}.1")
        for i in range(n)
    ]


def timed(handler, requests) -> float:
    start = time.perf_counter()
    for request in requests:
        handler(request)
    return time.perf_counter() - start


def clean(store) -> None:
    for key in store.client.scan_iter("visits:*"):
        store.client.delete(key)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--requests", type=int, default=20_000)
    parser.add_argument("--rounds", type=int, default=7)
    args = parser.parse_args()
    store = visits.current_store()
    if not isinstance(store, visits.RedisStore):
        sys.exit("The cache is not Redis.")
    clean(store)
    requests = build(args.requests)
    counted = VisitCounterMiddleware(page)
    n = len(requests)
    print(f"{n} requests per round, {args.rounds} rounds, Redis {os.environ['REDIS_URL']}")

    with override_settings(VISIT_FLUSH_SECONDS=2.0):
        timed(counted, requests[:500])  # warm up: the thread, the day's salt, the connection
        bare_times, counted_times = [], []
        for _ in range(args.rounds):
            bare_times.append(timed(page, requests))
            counted_times.append(timed(counted, requests))
        visits.RECORDER.flush()
    overhead = [(c - b) / n * 1e6 for b, c in zip(bare_times, counted_times, strict=True)]
    print(f"bare view:              {statistics.median(bare_times) / n * 1e6:7.2f} µs/request (median)")
    print(f"with counting:          {statistics.median(counted_times) / n * 1e6:7.2f} µs/request (median)")
    print(f"counting, request path: {statistics.median(overhead):7.2f} µs/request "
          f"(min {min(overhead):.2f}, max {max(overhead):.2f})")  # fmt: skip

    # One write of a full buffer: what the background thread spends per view.
    today = timezone.localdate()
    flush_costs = []
    for _ in range(args.rounds):
        for request in requests:
            visits.RECORDER.record(today, request.path, visits.visitor_token(request))
        start = time.perf_counter()
        visits.RECORDER.flush()
        flush_costs.append((time.perf_counter() - start) / n * 1e6)
    print(f"background write:       {statistics.median(flush_costs):7.2f} µs/view (a buffer of {n} views)")

    # For comparison: no buffer, one Redis round trip per view.
    with override_settings(VISIT_FLUSH_SECONDS=0):
        sync = [(timed(counted, requests[:2000]) - timed(page, requests[:2000])) / 2000 * 1e6 for _ in range(3)]
    print(f"unbuffered (one write per view): {statistics.median(sync):7.2f} µs/request")

    expected = 500 + n * args.rounds * 2 + 2000 * 3
    got = sum(store.path_counts(today).values())
    print(f"views in Redis: {got} (expected {expected}), unique visitors today: {store.visitor_count(today)}")
    clean(store)


if __name__ == "__main__":
    main()
