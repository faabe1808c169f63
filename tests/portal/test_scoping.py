"""The one scoping rule (DESIGN §1), with User rows standing in for a unit-owned model: a unit's staff see only
their unit's rows, office staff see all, anyone else sees nothing; an outsider's lookup is a 404."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.http import Http404

from portal.models import User
from portal.scoping import get_for_user_or_404, scope_to_user
from tests.conftest import make_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def people(officer, reviewer, leader, outsider, office_staff):
    return {"officer": officer, "reviewer": reviewer, "leader": leader, "outsider": outsider, "office": office_staff}


def usernames(qs) -> set[str]:
    return set(qs.values_list("username", flat=True))


def test_an_officer_sees_only_their_own_unit(people):
    assert usernames(scope_to_user(User.objects.all(), people["officer"])) == {"officer", "reviewer", "leader"}


def test_an_officer_of_another_unit_sees_only_theirs(people):
    assert usernames(scope_to_user(User.objects.all(), people["outsider"])) == {"outsider"}


def test_office_staff_see_every_unit(people):
    everyone = {u.username for u in people.values()}
    assert usernames(scope_to_user(User.objects.all(), people["office"])) == everyone


def test_a_superuser_sees_every_unit(people, admin_user):
    assert len(scope_to_user(User.objects.all(), admin_user)) == len(people) + 1


def test_anonymous_and_inactive_users_see_nothing(people):
    assert not scope_to_user(User.objects.all(), AnonymousUser()).exists()
    assert not scope_to_user(User.objects.all(), None).exists()
    people["officer"].is_active = False
    assert not scope_to_user(User.objects.all(), people["officer"]).exists()


def test_a_login_without_a_role_sees_nothing_even_of_its_unit(people, township):
    plain = make_user("plain", township)
    assert not scope_to_user(User.objects.all(), plain).exists()


def test_a_staff_user_without_a_unit_sees_nothing(people):
    homeless = make_user("homeless", None, "信息员")
    assert not scope_to_user(User.objects.all(), homeless).exists()


def test_the_owner_field_may_be_a_path(people, township):
    # e.g. an attachment scoped through its document: "document__organization"
    scoped = scope_to_user(User.objects.all(), people["outsider"], "organization__users__organization")
    assert "officer" not in usernames(scoped)


def test_get_for_user_or_404_finds_own_unit_rows(people):
    found = get_for_user_or_404(User.objects.all(), people["reviewer"], pk=people["officer"].pk)
    assert found == people["officer"]


def test_get_for_user_or_404_refuses_the_outsider_with_a_404(people):
    with pytest.raises(Http404):
        get_for_user_or_404(User.objects.all(), people["outsider"], pk=people["officer"].pk)
    with pytest.raises(Http404):
        get_for_user_or_404(User.objects.all(), people["officer"], pk=999_999)
