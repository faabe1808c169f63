"""Public pages under load, as production serves them: gunicorn (deploy/gunicorn.conf.py, 2 sync workers, DEBUG off,
PostgreSQL, Redis), beside the plain-Django reference page of benchmarks/reference/ (one query, a 30 KB page; and
the same behind ``cache_page``), measured interleaved in rounds.

Three servers run side by side:
  - ``cached``: the project as shipped (page cache on, Redis);
  - ``uncached``: the project with PAGE_CACHE_SECONDS=0 (every page rendered; per-site data still kept per content
    generation, as in production between two changes);
  - ``reference``: benchmarks/reference/site.py.

The load generator is wrk when installed (`which wrk`), otherwise the asyncio HTTP/1.1 client below (50
connections, reconnecting when gunicorn's sync workers close the connection, as they do after every response);
it runs on the same 2 cores as the servers, so figures are lower than a separate load machine would give.

    .venv/bin/python benchmarks/pages.py                          # set up the database, then 3 rounds x 8 s
    .venv/bin/python benchmarks/pages.py --reuse --rounds 1       # database already set up
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/portal_bench REDIS_URL=redis://127.0.0.1:6379/11 ...

Results: a table per page (req/s, p50, p99, errors, page-cache hits, the medians over the rounds) with ratios to
the reference (the round's, and the one measured just before the page: this shared machine's speed changes within a
round), and each worker's memory (RSS, PSS, private) after the runs; JSON to --json.
"""

# ruff: noqa: S603, S607, S108 - a benchmark starting its own servers and tools, with its files under /tmp
from __future__ import annotations

import argparse
import asyncio
import json
import os
import random
import re
import shutil
import signal
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
GUNICORN = str(Path(PYTHON).with_name("gunicorn"))
BROWSER = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0 Safari/537.36"
CORPUS = ROOT.parent.parent / "shared/corpus/laws"


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--database-url", default=os.environ.get("DATABASE_URL",
                                                                 "postgres://postgres@127.0.0.1:5432/portal_bench"))  # fmt: skip
    parser.add_argument("--redis-url", default=os.environ.get("REDIS_URL", "redis://127.0.0.1:6379/11"))
    parser.add_argument("--data-dir", default="/tmp/portal-bench-pages")
    parser.add_argument("--docs", type=int, default=4000, help="documents of ~3,000 characters added for the run")
    parser.add_argument("--reuse", action="store_true", help="skip the set-up (database and index already built)")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--duration", type=float, default=8.0, help="seconds per page per round")
    parser.add_argument("--connections", type=int, default=50)
    parser.add_argument("--port", type=int, default=18110, help="first of five ports")
    parser.add_argument("--only", help="comma-separated page names to run")
    parser.add_argument(
        "--unpaired",
        action="store_true",
        help="skip the reference run just before each page (the paired ratio: half the run time)",
    )
    parser.add_argument("--json", help="write the results here")
    return parser.parse_args()


# --- Set-up


SETUP_CODE = r"""
import random, sys
from datetime import datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo
from disclosure.models import Column, Document
from portal.models import Organization, User
n, corpus = int(sys.argv[-2]), Path(sys.argv[-1])
have = Document.objects.filter(title__startswith="【基准】").count()
if have < n:
    rng = random.Random(7)
    texts = [p.read_text(encoding="utf-8") for p in sorted(corpus.glob("*.txt"))] or ["政府信息公开。" * 400]
    units = list(Organization.objects.filter(is_active=True))
    author = User.objects.filter(is_superuser=True).first() or User.objects.first()
    columns = list(Column.objects.filter(kind__in=["news", "catalogue"], is_active=True))
    start = datetime(2018, 1, 1, 9, tzinfo=ZoneInfo("Asia/Shanghai"))
    rows = []
    for i in range(have, n):
        text = rng.choice(texts)
        cut = rng.randrange(0, max(1, len(text) - 3000))
        body = "".join(f"<p>{line}</p>" for line in text[cut:cut + 3000].splitlines() if line.strip())
        unit = units[i % len(units)]
        rows.append(Document(
            title=f"【基准】{text.splitlines()[0][:30]}（第{i}号）", body=body, column=columns[i % len(columns)],
            organization=unit, created_by=author, status=Document.Status.PUBLISHED,
            published_at=start + timedelta(hours=i), index_number=f"BENCH-{unit.pk}-{i:06d}",
            summary="基准测试用信息。", genre="通知",
        ))
    Document.objects.bulk_create(rows, batch_size=1000)
# Statistics, as autovacuum would gather them within a minute of the bulk insert in production (without them
# PostgreSQL plans the lists for an empty table).
from django.db import connection
if connection.vendor == "postgresql":
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
print(Document.objects.filter(title__startswith="【基准】").count())
"""


