"""长者模式 and 高对比度: remembered in cookies and applied in the browser by static/js/mode.js (tests/e2e), so every
reader gets the same HTML; without script a plain GET form (no CSRF token) sets the cookie."""

import re

import pytest


def _body_class(response) -> set[str]:
    return set(re.search(r'<body class="([^"]*)"', response.content.decode()).group(1).split())


@pytest.fixture(autouse=True)
def _db(db):
    pass


def test_large_text_toggle_sets_a_cookie_and_returns_to_the_page(client):
    response = client.post("/display-mode/", {"mode": "large_text", "next": "/organizations/"})

    assert response.status_code == 302
    assert response["Location"] == "/organizations/"
    assert response.cookies["large_text"].value == "1"
    assert response.cookies["large_text"]["max-age"] == 365 * 24 * 3600


def test_the_page_is_the_same_whatever_the_mode_cookies(client):
    plain = client.get("/sitemap/")
    client.post("/display-mode/", {"mode": "large_text", "next": "/"})
    client.post("/display-mode/", {"mode": "high_contrast", "next": "/"})
    with_modes = client.get("/sitemap/")

    assert with_modes.content == plain.content
    assert _body_class(with_modes) == set()
    assert not with_modes.cookies  # no CSRF cookie either
    assert "Cookie" not in with_modes.get("Vary", "")


def test_toggling_again_switches_the_mode_off(client):
    client.post("/display-mode/", {"mode": "large_text"})
    response = client.post("/display-mode/", {"mode": "large_text"})

    assert response.cookies["large_text"].value == "0"


@pytest.mark.parametrize("target", ["https://evil.example/", "//evil.example/path", "http://testserver.evil.example/"])
def test_an_off_site_next_is_refused(client, target):
    response = client.post("/display-mode/", {"mode": "large_text", "next": target})

    assert response["Location"] == "/"


def test_an_unknown_mode_sets_no_cookie(client):
    response = client.post("/display-mode/", {"mode": "dark", "next": "/"})

    assert response.status_code == 302
    assert not response.cookies


def test_without_script_the_get_form_sets_the_cookie_and_returns(client):
    response = client.get("/display-mode/", {"mode": "large_text", "next": "/organizations/"})

    assert response.status_code == 302
    assert response["Location"] == "/organizations/"
    assert response.cookies["large_text"].value == "1"
    assert "no-store" in response["Cache-Control"]


def test_the_toggles_are_buttons_of_a_get_form_without_a_csrf_token(client):
    html = client.get("/sitemap/").content.decode()

    assert '<form class="a11y-bar" method="get" action="/display-mode/">' in html
    assert 'name="csrfmiddlewaretoken"' not in html
    assert 'name="mode" value="large_text" aria-pressed="false"' in html
    assert ">长者模式</button>" in html
    assert '<script src="/static/js/mode.js"></script>' in html


@pytest.mark.parametrize(
    "target", ["-1", "'", '"', "😀", "javascript:alert(1)", "/\\evil.example/", "/a\nb", "foo/bar"]
)
def test_a_next_that_is_not_a_local_path_falls_back_to_the_home_page(client, target):
    response = client.post("/display-mode/", {"mode": "large_text", "next": target})

    assert response.status_code == 302
    assert response["Location"] == "/"
    assert response.cookies["large_text"].value == "1"


def test_a_local_path_with_an_emoji_and_a_query_is_kept(client):
    response = client.post("/display-mode/", {"mode": "large_text", "next": "/search/?q=😀'"})

    assert response.status_code == 302
    assert response["Location"] == "/search/?q=%F0%9F%98%80'"
