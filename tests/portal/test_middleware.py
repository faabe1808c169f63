"""Control characters (NUL, U+202E ...) never reach a view: query strings (PostgreSQL refuses NUL in text) and form
values (a reversed name in a staff list or an export)."""

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
    from portal.middleware import StripControlCharactersMiddleware

    seen = {}

    def view(request):
        seen.update(request.GET.lists())
        return None

    StripControlCharactersMiddleware(view)(rf.get("/x/", {"q": "预\x00算", "k\x00": ["a\x00", "b"]}))
    assert seen == {"q": ["预算"], "k": ["a", "b"]}


RLO = "\u202e"
PUNCTUATION = "，。、；：？！“”‘’（）《》【】—…·"


@pytest.mark.parametrize(
    "dirty, clean",
    [
        (f"张三{RLO}gpj.exe", "张三gpj.exe"),
        ("\u2066a\u2069\u200e\u200f\u061cb\u202a\u202b\u202c\u202d", "ab"),
        ("a\x00b\x07c\x1bd\x7fe\x85f\x9f", "abcdef"),
        ("第一行\r\n第二行\n\t缩进", "第一行\r\n第二行\n\t缩进"),
        (PUNCTUATION + "👨\u200d👩\u200d👧", PUNCTUATION + "👨\u200d👩\u200d👧"),
    ],
)
def test_control_and_direction_characters_are_stripped_and_punctuation_kept(dirty, clean):
    from portal.validators import strip_control_characters

    assert strip_control_characters(dirty) == clean


def test_the_view_sees_form_values_without_direction_overrides_but_passwords_untouched(rf):
    from portal.middleware import StripControlCharactersMiddleware

    seen = {}

    def view(request):
        seen.update(request.POST.lists())
        return None

    data = {"name": f"{RLO}李四", "content": "一\r\n二", "password": f"p{RLO}w", "new_password1": f"x{RLO}"}
    StripControlCharactersMiddleware(view)(rf.post("/x/", data))
    assert seen == {"name": ["李四"], "content": ["一\r\n二"], "password": [f"p{RLO}w"], "new_password1": [f"x{RLO}"]}


def test_an_admin_form_stores_no_direction_override(client, admin_user):
    from portal.models import WorkdayOverride

    client.force_login(admin_user)
    response = client.post(
        "/admin/portal/workdayoverride/add/", {"date": "2027-01-01", "is_workday": "", "note": f"元旦{RLO}假放"}
    )
    assert response.status_code == 302
    assert WorkdayOverride.objects.get().note == "元旦假放"
