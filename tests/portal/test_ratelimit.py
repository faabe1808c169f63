"""Per-client rate limits for public forms and tracking look-ups."""

import pytest
from django import forms
from django.core.cache import cache
from django.test import RequestFactory, override_settings

from portal import ratelimit


@pytest.fixture(autouse=True)
def _clear_cache():
    cache.clear()
    yield
    cache.clear()


def request_from(ip: str, **meta):
    return RequestFactory().post("/", REMOTE_ADDR=ip, **meta)


@override_settings(PUBLIC_FORM_RATE_LIMIT=3, PUBLIC_FORM_RATE_WINDOW=60)
def test_form_submissions_are_limited_per_client_address():
    first = request_from("10.0.0.1")
    for _ in range(3):
        assert not ratelimit.form_limited(first, "messages")
        ratelimit.count_form_submission(first, "messages")
    assert ratelimit.form_limited(first, "messages")
    assert not ratelimit.form_limited(request_from("10.0.0.2"), "messages")
    assert not ratelimit.form_limited(first, "requests")  # scopes are separate


@override_settings(TRACKING_GUESS_LIMIT=2, TRACKING_GUESS_WINDOW=60)
def test_tracking_guesses_are_limited():
    request = request_from("10.0.0.3")
    ratelimit.count_tracking_failure(request, "requests")
    assert not ratelimit.tracking_guess_limited(request, "requests")
    ratelimit.count_tracking_failure(request, "requests")
    assert ratelimit.tracking_guess_limited(request, "requests")


def test_the_window_restarts_after_a_reset():
    assert ratelimit.hit("s", "a", 60) == 1
    assert ratelimit.hit("s", "a", 60) == 2
    ratelimit.reset("s", "a")
    assert ratelimit.hit("s", "a", 60) == 1


def test_a_forwarded_header_is_ignored_unless_configured():
    request = request_from("10.0.0.4", HTTP_X_REAL_IP="1.2.3.4")
    assert ratelimit.client_ip(request) == "10.0.0.4"
    with override_settings(CLIENT_IP_HEADER="HTTP_X_REAL_IP"):
        assert ratelimit.client_ip(request) == "1.2.3.4"


class _Form(forms.Form):
    name = forms.CharField()
    captcha = forms.CharField(required=False)


@override_settings(PUBLIC_FORM_RATE_LIMIT=2, PUBLIC_FORM_RATE_WINDOW=60)
def test_a_public_form_is_checked_submitted_and_counted_in_one_place():
    from portal.errors import DomainError

    request, taken = request_from("10.0.0.9"), []

    invalid = _Form({"name": ""})
    assert ratelimit.submit_public_form(request, invalid, "s", taken.append) == ratelimit.Submission()
    assert invalid.errors["name"] and not taken

    def refuse(data):
        raise DomainError("征集已结束。")

    refused = _Form({"name": "张三"})
    assert not ratelimit.submit_public_form(request, refused, "s", refuse).taken
    assert refused.non_field_errors() == ["征集已结束。"]

    for _ in range(2):
        sent = ratelimit.submit_public_form(request, _Form({"name": "张三", "captcha": "x"}), "s", lambda d: d)
        assert sent.taken and sent.result == {"name": "张三", "submitter_ip": "10.0.0.9"}
    # Only the two taken submissions counted (not the invalid or refused ones): the third is over the limit.
    limited = _Form({"name": "李四"})
    sent = ratelimit.submit_public_form(request, limited, "s", taken.append)
    assert sent.status == 429 and not sent.taken and not taken
    assert limited.non_field_errors() == [ratelimit.RATE_LIMIT_MESSAGE] and limited.data["name"] == "李四"