def project_env(args, **extra) -> dict:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "PAGE_CACHE"))}
    env.update({
        "DEBUG": "0", "SECRET_KEY": "benchmark-only-" + "k" * 50, "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "DATABASE_URL": args.database_url, "REDIS_URL": args.redis_url, "DATA_DIR": args.data_dir,
        "STATIC_ROOT": str(Path(args.data_dir) / "static"), "GUNICORN_ACCESS_LOG": "", "LOG_LEVEL": "WARNING",
        "SEARCH_TERM_CACHE_MB": "64",
    })  # fmt: skip
    env.update(extra)
    return env


def manage(args, *command: str, debug: bool = False) -> str:
    env = project_env(args, **({"DEBUG": "1", "CELERY_TASK_ALWAYS_EAGER": "1"} if debug else {}))
    result = subprocess.run([PYTHON, "manage.py", *command], cwd=ROOT, env=env, capture_output=True, text=True)
    if result.returncode:
        sys.exit(f"manage.py {' '.join(command)} failed:\n{result.stderr[-3000:]}")
    return result.stdout


def set_up(args) -> None:
    name = args.database_url.rsplit("/", 1)[-1]
    host = re.search(r"@([^:/]+)", args.database_url).group(1)
    subprocess.run(["createdb", "-h", host, "-U", "postgres", name], capture_output=True)
    Path(args.data_dir).mkdir(parents=True, exist_ok=True)
    print("migrate, seed_demo, documents, collectstatic, rebuild_index, compact ...", flush=True)
    manage(args, "migrate", "--noinput", debug=True)
    if "演示数据已就绪" not in manage(args, "shell", "-c", "from portal.models import Organization; "
                                     "print('演示数据已就绪' if Organization.objects.exists() else '')", debug=True):  # fmt: skip
        manage(args, "seed_demo", debug=True)
    code = SETUP_CODE.replace("sys.argv[-2]", str(args.docs)).replace("sys.argv[-1]", repr(str(CORPUS)))
    print("benchmark documents:", manage(args, "shell", "-c", code, debug=True).strip(), flush=True)
    manage(args, "collectstatic", "--noinput", "-v0")
    manage(args, "rebuild_index", "--noinput", debug=True)
    # The index as production has it the morning after a rebuild: the nightly task (search.reconcile) merges the
    # rebuild's bulk segments into one.
    manage(args, "shell", "-c", "from search import services; services.compact_index()", debug=True)


def bump_generation(args) -> None:
    manage(args, "shell", "-c", "from portal import pagecache; pagecache.bump()")


# --- Servers


class Server:
    def __init__(self, name: str, port: int, command: list[str], env: dict):
        self.name, self.port = name, port
        with open(f"/tmp/bench-{name}.log", "w") as log:  # the child keeps its own copy of the descriptor
            self.process = subprocess.Popen(command, cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=log,
                                            start_new_session=True)  # fmt: skip

    def wait_ready(self) -> None:
        import http.client

        for _ in range(200):
            try:
                connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=5)
                connection.request("GET", "/nothing-here/", headers={"X-Forwarded-Proto": "https"})
                connection.getresponse().read()
                return
            except OSError:
                time.sleep(0.2)
        sys.exit(f"{self.name} did not start: see /tmp/bench-{self.name}.log")

    def workers(self) -> list[int]:
        children = Path(f"/proc/{self.process.pid}/task/{self.process.pid}/children")
        return [int(pid) for pid in children.read_text().split()] if children.exists() else []

    def stop(self) -> None:
        os.killpg(self.process.pid, signal.SIGTERM)
        self.process.wait(timeout=30)


