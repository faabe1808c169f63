"""Build N documents of realistic length from the laws corpus and measure the search.

Reports build time, docs/s, index size, and latency p50/p95/p99 for a fixed set of 200 queries (common and rare
single words, two words, phrases, 文号, 索引号, pinyin, no-hit) with and without facets, cold and cached, and the same
queries through the database ``icontains`` scan as the baseline, with the ratio.

    .venv/bin/python benchmarks/search.py [--n 20000] [--corpus ../shared/corpus/laws] [--baseline 60]
    .venv/bin/python benchmarks/search.py --keep /tmp/bench-20k        # build once, keep the db + index there
    .venv/bin/python benchmarks/search.py --reuse /tmp/bench-20k       # skip building: only run the queries
    .venv/bin/python benchmarks/search.py --reuse /tmp/bench-20k --only phrase --profile /tmp/phrase.prof

A throw-away SQLite database and data folder are used unless DATABASE_URL / DATA_DIR are set (or --keep / --reuse
name a folder: DIR/bench.sqlite3 and DIR/data).
"""

from __future__ import annotations

import argparse
import os
import random
import resource
import statistics
import sys
import tempfile
import time
from datetime import datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser()
    parser.add_argument("--n", type=int, default=20_000)
    parser.add_argument("--corpus", default=str(Path(__file__).resolve().parent.parent.parent / "shared/corpus/laws"))
    parser.add_argument("--baseline", type=int, default=60, help="how many of the queries to run through the database")
    where = parser.add_mutually_exclusive_group()
    where.add_argument("--keep", metavar="DIR", help="build into DIR (DIR/bench.sqlite3, DIR/data) and keep it")
    where.add_argument("--reuse", metavar="DIR", help="skip building: query the index kept in DIR by --keep")
    parser.add_argument("--only", metavar="KIND", help="time only this query kind (common, phrase, 文号, ...)")
    parser.add_argument("--profile", metavar="FILE", help="write cProfile stats of the cold queries to FILE")
    return parser.parse_args()


ARGS = parse_args()
if ARGS.keep or ARGS.reuse:
    folder = Path(ARGS.keep or ARGS.reuse).resolve()
    if ARGS.reuse and not (folder / "bench.sqlite3").exists():
        sys.exit(f"--reuse {folder}: no bench.sqlite3 there (build it first with --keep)")
    folder.mkdir(parents=True, exist_ok=True)
    if ARGS.keep:
        for old in (folder / "bench.sqlite3", folder / "data" / "whoosh_index"):
            if old.is_file():
                old.unlink()
            elif old.is_dir():
                import shutil

                shutil.rmtree(old)
    os.environ["DATABASE_URL"] = f"sqlite:///{folder / 'bench.sqlite3'}"
    os.environ["DATA_DIR"] = str(folder / "data")
    os.environ.pop("SEARCH_URL", None)
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings")
if "DATABASE_URL" not in os.environ:
    os.environ["DATABASE_URL"] = f"sqlite:///{tempfile.mkdtemp(prefix='bench-search-')}/bench.sqlite3"
os.environ.setdefault("DATA_DIR", tempfile.mkdtemp(prefix="bench-search-data-"))

import django  # noqa: E402

django.setup()

from django.core.cache import cache  # noqa: E402
from django.core.management import call_command  # noqa: E402
from haystack import connections  # noqa: E402

from disclosure.models import Column, Document  # noqa: E402
from portal.models import Organization, User  # noqa: E402
from search import engine, services  # noqa: E402
from search.query import parse  # noqa: E402
from search.types import SearchRequest  # noqa: E402

TZ = ZoneInfo("Asia/Shanghai")
GENRES = ["通知", "意见", "报告", "决定", "通报", "公告", "函", "其他"]
ISSUERS = ["示政发", "示政办发", "示财发", "示农发", "示教发", "示卫发"]


def load_corpus(folder: Path) -> list[tuple[str, str]]:
    laws = []
    for path in sorted(folder.glob("*.txt")):
        text = path.read_text(encoding="utf-8", errors="ignore").strip()
        title, _, body = text.partition("\n")
        laws.append((title.strip()[:80], " ".join(body.split())))
    return laws


