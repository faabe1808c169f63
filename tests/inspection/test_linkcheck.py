"""The external link checker against servers the tests start on 127.0.0.1 (never the internet): what counts as
dead, HEAD then GET, retries, timeouts, and the caps on requests in flight overall and per host."""

import time

import pytest

from inspection.linkcheck import CheckResult, LinkChecker, Manners
from tests.inspection.servers import Gauge, LocalServer, refused_url

FAST = Manners(concurrency=4, per_host=2, timeout=0.5, retries=2, retry_delay=0.0)


@pytest.fixture
def server():
    with LocalServer() as running:
        yield running


def check(url: str, manners: Manners = FAST) -> CheckResult:
    return LinkChecker(manners).check_one(url)


def test_a_200_is_alive(server):
    assert check(f"{server.base}/ok") == CheckResult(True, 200, "")
    assert server.hits[("HEAD", "/ok")] == 1 and server.hits[("GET", "/ok")] == 0


def test_a_404_is_dead_and_not_retried(server):
    assert check(f"{server.base}/missing") == CheckResult(False, 404, "HTTP 404")
    assert server.hits[("HEAD", "/missing")] == 1 and server.hits[("GET", "/missing")] == 1  # GET confirms


def test_a_500_is_retried_then_dead(server):
    assert check(f"{server.base}/error") == CheckResult(False, 500, "HTTP 500")
    assert server.hits[("GET", "/error")] == 1 + FAST.retries


def test_a_server_error_that_passes_on_retry_is_alive(server):
    assert check(f"{server.base}/flaky").ok


def test_a_redirect_loop_is_dead(server):
    result = check(f"{server.base}/loop")
    assert not result.ok and "重定向" in result.error


def test_a_redirect_to_a_live_page_is_alive(server):
    assert check(f"{server.base}/to-ok") == CheckResult(True, 200, "")


def test_a_server_that_refuses_head_is_asked_with_get(server):
    assert check(f"{server.base}/no-head") == CheckResult(True, 200, "")
    assert server.hits[("GET", "/no-head")] == 1


def test_a_slow_answer_times_out_and_is_dead(server):
    started = time.monotonic()
    result = check(f"{server.base}/slow", Manners(timeout=0.3, retries=1, retry_delay=0.0))
    assert result == CheckResult(False, None, "响应超时")
    assert time.monotonic() - started < 3  # two tries of 0.3 s, not the server's 5 s
    assert server.hits[("HEAD", "/slow")] == 2


def test_a_refused_connection_is_dead():
    result = check(refused_url(), Manners(timeout=0.5, retries=1, retry_delay=0.0))
    assert result == CheckResult(False, None, "无法连接")


def test_checking_many_answers_every_url_once(server):
    urls = [f"{server.base}/ok?n={i}" for i in range(10)] + [f"{server.base}/missing", f"{server.base}/ok?n=1"]
    results = dict(LinkChecker(FAST).check(urls))
    assert len(results) == 11
    assert [url for url, result in results.items() if not result.ok] == [f"{server.base}/missing"]


def test_never_more_requests_in_flight_than_the_caps():
    """Two hosts (two ports), each answer held 50 ms so requests overlap: at most 2 at once per host and 3 in all."""
    gauge = Gauge()
    with LocalServer(gauge) as first, LocalServer(gauge) as second:
        urls = [f"{server.base}/ok?delay=0.05&n={i}" for i in range(30) for server in (first, second)]
        results = list(LinkChecker(Manners(concurrency=3, per_host=2, timeout=2)).check(urls))
    assert len(results) == 60 and all(result.ok for _, result in results)
    assert first.own.peak <= 2 and second.own.peak <= 2
    assert gauge.peak <= 3
    assert gauge.peak >= 2  # and it did work in parallel


def test_the_overall_cap_holds_with_one_host_allowed_more(server):
    # Answers slow enough (0.3 s) that requests overlap even on a loaded machine: the lower bound proves overlap.
    urls = [f"{server.base}/ok?delay=0.3&n={i}" for i in range(9)]
    list(LinkChecker(Manners(concurrency=3, per_host=10, timeout=2)).check(urls))
    assert 2 <= server.own.peak <= 3


def test_one_busy_host_does_not_hold_up_the_others():
    """A slow host with many links takes its two slots; the other host's links go through meanwhile."""
    with LocalServer() as slow, LocalServer() as quick:
        urls = [f"{slow.base}/ok?delay=1.0&n={i}" for i in range(6)] + [f"{quick.base}/ok?n={i}" for i in range(6)]
        order = [url for url, _ in LinkChecker(Manners(concurrency=4, per_host=2, timeout=2)).check(urls)]
    assert all(url.startswith(quick.base) for url in order[:6])
