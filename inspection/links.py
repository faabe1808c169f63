"""The nightly link check's bookkeeping: which pages hold which links (kept in step with the pages), checking every
held link once (this site's own links inside the site, the others over HTTP with the link checker's manners), and
what a night's result does to a link: one failing night marks it as failing, the second in a row as dead, and one
success clears it."""

from __future__ import annotations

import time
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date
from urllib.parse import urlsplit, urlunsplit

from django.conf import settings
from django.utils import timezone

from inspection import conf
from inspection.internal import InternalChecker
from inspection.linkcheck import CheckResult, LinkChecker, Manners
from inspection.models import Link, LinkSource, url_hash

BATCH = 1000


@dataclass(frozen=True)
class Page:
    kind: str
    id: int
    title: str
    url: str
    organization_id: int | None


def own_hosts() -> set[str]:
    from portal.models import SiteProfile

    hosts = {h.lower() for h in settings.ALLOWED_HOSTS if h != "*" and not h.startswith(".")}
    domain = SiteProfile.get().site_domain.strip().lower()
    return hosts | ({domain} if domain else set())


def classify(url: str, hosts: set[str]) -> tuple[str, bool]:
    """(the address to keep, whether it is this site's): this site's pages are kept as paths. An address on one of
    the site's host names but another port is another server's."""
    parts = urlsplit(url)
    if not parts.scheme:
        return url if url.startswith("/") else f"/{url}", True
    try:
        port = parts.port
    except ValueError:
        return url, False
    if (parts.hostname or "") in hosts and port in (None, 80, 443):
        return urlunsplit(("", "", parts.path or "/", parts.query, "")), True
    return url, False


@dataclass
class Holdings:
    """The links of the pages read tonight: address → this site's?, and which page holds which address."""

    hosts: set[str]
    pages: dict[tuple[str, int], Page] = field(default_factory=dict)
    internal: dict[str, bool] = field(default_factory=dict)
    held: set[tuple[str, str, int]] = field(default_factory=set)

    def add(self, page: Page, urls: list[str]) -> None:
        self.pages[(page.kind, page.id)] = page
        for url in urls:
            address, internal = classify(url, self.hosts)
            self.internal[address] = internal
            self.held.add((address, page.kind, page.id))


def _chunks(items: list, size: int = BATCH) -> Iterator[list]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


def sync(holdings: Holdings) -> dict[str, int]:
    """Make the tables say what the pages hold tonight: new links added, sources added and dropped, links no page
    holds any more deleted. Every statement is batched: a few dozen queries for 50,000 links."""
    hashes = {address: url_hash(address) for address in holdings.internal}
    known = dict(Link.objects.values_list("url_hash", "pk"))
    new = [Link(url=a, url_hash=h, is_internal=holdings.internal[a]) for a, h in hashes.items() if h not in known]
    Link.objects.bulk_create(new, batch_size=BATCH)
    if new:
        known = dict(Link.objects.values_list("url_hash", "pk"))
    wanted = {(known[hashes[address]], kind, pk) for address, kind, pk in holdings.held}
    have = {(link, kind, pk): row for row, link, kind, pk in LinkSource.objects.values_list(
        "pk", "link_id", "page_kind", "page_id")}  # fmt: skip
    gone = [have[key] for key in have.keys() - wanted]
    for rows in _chunks(gone):
        LinkSource.objects.filter(pk__in=rows).delete()
    added = []
    for link, kind, pk in wanted - have.keys():
        page = holdings.pages[(kind, pk)]
        added.append(LinkSource(link_id=link, page_kind=kind, page_id=pk, page_title=page.title[:200],
                                page_url=page.url[:300], organization_id=page.organization_id))  # fmt: skip
    LinkSource.objects.bulk_create(added, batch_size=BATCH)
    Link.objects.exclude(pk__in=LinkSource.objects.values("link_id")).delete()  # no page holds them any more
    return {"links": len(hashes), "new_links": len(new), "sources_added": len(added), "sources_dropped": len(gone)}


def next_state(row: dict, result: CheckResult, on: date) -> dict:
    """A link's fields after tonight's result. Checking twice on one night counts one night."""
    base = {"last_code": result.code, "last_error": result.error[:200]}
    if result.ok:
        return {**base, "status": Link.Status.OK, "fail_nights": 0, "first_failed_on": None, "last_failed_on": None}
    nights = row["fail_nights"] + (row["last_failed_on"] != on)
    dead = nights >= conf.dead_after_nights()
    return {**base, "status": Link.Status.DEAD if dead else Link.Status.FAILING, "fail_nights": nights,
            "first_failed_on": row["first_failed_on"] or on, "last_failed_on": on}  # fmt: skip


def manners() -> Manners:
    return Manners(
        concurrency=conf.link_concurrency(), per_host=conf.link_per_host(), timeout=conf.link_timeout(),
        retries=conf.link_retries(), retry_delay=conf.link_retry_delay(), max_redirects=conf.MAX_REDIRECTS,
        user_agent=conf.USER_AGENT, proxy=conf.link_proxy(),
    )  # fmt: skip


def check_all(on: date, checker: LinkChecker | None = None) -> dict[str, int | float]:
    """Check every link some page holds, once. Results are written grouped by their new state (most links are
    simply fine: one UPDATE per 900 of them), so writing 50,000 results takes a few dozen statements."""
    fields = ("pk", "url", "is_internal", "fail_nights", "first_failed_on", "last_failed_on")
    held = Link.objects.filter(pk__in=LinkSource.objects.values("link_id"))
    rows = {row["url"]: row for row in held.values(*fields)}
    started = time.monotonic()
    by_state: dict[tuple, list[int]] = defaultdict(list)
    counts = {"checked": 0, "ok": 0, "failing": 0, "dead": 0}

    def record(url: str, result: CheckResult) -> None:
        state = next_state(rows[url], result, on)
        by_state[tuple(sorted(state.items()))].append(rows[url]["pk"])
        counts["checked"] += 1
        counts[str(state["status"])] += 1

    internal = [url for url, row in rows.items() if row["is_internal"]]
    for url, result in InternalChecker().check(internal).items():
        record(url, result)
    counts["internal_seconds"] = round(time.monotonic() - started, 1)
    external = [url for url, row in rows.items() if not row["is_internal"]]
    for url, result in (checker or LinkChecker(manners())).check(external):
        record(url, result)
    counts["http_seconds"] = round(time.monotonic() - started - counts["internal_seconds"], 1)
    now = timezone.now()
    for state, pks in by_state.items():
        for chunk in _chunks(pks, 900):
            Link.objects.filter(pk__in=chunk).update(last_checked_at=now, **dict(state))
    counts["seconds"] = round(time.monotonic() - started, 1)
    return counts