def make_documents(n: int, laws, rng: random.Random) -> list[int]:
    units = [
        Organization.objects.get_or_create(
            code=f"MA{i:06d}X", defaults={"name": f"示范县第{i}单位", "short_name": f"单位{i}", "kind": "department"}
        )[0]
        for i in range(12)
    ]
    author = User.objects.get_or_create(username="bench")[0]
    columns = list(Column.objects.filter(kind__in=["news", "catalogue"]))[:8]
    start = datetime(2015, 1, 1, 9, tzinfo=TZ)
    rows = []
    for i in range(n):
        title, body = rng.choice(laws)
        cut = rng.randrange(0, max(1, len(body) - 1000))
        piece = body[cut : cut + rng.randint(700, 1300)]
        other_title = rng.choice(laws)[0]
        year = 2015 + i % 11
        rows.append(
            Document(
                title=f"关于{other_title[:12]}与{title[:20]}的{rng.choice(GENRES)}",
                body=f"<p>{piece}</p>",
                column=columns[i % len(columns)],
                organization=units[i % len(units)],
                created_by=author,
                genre=rng.choice(GENRES),
                doc_number=f"{ISSUERS[i % len(ISSUERS)]}〔{year}〕{i // len(ISSUERS) + 1}号",
                status=Document.Status.PUBLISHED,
                published_at=start + timedelta(hours=i * 3),
                index_number=f"{units[i % len(units)].code}/{year}-{i + 1:05d}",
            )
        )
    Document.objects.bulk_create(rows, batch_size=2000)
    return list(Document.objects.values_list("pk", flat=True))


def queries(rng: random.Random, docs, only: str | None = None) -> list[tuple[str, str]]:
    common = ["人民", "规定", "管理", "法院", "国家", "行政", "程序", "责任", "检察院", "单位"]
    rare = ["仲裁", "海关", "森林", "渔业", "专利", "气象", "档案", "外汇", "测绘", "矿产"]
    two = [
        "人民 法院",
        "行政 处罚",
        "国家 机关",
        "管理 办法",
        "财产 保全",
        "合同 纠纷",
        "土地 管理",
        "环境 保护",
        "税收 征收",
        "劳动 合同",
    ]
    phrases = [
        '"人民法院"',
        "行政处罚",
        "国务院有关部门",
        '"依照本法规定"',
        "县级以上地方人民政府",
        "中华人民共和国",
        "法律责任",
        "社会保险",
        "公共安全",
        "检察委员会",
    ]
    pinyin = [
        "fayuan",
        "xingzheng chufa",
        "guanli",
        "renmin fayuan",
        "hetong",
        "shuishou",
        "huanjing baohu",
        "caizheng",
        "zhuanli",
        "dangan",
    ]
    nohit = [
        "量子纠缠通信",
        "火星移民计划",
        "区块链元宇宙",
        "xyzzyq",
        "无人驾驶飞船",
        "恐龙化石展",
        "超导磁悬浮",
        "深海采矿船",
        "星际旅行",
        "暗物质探测",
    ]
    sample = rng.sample(docs, 20)
    numbers = [d.doc_number for d in sample[:10]]
    indexes = [d.index_number for d in sample[10:]]
    groups = {
        "common": common,
        "rare": rare,
        "two-word": two,
        "phrase": phrases,
        "pinyin": pinyin,
        "no-hit": nohit,
        "文号": numbers,
        "索引号": indexes,
    }
    if only:
        if only not in groups:
            sys.exit(f"--only: one of {', '.join(groups)}")
        groups = {only: groups[only]}
    out = []
    for kind, items in groups.items():
        out += [(kind, q) for q in items]
    while len(out) < 200:  # repeat the mix in a new order up to 200
        kind = rng.choice(list(groups))
        out.append((kind, rng.choice(groups[kind])))
    return out


def timed(fn, cold: bool = False) -> float:
    if cold:
        cache.clear()  # the result-page cache; the searcher and facet arrays stay warm, as in a web worker
    started = time.perf_counter()
    fn()
    return (time.perf_counter() - started) * 1000


def pct(values, p) -> float:
    values = sorted(values)
    return values[min(len(values) - 1, int(round(p / 100 * (len(values) - 1))))]


