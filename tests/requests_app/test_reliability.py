"""Redis down (cache and broker): a citizen can still file, read the confirmation and track; the sweep produces the
PDF and the e-mail later. Odd ids in addresses are a 404, never a 500."""

import pytest
from django.core.cache import cache
from django.urls import reverse

from requests_app import notifications, tasks
from requests_app.models import Application, Letter
from tests.requests_app.test_public import form_post

pytestmark = pytest.mark.django_db

DEAD_REDIS = {"default": {"BACKEND": "portal.redis_cache.RedisCache", "LOCATION": "redis://127.0.0.1:1/0"}}


@pytest.fixture
def redis_down(settings, monkeypatch):
    def broker_down(*args, **kwargs):
        raise ConnectionError("Error 111 connecting to redis")

    monkeypatch.setattr(tasks.render_letter, "apply_async", broker_down)  # delay and signatures both end here
    settings.CACHES = DEAD_REDIS
    with pytest.raises(Exception):  # noqa: B017, PT011 - the point: the cache really is unreachable
        cache.get("probe")


def test_filing_works_when_redis_is_down_and_the_sweep_catches_up(
    client, township, redis_down, settings, mailoutbox, django_capture_on_commit_callbacks
):
    assert client.get(reverse("requests_app:guide")).status_code == 200
    assert client.get(reverse("requests_app:new")).status_code == 200
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("requests_app:new"), form_post(township), follow=True)
    assert response.status_code == 200
    app = Application.objects.get()
    assert app.tracking_number in response.content.decode()
    receipt = app.letters.get(kind=Letter.Kind.RECEIPT)
    assert receipt.rendered_at is None and not mailoutbox  # the task was lost with the broker

    password = response.context["password"]
    client.cookies.clear()
    tracked = client.post(reverse("requests_app:track"), {"tracking_number": app.tracking_number, "password": password})
    assert tracked.status_code == 302
    wrong = client.post(reverse("requests_app:track"), {"tracking_number": app.tracking_number, "password": "nope"})
    assert wrong.status_code == 200

    assert notifications.sweep() == {"rendered": 1, "emailed": 1}
    receipt.refresh_from_db()
    assert receipt.rendered_at and receipt.file
    assert len(mailoutbox) == 1 and app.tracking_number in mailoutbox[0].subject


@pytest.mark.parametrize(
    "path",
    [
        "/requests/track/YSQ2024000001/letters/99999999999999999999999/",
        "/requests/track/YSQ2024000001/files/99999999999999999999999/",
        "/requests/track/YSQ2024000001/withdraw/",
    ],
)
def test_odd_ids_on_public_addresses_are_never_a_500(client, path):
    assert client.get(path).status_code in (302, 404, 405)
