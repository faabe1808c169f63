"""`manage.py seed_demo`: a believable county, every role, idempotent, refused in production."""

from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.test import override_settings

from portal import demo
from portal.models import Organization, Role, SiteProfile, User
from portal.validators import is_valid_uscc

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _development(settings):
    settings.DEBUG = True  # pytest-django turns DEBUG off; seed_demo is a development command


def seed(*args: str) -> str:
    out = StringIO()
    call_command("seed_demo", *args, stdout=out, stderr=StringIO())
    return out.getvalue()


def counts() -> tuple[int, ...]:
    from portal.models import Leader

    return (Organization.objects.count(), User.objects.count(), SiteProfile.objects.count(), Leader.objects.count())


def test_it_builds_the_county_office_townships_and_departments():
    seed()
    kinds = Organization.Kind
    assert Organization.objects.filter(kind=kinds.COUNTY_OFFICE).count() == 1
    assert Organization.objects.filter(kind=kinds.TOWNSHIP).count() >= 10
    assert Organization.objects.filter(kind=kinds.DEPARTMENT).count() >= 20
    assert Organization.objects.filter(name="清河县财政局", short_name="财政局").exists()
    for org in Organization.objects.all():
        assert is_valid_uscc(org.code), org
        assert org.address and org.postcode and org.phone and org.fax and org.head_name and org.duties
        assert org.office_hours
    assert len(set(Organization.objects.values_list("code", flat=True))) == Organization.objects.count()


def test_it_creates_a_login_for_every_role_in_the_office_and_three_units():
    seed()
    office = Organization.objects.get(kind=Organization.Kind.COUNTY_OFFICE)
    assert User.objects.with_role(Role.OFFICE).filter(organization=office).count() == 2
    admin = User.objects.get(username="admin")
    assert admin.is_superuser and admin.is_staff and admin.is_system_admin
    units = User.objects.with_role(Role.OFFICER).values_list("organization__name", flat=True)
    assert len(set(units)) >= 3
    for unit in set(units):
        for role in (Role.OFFICER, Role.REVIEWER, Role.LEADER):
            assert User.objects.with_role(role).filter(organization__name=unit).exists(), (unit, role)
        assert User.objects.with_role(Role.LEADER).filter(organization__name=unit, is_principal_leader=True).exists()
    assert User.objects.get(username="chengguan_officer").check_password(demo.DEMO_PASSWORD)


def test_every_unit_lists_its_head_among_its_leaders():
    from portal.models import Leader

    seed()
    for org in Organization.objects.all():
        assert Leader.objects.filter(organization=org, name=org.head_name).exists(), org
    assert Leader.objects.get(organization__short_name="城关镇", name="张国华").post == "镇长"
    assert Leader.objects.get(organization__short_name="财政局", name="韩秀英").post == "局长"


def test_it_sets_the_site_profile():
    seed()
    profile = SiteProfile.get()
    assert profile.site_name == "清河县人民政府"
    assert profile.sponsor == "清河县人民政府办公室"
    assert len(profile.site_id_code) == 10 and profile.site_id_code.isdigit()
    assert "ICP备" in profile.icp_number
    assert "公网安备" in profile.police_number


def test_it_prints_the_demo_logins():
    out = seed()
    assert demo.DEMO_PASSWORD in out
    for username in ("admin", "gongkai1", "chengguan_officer", "caizheng_leader"):
        assert f"| {username} |" in out


def test_running_twice_changes_nothing():
    seed()
    before = counts()
    passwords = dict(User.objects.values_list("username", "password"))
    User.objects.filter(username="gongkai1").update(last_name="改")
    seed()
    assert counts() == before
    assert dict(User.objects.values_list("username", "password")) == passwords
    assert User.objects.get(username="gongkai1").last_name == "改"


def test_an_edited_site_profile_is_kept():
    profile = SiteProfile.get()
    profile.site_name = "某县人民政府"
    profile.save()
    seed()
    assert SiteProfile.get().site_name == "某县人民政府"


def test_if_empty_skips_when_any_unit_exists():
    Organization.objects.create(name="已有单位", kind=Organization.Kind.DEPARTMENT, code="D2143569X")
    out = seed("--if-empty")
    assert "跳过" in out
    assert Organization.objects.count() == 1
    assert not User.objects.exists()


@override_settings(DEBUG=False)
def test_it_refuses_with_debug_off():
    with pytest.raises(CommandError, match="DEBUG 已关闭"):
        seed()
    assert not Organization.objects.exists()


@override_settings(DEBUG=False)
def test_force_runs_it_with_debug_off():
    seed("--force")
    assert Organization.objects.exists()


def test_it_reports_each_app_demo():
    out = seed()
    for app in ("disclosure", "requests_app", "interaction", "newmedia"):
        assert f"[{app}]" in out