def nginx_server(args, upstream_port: int, port: int) -> Server | None:
    """deploy/nginx/portal.conf as shipped, on a plain port in front of the ``cached`` server (TLS lines dropped,
    folders moved to the data folder, X-Forwarded-Proto https as TLS would set it)."""
    nginx = shutil.which("nginx") or ("/usr/sbin/nginx" if Path("/usr/sbin/nginx").exists() else None)
    if nginx is None:
        return None
    tmp = Path(args.data_dir) / "nginx"
    tmp.mkdir(parents=True, exist_ok=True)
    text = (ROOT / "deploy/nginx/portal.conf").read_text()
    text = re.sub(r"server \{\n    listen 80;.*?\n\}\n", "", text, flags=re.S)
    text = re.sub(r"listen 443 ssl http2;.*", f"listen 127.0.0.1:{port};", text)
    text = "\n".join(line for line in text.splitlines() if "[::]:443" not in line and "ssl_" not in line)
    text = text.replace("127.0.0.1:8001", f"127.0.0.1:{upstream_port}").replace(
        "/var/cache/nginx/portal", str(tmp / "cache")
    )
    text = text.replace("/srv/portal/static/", str(Path(args.data_dir) / "static") + "/")
    text = text.replace("/srv/portal/media/", str(Path(args.data_dir) / "media") + "/")
    text = text.replace("/srv/portal/private/", str(Path(args.data_dir) / "private") + "/")
    text = text.replace("X-Forwarded-Proto $scheme", "X-Forwarded-Proto https")
    temps = " ".join(f"{kind}_temp_path {tmp / kind};" for kind in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi"))
    conf = tmp / "nginx.conf"
    # Run as root (as here), nginx's workers would be `nobody` and could write nothing into the data folder.
    user = "user root;\n" if os.geteuid() == 0 else ""
    conf.write_text(f"{user}worker_processes 2; error_log {tmp / 'error.log'}; pid {tmp / 'nginx.pid'};\n"
                    f"events {{ worker_connections 2048; }}\nhttp {{ include /etc/nginx/mime.types; access_log off; "
                    f"{temps}\n{text}\n}}\n")  # fmt: skip
    return Server("nginx", port, [nginx, "-c", str(conf), "-p", str(tmp), "-g", "daemon off;"], dict(os.environ))


def cpu_seconds(pids: list[int]) -> float:
    """User + system CPU time of these processes so far (the server's own cost, whatever the load generator's)."""
    ticks = 0
    for pid in pids:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        ticks += int(fields[11]) + int(fields[12])  # utime, stime (fields 14 and 15 of proc(5))
    return ticks / os.sysconf("SC_CLK_TCK")


def memory(pid: int) -> dict:
    """RSS, PSS (shared pages divided among the processes sharing them) and private memory, in MiB."""
    fields = {}
    for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines()[1:]:
        key, value = line.split(":", 1)
        fields[key] = int(value.split()[0])
    private = fields.get("Private_Clean", 0) + fields.get("Private_Dirty", 0)
    return {"rss": fields["Rss"] / 1024, "pss": fields["Pss"] / 1024, "private": private / 1024}


# --- Load


async def _one_connection(port: int, urls, deadline: float, results: dict) -> None:
    reader = writer = None
    while time.monotonic() < deadline:
        url = next(urls)
        request = (f"GET {url} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nUser-Agent: {BROWSER}\r\n"
                   "Accept: text/html\r\nX-Forwarded-Proto: https\r\n\r\n").encode()  # fmt: skip
        started = time.monotonic()
        try:
            if writer is None:
                reader, writer = await asyncio.open_connection("127.0.0.1", port)
            writer.write(request)
            head = await reader.readuntil(b"\r\n\r\n")
            lines = head.decode("latin-1").split("\r\n")
            status = int(lines[0].split()[1])
            headers = {k.strip().lower(): v.strip() for k, _, v in (line.partition(":") for line in lines[1:] if line)}
            body = await reader.readexactly(int(headers.get("content-length", 0)))
            if headers.get("connection", "").lower() == "close":
                writer.close()
                reader = writer = None
        except (OSError, asyncio.IncompleteReadError, asyncio.LimitOverrunError, ValueError):
            results["errors"] += 1
            if writer is not None:
                writer.close()
            reader = writer = None
            continue
        finished = time.monotonic()
        if finished > deadline:
            break
        results["latencies"].append(finished - started)
        results["bytes"] += len(body)
        if status != 200:
            results["errors"] += 1
        if headers.get("x-page-cache") == "hit" or headers.get("x-micro-cache") == "HIT":
            results["hits"] += 1
    if writer is not None:
        writer.close()


def _get(port: int, path: str) -> str:
    import http.client

    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    connection.request("GET", path, headers={"X-Forwarded-Proto": "https"})
    return connection.getresponse().read().decode()


def run_load(port: int, urls, duration: float, connections: int) -> dict:
    results = {"latencies": [], "errors": 0, "hits": 0, "bytes": 0}
    deadline = time.monotonic() + duration

    async def main():
        await asyncio.gather(*(_one_connection(port, urls, deadline, results) for _ in range(connections)))

    started = time.monotonic()
    asyncio.run(main())
    elapsed = time.monotonic() - started
    latencies = sorted(results["latencies"])
    n = len(latencies)
    return {
        "requests": n,
        "rps": n / elapsed,
        "p50": latencies[n // 2] * 1000 if n else 0,
        "p99": latencies[min(n - 1, int(n * 0.99))] * 1000 if n else 0,
        "errors": results["errors"],
        "hits": results["hits"] / n if n else 0,
        "kb": results["bytes"] / n / 1024 if n else 0,
    }


def cycle(items: list[str], rng: random.Random):
    items = list(items)
    rng.shuffle(items)
    while True:
        yield from items


# --- The pages


def page_plan(args, ids: list[int], columns: list[str], units: list[str], words: list[str]) -> dict:
    """name -> (server, url iterator factory, bump the generation first)."""
    rng = random.Random(11)
    warm_ids = ids[:20]

    def queries():
        while True:
            yield (
                "/search/?q=" + "%20".join(rng.sample(words, 2))
                if rng.random() < 0.5
                else "/search/?q=" + rng.choice(words) + str(rng.randrange(10))
            )

    column_urls = [
        f"/columns/{slug}/?page={p}" if p > 1 else f"/columns/{slug}/" for slug in columns for p in (1, 2, 3)
    ]
    # A unit's view of a column: its rows are read each time (only the first three pages of the whole column are kept).
    unit_column_urls = [f"/columns/{slug}/?unit={code}" for slug in columns for code in units]
    return {
        "reference": ("reference", lambda: cycle([f"/article/{i}/" for i in ids], rng), False),
        "reference cache_page": ("reference", lambda: cycle([f"/cached/{i}/" for i in warm_ids], rng), False),
        "document cold (new doc each request)": ("cached", lambda: cycle([f"/documents/{i}/" for i in ids], rng), True),
        "document, page cache off": ("uncached", lambda: cycle([f"/documents/{i}/" for i in ids], rng), False),
        "home, page cache off": ("uncached", lambda: cycle(["/"], rng), False),
        "column, page cache off": ("uncached", lambda: cycle(column_urls, rng), False),
        "column, a unit's view (rows read), page cache off": ("uncached", lambda: cycle(unit_column_urls, rng), False),
        "/disclosure/, page cache off": ("uncached", lambda: cycle(["/disclosure/"], rng), False),
        "services catalogue, page cache off": ("uncached", lambda: cycle(["/services/"], rng), False),
        "interviews, page cache off": ("uncached", lambda: cycle(["/interviews/"], rng), False),
        "responses, page cache off": ("uncached", lambda: cycle(["/responses/"], rng), False),
        "search, new query each request": ("search", queries, False),
        "search, same query": ("search", lambda: cycle(["/search/?q=" + words[0]], rng), False),
        "document warm": ("cached", lambda: cycle([f"/documents/{i}/" for i in warm_ids], rng), False),
        "home warm": ("cached", lambda: cycle(["/"], rng), False),
        "column warm": ("cached", lambda: cycle([f"/columns/{columns[0]}/"], rng), False),
        "/disclosure/ warm": ("cached", lambda: cycle(["/disclosure/"], rng), False),
    }


def main() -> None:
    args = parse_args()
    if shutil.which("wrk"):
        print("wrk is installed, but this script's own generator is used so that cache hits are counted", flush=True)
    if not args.reuse:
        set_up(args)
    listing = manage(args, "shell", "-c", (
        # A cache emptied first: the queries are the same at every run (a fixed seed), and the search pages kept
        # from an earlier run would otherwise be answered from the cache.
        "from django.core.cache import cache; cache.clear(); "
        "from disclosure.models import Column, Document; import json, re; "
        "ids = list(Document.objects.filter(title__startswith='【基准】').values_list('pk', flat=True)); "
        "cols = [c.slug for c in Column.objects.filter(kind__in=['news', 'catalogue'], is_active=True)][:8]; "
        "titles = ' '.join(Document.objects.published().values_list('title', flat=True)[:3000]); "
        "words = sorted(set(re.findall(r'[\\u4e00-\\u9fff]{2}', titles)))[:3000]; "
        "units = sorted(set(Document.objects.published().values_list('organization__code', flat=True)))[:6]; "
        "print(json.dumps({'ids': ids, 'columns': cols, 'units': units, 'words': words}))"
    ))  # fmt: skip
    data = json.loads(listing.strip().splitlines()[-1])
    ids, columns, units, words = data["ids"], data["columns"], data["units"], data["words"]
    print(f"{len(ids)} benchmark documents, {len(columns)} columns, {len(words)} query words", flush=True)

    # Workers are not recycled during the run: a recycled worker's CPU time would be lost from the per-request figure.
    conf = ["-c", "deploy/gunicorn.conf.py", "--workers", "2", "--threads", "1", "--max-requests", "0"]
    servers = {
        "cached": Server("cached", args.port, [GUNICORN, *conf, "--bind", f"127.0.0.1:{args.port}",
                                               "portal.wsgi:application"], project_env(args)),
        "uncached": Server("uncached", args.port + 1, [GUNICORN, *conf, "--bind", f"127.0.0.1:{args.port + 1}",
                                                        "portal.wsgi:application"],
                           project_env(args, PAGE_CACHE_SECONDS="0")),
        # As deploy/systemd/portal-search.service runs it: jieba and the pinyin tables loaded before the fork.
        "search": Server("search", args.port + 4, [GUNICORN, *conf, "--bind", f"127.0.0.1:{args.port + 4}",
                                                    "portal.wsgi:application"],
                         project_env(args, PAGE_CACHE_SECONDS="0", SEARCH_PRELOAD="1")),
        "reference": Server("reference", args.port + 2, [GUNICORN, *conf, "--bind", f"127.0.0.1:{args.port + 2}",
                                                          "benchmarks.reference.site:application"], project_env(args)),
    }  # fmt: skip
    proxy = nginx_server(args, args.port, args.port + 3)
    if proxy is not None:
        servers["nginx"] = proxy
    else:
        print("nginx not installed: the micro-cache and static-file figures are left out", flush=True)
    results: dict[str, list[dict]] = {}
    memory_after_pages: dict = {}
    try:
        for server in servers.values():
            server.wait_ready()
        plan = page_plan(args, ids, columns, units, words)
        if proxy is not None:
            static = re.search(r"/static/css/site\.[0-9a-f]{12}\.css", _get(args.port, "/")).group(0)
            plan["nginx: static file (site.css)"] = ("nginx", lambda: cycle([static], random.Random(1)), False)
            plan["nginx micro-cache: home"] = ("nginx", lambda: cycle(["/"], random.Random(1)), False)
            plan["nginx micro-cache: document"] = ("nginx", lambda: cycle([f"/documents/{i}/" for i in ids[:20]],
                                                                           random.Random(1)), False)  # fmt: skip
        if args.only:
            plan = {k: v for k, v in plan.items() if any(o.strip() in k for o in args.only.split(","))}
        # Warm each server's workers (imports, connections, templates) and the warm pages' cache entries.
        for server, urls, _ in plan.values():
            run_load(servers[server].port, urls(), 2.0, 10)
        for round_number in range(1, args.rounds + 1):
            for name, (server, urls, bump) in plan.items():
                if bump:
                    bump_generation(args)
                paired = None
                if not args.unpaired and server != "reference" and "reference" in plan:
                    # This shared machine's speed changes within a round: the reference measured just before the page
                    # gives a ratio both sides of which ran in the same phase.
                    reference_urls = plan["reference"][1]
                    paired = run_load(servers["reference"].port, reference_urls(), args.duration, args.connections)
                before = cpu_seconds(servers[server].workers())
                figures = run_load(servers[server].port, urls(), args.duration, args.connections)
                figures["cpu_ms"] = (
                    (cpu_seconds(servers[server].workers()) - before) / max(figures["requests"], 1) * 1000
                )
                if paired is not None:
                    figures["paired"] = figures["rps"] / paired["rps"] if paired["rps"] else 0.0
                results.setdefault(name, []).append(figures)
                print(f"round {round_number} {name:42} {figures['rps']:8.1f} req/s  p50 {figures['p50']:6.1f} ms  "
                      f"p99 {figures['p99']:7.1f} ms  errors {figures['errors']}  hits {figures['hits']:.0%}  "
                      f"{figures['kb']:.1f} KB  worker CPU {figures['cpu_ms']:.2f} ms/req"
                      + (f"  × the reference just before {figures['paired']:.2f}" if "paired" in figures else ""),
                      flush=True)  # fmt: skip
            if round_number == 1:
                memory_after_pages = {pid: memory(pid) for pid in servers["cached"].workers()}
        memory_after = {name: {pid: memory(pid) for pid in server.workers()} for name, server in servers.items()}
    finally:
        for server in servers.values():
            server.stop()

    summary = report(results, memory_after_pages, memory_after)
    if args.json:
        Path(args.json).write_text(json.dumps(summary, ensure_ascii=False, indent=2))


def report(results: dict, memory_after_pages: dict, memory_after: dict) -> dict:
    median = {name: {key: statistics.median(r[key] for r in runs) for key in runs[0]} for name, runs in results.items()}
    reference = median.get("reference", {}).get("rps")
    cached = median.get("reference cache_page", {}).get("rps")
    print("\nmedians over the rounds")
    reference_cpu = median.get("reference", {}).get("cpu_ms")
    print(
        f"{'page':44} {'req/s':>8} {'p50 ms':>8} {'p99 ms':>8} {'errors':>7} {'hits':>6} {'× ref':>7} {'× cache_page':>12}"
        f" {'CPU ms':>7} {'CPU × ref':>9} {'× ref paired':>12}"
    )
    for name, m in median.items():
        ratio = f"{m['rps'] / reference:7.2f}" if reference else " " * 7
        ratio_cached = f"{m['rps'] / cached:12.2f}" if cached else " " * 12
        cpu_ratio = f"{reference_cpu / m['cpu_ms']:9.2f}" if reference_cpu and m["cpu_ms"] else " " * 9
        paired = f"{m['paired']:12.2f}" if "paired" in m else ""
        errors = sum(r["errors"] for r in results[name])
        print(
            f"{name:44} {m['rps']:8.1f} {m['p50']:8.1f} {m['p99']:8.1f} {errors:7d} {m['hits']:6.0%} {ratio} {ratio_cached}"
            f" {m['cpu_ms']:7.2f} {cpu_ratio} {paired}"
        )
    print("(CPU ms: the server's workers' CPU time per request; CPU × ref: the reference's divided by the page's;")
    print(" × ref paired: the median over the rounds of the page's req/s over the reference's measured just before it)")
    print("\nworker memory, MiB (RSS / PSS / private)")
    for pid, m in memory_after_pages.items():
        print(
            f"  cached server worker {pid} after round 1 (pages only): {m['rss']:.0f} / {m['pss']:.0f} / {m['private']:.0f}"
        )
    for name, workers in memory_after.items():
        for pid, m in workers.items():
            print(f"  {name} worker {pid} at the end: {m['rss']:.0f} / {m['pss']:.0f} / {m['private']:.0f}")
    return {"median": median, "rounds": results, "memory_after_pages": memory_after_pages, "memory_after": memory_after}


if __name__ == "__main__":
    main()
