"""Checking external links politely: HEAD first, GET when a server refuses HEAD, a timeout on every request, retries
for failures that may pass, and caps on the requests in flight — over all hosts and per host (host and port) — so that
a night's 50,000 links neither flood a small county server nor anyone else's.

The scheduler runs in the calling thread: it hands a URL to the worker pool only when both a global slot and a slot
of that URL's host are free, so a host with thousands of links waits its turn without blocking the other hosts.
Results are yielded as they come, and no body is ever read (GET streams and closes), so memory stays flat."""

from __future__ import annotations

import threading
from collections import defaultdict, deque
from collections.abc import Iterable, Iterator
from concurrent.futures import FIRST_COMPLETED, Future, ThreadPoolExecutor, wait
from dataclasses import dataclass
from time import sleep
from urllib.parse import urlsplit

import requests


@dataclass(frozen=True)
class CheckResult:
    ok: bool
    code: int | None = None  # the HTTP status of the last answer, if any
    error: str = ""  # why it failed, in Chinese, for the dashboard

    @property
    def may_pass(self) -> bool:
        """A failure worth trying again: no answer, a server error, or "too many requests"."""
        return not self.ok and (self.code is None or self.code >= 500 or self.code == 429)

    @classmethod
    def answered(cls, code: int) -> CheckResult:
        return cls(ok=code < 400, code=code, error="" if code < 400 else f"HTTP {code}")


@dataclass(frozen=True)
class Manners:
    concurrency: int = 8  # requests in flight over all hosts
    per_host: int = 2  # requests in flight to one host
    timeout: float = 10.0  # seconds to connect, and between bytes of the answer
    retries: int = 2
    retry_delay: float = 2.0
    max_redirects: int = 5
    user_agent: str = "Mozilla/5.0 (compatible; GovPortalLinkCheck/1.0)"
    proxy: str = ""


def host_of(url: str) -> str:
    parts = urlsplit(url)
    return (parts.netloc or parts.path).lower()


class LinkChecker:
    def __init__(self, manners: Manners):
        self.manners = manners
        self._local = threading.local()

    # --- one link

    def _session(self) -> requests.Session:
        session = getattr(self._local, "session", None)
        if session is None:
            session = requests.Session()
            session.max_redirects = self.manners.max_redirects
            session.headers["User-Agent"] = self.manners.user_agent
            session.trust_env = False  # the proxy is a setting, not whatever the worker's environment holds
            if self.manners.proxy:
                session.proxies = {"http": self.manners.proxy, "https": self.manners.proxy}
            self._local.session = session
        return session

    def _request(self, method: str, url: str) -> CheckResult:
        timeout = (self.manners.timeout, self.manners.timeout)
        try:
            with self._session().request(method, url, timeout=timeout, allow_redirects=True, stream=True) as answer:
                return CheckResult.answered(answer.status_code)
        except requests.TooManyRedirects:
            return CheckResult(False, None, "重定向过多（可能循环跳转）")
        except requests.Timeout:
            return CheckResult(False, None, "响应超时")
        except requests.exceptions.SSLError:
            return CheckResult(False, None, "证书错误")
        except requests.ConnectionError:
            return CheckResult(False, None, "无法连接")
        except (requests.exceptions.InvalidURL, requests.exceptions.MissingSchema, ValueError):
            return CheckResult(False, None, "地址无效")
        except requests.RequestException as exc:
            return CheckResult(False, None, f"请求失败：{type(exc).__name__}")

    def _attempt(self, url: str) -> CheckResult:
        result = self._request("HEAD", url)
        if result.ok or result.code is None:
            return result
        # An error status to HEAD may only mean the server does not do HEAD (405, 403, even 404): GET decides.
        return self._request("GET", url)

    def check_one(self, url: str) -> CheckResult:
        result = self._attempt(url)
        for _ in range(self.manners.retries):
            if not result.may_pass:
                break
            sleep(self.manners.retry_delay)
            result = self._attempt(url)
        return result

    def _checked(self, url: str) -> tuple[str, CheckResult]:
        return url, self.check_one(url)

    # --- many links

    def check(self, urls: Iterable[str]) -> Iterator[tuple[str, CheckResult]]:
        """(url, result) for every url, in the order they finish."""
        pending: dict[str, deque[str]] = defaultdict(deque)
        for url in dict.fromkeys(urls):
            pending[host_of(url)].append(url)
        ready = deque(pending)  # hosts with a url waiting and a free slot, each once
        queued = set(ready)
        active: dict[str, int] = defaultdict(int)
        running: dict[Future, str] = {}
        limit, per_host = max(1, self.manners.concurrency), max(1, self.manners.per_host)

        def offer(host: str) -> None:
            if pending[host] and active[host] < per_host and host not in queued:
                ready.append(host)
                queued.add(host)

        with ThreadPoolExecutor(max_workers=limit, thread_name_prefix="linkcheck") as pool:
            while ready or running:
                while ready and len(running) < limit:
                    host = ready.popleft()
                    queued.discard(host)
                    active[host] += 1
                    url = pending[host].popleft()
                    running[pool.submit(self._checked, url)] = host
                    offer(host)  # round robin: the host goes to the back of the line if it may take another
                done, _ = wait(running, return_when=FIRST_COMPLETED)
                for future in done:
                    host = running.pop(future)
                    active[host] -= 1
                    offer(host)
                    yield future.result()
