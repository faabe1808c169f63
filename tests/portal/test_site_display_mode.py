"""长者模式 and 高对比度: toggled by a plain POST form, remembered in cookies, shown as classes on <body>."""

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


def test_body_class_follows_the_cookies(client):
    assert "mode-large" not in _body_class(client.get("/sitemap/"))

    client.post("/display-mode/", {"mode": "large_text", "next": "/"})
    client.post("/display-mode/", {"mode": "high_contrast", "next": "/"})
    response = client.get("/sitemap/")

    assert {"mode-large", "mode-contrast"} <= _body_class(response)
    assert "标准字号" in response.content.decode()


def test_toggling_again_switches_the_mode_off(client):
    client.post("/display-mode/", {"mode": "large_text"})
    response = client.post("/display-mode/", {"mode": "large_text"})

    assert response.cookies["large_text"].value == "0"
    assert "mode-large" not in _body_class(client.get("/sitemap/"))


@pytest.mark.parametrize("target", ["https://evil.example/", "//evil.example/path", "http://testserver.evil.example/"])
def test_an_off_site_next_is_refused(client, target):
    response = client.post("/display-mode/", {"mode": "large_text", "next": target})

    assert response["Location"] == "/"


def test_an_unknown_mode_sets_no_cookie(client):
    response = client.post("/display-mode/", {"mode": "dark", "next": "/"})

    assert response.status_code == 302
    assert not response.cookies


def test_display_mode_only_accepts_post(client):
    assert client.get("/display-mode/?mode=large_text").status_code == 405


def test_the_toggles_are_real_buttons_in_a_form_with_csrf(client):
    html = client.get("/sitemap/").content.decode()

    assert 'action="/display-mode/"' in html
    assert 'name="csrfmiddlewaretoken"' in html
    assert 'name="mode" value="large_text" aria-pressed="false">长者模式</button>' in html


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
