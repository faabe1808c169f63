"""/qr/?path=...: a PNG QR code of one of this site's own pages, cached; never a QR code of someone else's URL."""

import io

import pytest
from django.core.cache import cache
from PIL import Image

from portal import qr

PNG_MAGIC = b"\x89PNG\r\n\x1a\n"


@pytest.fixture(autouse=True)
def _fresh_cache(db):
    cache.clear()


def test_it_returns_a_png_of_the_absolute_url_of_the_page(client):
    response = client.get("/qr/", {"path": "/organizations/"})

    assert response.status_code == 200
    assert response["Content-Type"] == "image/png"
    assert response.content.startswith(PNG_MAGIC)
    image = Image.open(io.BytesIO(response.content))
    assert image.size[0] == image.size[1] >= 100
    # Same bytes as a QR code drawn for the absolute address: the code holds the page's full URL on this host.
    assert response.content == qr.make_png("http://testserver/organizations/")


def test_it_tells_browsers_to_cache_the_image(client):
    response = client.get("/qr/", {"path": "/organizations/"})

    assert "public" in response["Cache-Control"]
    assert f"max-age={qr.CACHE_SECONDS}" in response["Cache-Control"]


def test_a_second_request_is_served_from_the_cache(client, monkeypatch):
    client.get("/qr/", {"path": "/sitemap/"})
    monkeypatch.setattr(qr, "make_png", lambda data: pytest.fail("drew the same QR code twice"))

    assert client.get("/qr/", {"path": "/sitemap/"}).content.startswith(PNG_MAGIC)


def test_a_query_string_is_kept_in_the_address(client):
    response = client.get("/qr/", {"path": "/organizations/?page=2"})

    assert response.content == qr.make_png("http://testserver/organizations/?page=2")


@pytest.mark.parametrize(
    "path",
    [
        "https://evil.example/login/",
        "//evil.example/login/",
        "/\\evil.example/login/",
        "javascript:alert(1)",
        "organizations/",
        "",
        "/organizations/\n",
        "/" + "a" * 600,
    ],
)
def test_it_refuses_anything_but_a_local_path(client, path):
    response = client.get("/qr/", {"path": path})

    assert response.status_code == 400
    assert "本站" in response.content.decode()


def test_it_refuses_paths_that_are_not_pages_of_this_site(client):
    assert client.get("/qr/", {"path": "/no-such-page/"}).status_code == 400


def test_it_refuses_a_foreign_host_header(client):
    response = client.get("/qr/", {"path": "/organizations/"}, HTTP_HOST="evil.example")

    assert response.status_code == 400


def test_content_pages_show_the_qr_of_their_own_address(client):
    from tests.conftest import make_org

    unit = make_org("城关镇人民政府")
    html = client.get(f"/organizations/{unit.code}/").content.decode()

    assert f'src="/qr/?path=/organizations/{unit.code}/"' in html
    assert "手机扫码阅读本页" in html