def row(label, values) -> str:
    return f"| {label:<28} | {statistics.median(values):8.1f} | {pct(values, 95):8.1f} | {pct(values, 99):8.1f} |"


def build(args, rng: random.Random) -> None:
    laws = load_corpus(Path(args.corpus))
    print(f"corpus: {len(laws)} texts; building {args.n} documents")
    make_documents(args.n, laws, rng)
    docs = list(Document.objects.published().only("pk"))
    backend = connections["default"].get_backend()
    index = connections["default"].get_unified_index().get_index(Document)
    backend.clear()
    started, cpu = time.perf_counter(), time.process_time()
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    batch = 2000
    qs = index.index_queryset()
    ids = [d.pk for d in docs]
    for offset in range(0, len(ids), batch):
        backend.update(index, list(qs.filter(pk__in=ids[offset : offset + batch])))
    build = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = time.process_time() - cpu + (after.ru_utime + after.ru_stime) - (children.ru_utime + children.ru_stime)
    size = sum(p.stat().st_size for p in Path(backend.path).glob("*")) / 1e6
    print(f"\nindexed {len(ids)} documents in {build:.1f} s = {len(ids) / build:.0f} docs/s; index {size:.0f} MB")
    print(f"CPU used by indexing (all processes): {cpu:.1f} s; load average now {os.getloadavg()[0]:.1f}")


def main() -> None:
    args = ARGS
    call_command("migrate", verbosity=0)
    if args.reuse:
        print(f"reusing the index in {args.reuse} ({Document.objects.published().count()} documents)")
    else:
        build(args, random.Random(4))
    # The same 200 queries whether the index was just built or reused.
    docs = list(Document.objects.published().only("doc_number", "index_number").order_by("pk"))
    rng = random.Random(4)
    work = queries(rng, docs, args.only)
    engine.drop_searchers()
    requests = [SearchRequest(query=parse(q)) for _, q in work]
    # Warm the searcher, facet arrays and pinyin map once (a web worker does this on its first request).
    warm = timed(lambda: services.search(SearchRequest(query=parse("人民"))))
    results = {}
    profiler = None
    if args.profile:
        import cProfile

        profiler = cProfile.Profile()
        profiler.enable()
    for facets in (True, False):
        cache.clear()
        label = "with facets" if facets else "top 10 only"
        times = []
        for r in requests:
            r.with_facets = facets
            times.append(timed(lambda r=r: services.search(r), cold=True))
        results[f"cold, {label}"] = times
    # Colder still: also forget the terms the searcher keeps in memory (each query reads its postings from disk).
    searcher = engine.searcher_for(connections["default"].get_backend())
    times = []
    for r in requests:
        r.with_facets = True
        if hasattr(searcher, "_portal_terms"):
            searcher._portal_terms.clear()
        times.append(timed(lambda r=r: services.search(r), cold=True))
    results["cold, facets, no term cache"] = times
    if profiler is not None:
        profiler.disable()
        profiler.dump_stats(args.profile)
    hot = []
    for r in requests:
        r.with_facets = True
        services.search(r)
        hot.append(timed(lambda r=r: services.search(r)))
    results["cached (hot), with facets"] = hot
    by_kind: dict[str, list[float]] = {}
    for (kind, _), r in zip(work, requests, strict=True):
        r.with_facets = True
        by_kind.setdefault(kind, []).append(timed(lambda r=r: services.search(r), cold=True))
    db_times = [timed(lambda r=r: services.database_search(r)) for r in requests[: args.baseline]] or [0.0]
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"first query (opens searcher, builds facet arrays): {warm:.0f} ms; peak RSS of this process {rss:.0f} MB\n")
    print("| queries (200, ms)            |      p50 |      p95 |      p99 |")
    print("| ---------------------------- | -------- | -------- | -------- |")
    for label, values in results.items():
        print(row(label, values))
    for kind, values in by_kind.items():
        print(row(f"  cold+facets: {kind}", values))
    if args.baseline:
        print(row(f"database icontains ({len(db_times)})", db_times))
    cold = results["cold, with facets"][: len(db_times)]
    if args.baseline:
        ratio = statistics.median(db_times) / statistics.median(cold)
        print(f"\nratio database / index (p50, same queries): {ratio:.0f}x")


if __name__ == "__main__":
    main()
