"""/healthz for an outside monitor (JSON, never cached, 200 healthy / 503 not, never a 500: a stopped Redis is
"unhealthy"), the staff status page, and the job runs recorded from Celery's signals."""

import socket
from datetime import timedelta

import pytest
from django.utils import timezone
from haystack import connections

from ops import health
from ops.models import JobRun

pytestmark = pytest.mark.django_db


@pytest.fixture
def index_ready(search_index):
    connections["default"].get_backend().setup()  # an empty index in the test's folder
    return search_index


@pytest.fixture
def closed_port() -> int:
    """A local port with nothing listening (bound, then released)."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def get_health(client):
    response = client.get("/healthz")
    return response, response.json()


def test_a_healthy_site_answers_200_with_every_check(client, index_ready, django_assert_max_num_queries):
    with django_assert_max_num_queries(2):
        response, body = get_health(client)
    assert response.status_code == 200
    assert body["status"] == "ok"
    assert set(body["checks"]) == {"database", "cache", "broker", "search", "disk", "beat"}
    assert all(check["ok"] for check in body["checks"].values())
    assert "no-store" in response["Cache-Control"]


def test_a_stopped_redis_is_unhealthy_not_a_server_error(client, index_ready, settings, closed_port):
    url = f"redis://127.0.0.1:{closed_port}/0"
    settings.CACHES = {"default": {"BACKEND": "portal.redis_cache.RedisCache", "LOCATION": url}}
    settings.CELERY_BROKER_URL = url
    response, body = get_health(client)
    assert response.status_code == 503
    assert body["status"] == "fail"
    assert body["checks"]["cache"]["ok"] is False and "ConnectionError" in body["checks"]["cache"]["detail"]
    assert body["checks"]["broker"]["ok"] is False
    assert body["checks"]["database"]["ok"] is True


def test_a_running_redis_is_healthy(client, index_ready, settings, redis_url):
    settings.CACHES = {"default": {"BACKEND": "portal.redis_cache.RedisCache", "LOCATION": redis_url}}
    settings.CELERY_BROKER_URL = redis_url
    response, body = get_health(client)
    assert (body["checks"]["cache"]["ok"], body["checks"]["broker"]["ok"]) == (True, True)
    assert response.status_code == 200


def test_a_missing_search_index_is_unhealthy(client, search_index):
    response, body = get_health(client)
    assert response.status_code == 503
    assert body["checks"]["search"] == {"ok": False, "detail": body["checks"]["search"]["detail"]}
    assert body["checks"]["search"]["detail"].startswith("IndexUnavailable")


def test_a_nearly_full_disk_is_unhealthy(client, index_ready, settings):
    settings.HEALTH_MIN_FREE_DISK_PERCENT = 100.5
    response, body = get_health(client)
    assert response.status_code == 503 and body["checks"]["disk"]["ok"] is False
    assert body["checks"]["disk"]["detail"].startswith("OSError")  # no folder names on the public endpoint


def test_beat_is_unhealthy_when_its_heartbeat_is_old(client, index_ready, settings):
    settings.CELERY_TASK_ALWAYS_EAGER = False  # as in production, where beat runs
    assert get_health(client)[1]["checks"]["beat"]["ok"] is False  # no heartbeat yet
    now = timezone.now()
    JobRun.objects.create(task=health.HEARTBEAT_TASK, status="success", started_at=now, last_success_at=now)
    assert get_health(client)[0].status_code == 200
    JobRun.objects.update(last_success_at=now - timedelta(minutes=16))
    response, body = get_health(client)
    assert response.status_code == 503 and body["checks"]["beat"]["ok"] is False


def test_an_unexpected_failure_is_still_a_503_in_json(client, monkeypatch):
    def broken():
        raise RuntimeError("boom")

    monkeypatch.setattr(health, "run", broken)
    response, body = get_health(client)
    assert response.status_code == 503 and body["status"] == "fail"


def test_the_heartbeat_and_other_beat_jobs_record_their_runs(db):
    from ops.tasks import heartbeat

    heartbeat.delay()
    run = JobRun.objects.get(task="ops.heartbeat")
    assert run.status == JobRun.Status.SUCCESS and run.last_success_at is not None


def test_a_task_beat_does_not_run_is_not_recorded(db):
    from portal.celery import ping

    ping.delay()
    assert not JobRun.objects.exists()


def test_the_status_page_is_for_office_staff_and_administrators(
    client, index_ready, office_staff, officer, settings, tmp_path
):
    settings.BACKUP_DIR = tmp_path
    (tmp_path / "portal-backup-20251117-020000.tar").write_bytes(b"x" * 2048)
    JobRun.objects.create(task="ops.nightly_backup", status="failure", started_at=timezone.now(), error="BackupError")
    client.force_login(office_staff)
    html = client.get("/staff/status/").content.decode()
    assert "系统运行状态" in html and "各项检查正常" in html
    assert "portal-backup-20251117-020000.tar" in html and "2.0\xa0KB" in html
    assert "ops.nightly_backup" in html and "失败" in html
    client.force_login(officer)
    assert client.get("/staff/status/").status_code == 404
