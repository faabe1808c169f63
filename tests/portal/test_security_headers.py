"""A Content-Security-Policy on every response (the rich-text editor's pages relax it for CKEditor) and
Cache-Control: no-store on every page and file that shows personal data."""

import pytest
from django.conf import settings
from django.urls import reverse

pytestmark = pytest.mark.django_db

STRICT = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; object-src 'none'; "
    "base-uri 'self'; frame-ancestors 'none'; form-action 'self'"
)


@pytest.mark.parametrize(
    "url", ["/", "/organizations/", "/requests/new/", "/messages/new/", "/corrections/new/", "/staff/login/",
            "/no-such-page/", "/qr/?path=/"],
)  # fmt: skip
def test_every_response_carries_the_strict_policy(client, url):
    assert client.get(url)["Content-Security-Policy"] == STRICT


def test_staff_pages_carry_it_too(client, officer):
    client.force_login(officer)
    assert client.get("/staff/")["Content-Security-Policy"] == STRICT
    assert client.get("/admin/login/")["Content-Security-Policy"] == STRICT


def test_only_the_editor_pages_allow_inline_script_and_style_for_ckeditor(client, officer):
    client.force_login(officer)
    policy = client.get(reverse("disclosure:staff_create"))["Content-Security-Policy"]
    assert "script-src 'self' 'unsafe-inline'" in policy and "style-src 'self' 'unsafe-inline'" in policy
    assert "unsafe-eval" not in policy and "object-src 'none'" in policy and "frame-ancestors 'none'" in policy
    assert policy == settings.CONTENT_SECURITY_POLICY_EDITOR


@pytest.mark.parametrize(
    "url", ["/staff/login/", "/admin/login/", "/requests/track/", "/requests/track/YSQ2026000001/",
            "/requests/submitted/", "/messages/track/", "/messages/new/done/"],
)  # fmt: skip
def test_personal_pages_are_never_stored(client, url):
    assert "no-store" in client.get(url)["Cache-Control"]


def test_the_workbench_is_never_stored(client, officer):
    client.force_login(officer)
    response = client.get("/staff/")
    assert "no-store" in response["Cache-Control"] and "private" in response["Cache-Control"]


@pytest.mark.parametrize("url", ["/", "/organizations/", "/qr/?path=/"])
def test_public_pages_are_not_marked_no_store(client, url):
    assert "no-store" not in client.get(url).get("Cache-Control", "")
