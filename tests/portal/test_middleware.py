"""Query strings with NUL characters never reach a view (PostgreSQL refuses NUL in text)."""

import pytest

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "url",
    [
        "/messages/?q=%00&kind=%00",
        "/search/?q=%E9%A2%84%00%E7%AE%97",
        "/columns/tzgg/?page=%00",
        "/newmedia/?platform=%00",
    ],
)
def test_nul_in_a_query_string_is_dropped_before_the_view(client, url):
    assert client.get(url).status_code in (200, 404)


def test_the_view_sees_the_value_without_the_nul(rf):
    from portal.middleware import StripNulFromQueryMiddleware

    seen = {}

    def view(request):
        seen.update(request.GET.lists())
        return None

    StripNulFromQueryMiddleware(view)(rf.get("/x/", {"q": "预\x00算", "k\x00": ["a\x00", "b"]}))
    assert seen == {"q": ["预算"], "k": ["a", "b"]}
