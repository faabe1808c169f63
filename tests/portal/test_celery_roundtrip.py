"""A real Celery round trip over Redis (issue 2): a worker subprocess runs `portal.ping` from a queue of its own.

Skipped with a printed reason when REDIS_URL is unset (CI sets it and REQUIRE_SERVICES=1 turns the skip into a
failure). The test process's own app stays eager for every other test; the ping is sent through a client app bound
to the same broker and backend, so no global Celery state leaks out of this test."""

import os
import subprocess
import sys
import uuid
from pathlib import Path

import pytest
from celery import Celery

from portal.celery import app as portal_app

BASE_DIR = Path(__file__).resolve().parents[2]
CELERY = Path(sys.executable).with_name("celery")


@pytest.fixture
def worker(redis_url, tmp_path):
    queue = f"roundtrip-{uuid.uuid4().hex[:12]}"
    env = {
        **os.environ,
        "REDIS_URL": redis_url,
        "CELERY_TASK_ALWAYS_EAGER": "0",
        "DJANGO_SETTINGS_MODULE": "portal.settings",
        "DATA_DIR": str(tmp_path),
    }
    log = open(tmp_path / "worker.log", "w")  # noqa: SIM115 - closed in the finally below
    process = subprocess.Popen(
        [str(CELERY), "-A", "portal", "worker", "--pool=solo", "--concurrency=1", "-Q", queue, "--loglevel=INFO",
         "--without-gossip", "--without-mingle", "--without-heartbeat"],
        cwd=BASE_DIR, env=env, stdout=log, stderr=subprocess.STDOUT,
    )  # fmt: skip
    try:
        yield queue
    finally:
        process.terminate()
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=5)
        log.close()
        if process.returncode not in (0, -15):
            print((tmp_path / "worker.log").read_text())


def test_a_worker_answers_ping_through_redis(redis_url, worker):
    client = Celery("roundtrip-client", broker=redis_url, backend=redis_url)
    client.conf.update(task_always_eager=False, broker_connection_retry_on_startup=True)
    try:
        result = client.send_task("portal.ping", queue=worker)
        assert result.get(timeout=30) == "pong"
    finally:
        client.close()


def test_a_worker_finds_the_search_apps_index_task(redis_url, worker):
    # The worker discovers search.tasks from the installed top-level app; a model with no index is answered
    # without touching the database or the index folder.
    client = Celery("roundtrip-client", broker=redis_url, backend=redis_url)
    client.conf.update(task_always_eager=False, broker_connection_retry_on_startup=True)
    try:
        result = client.send_task("search.index_object", args=("portal.organization", 1), queue=worker)
        assert result.get(timeout=30) == "not indexed"
    finally:
        client.close()


def test_the_test_process_itself_stays_eager():
    assert portal_app.conf.task_always_eager is True
    assert portal_app.tasks["portal.ping"].delay().get() == "pong"
