"""The Django admin in Chinese for the system administrator: units, users, the calendar and the site profile."""

import pytest

from portal.models import Organization, SiteProfile, User, WorkdayOverride

pytestmark = pytest.mark.django_db

CHANGELISTS = [
    "/admin/portal/organization/",
    "/admin/portal/user/",
    "/admin/portal/workdayoverride/",
    "/admin/portal/siteprofile/",
    "/admin/auth/group/",
]


@pytest.fixture
def admin_client(client, admin_user):
    client.force_login(admin_user)
    return client


def test_the_admin_index_is_in_chinese(admin_client):
    html = admin_client.get("/admin/").content.decode()
    assert "系统管理" in html
    assert "工作日调整" in html
    assert "单位" in html


@pytest.mark.parametrize("url", CHANGELISTS)
def test_every_changelist_loads(admin_client, url, township, officer):
    WorkdayOverride.objects.create(date="2027-01-01", is_workday=False, note="元旦")
    SiteProfile.get()
    assert admin_client.get(url).status_code == 200


def test_change_and_add_forms_load(admin_client, township, officer):
    for url in (
        f"/admin/portal/organization/{township.pk}/change/",
        "/admin/portal/organization/add/",
        f"/admin/portal/user/{officer.pk}/change/",
        "/admin/portal/user/add/",
        "/admin/portal/workdayoverride/add/",
    ):
        assert admin_client.get(url).status_code == 200, url


def test_users_are_filtered_by_unit_and_role(admin_client, officer, outsider, township):
    from django.contrib.auth.models import Group

    html = admin_client.get(f"/admin/portal/user/?organization__id__exact={township.pk}").content.decode()
    assert "officer" in html and "outsider" not in html
    leaders = Group.objects.get(name="单位领导")
    html = admin_client.get(f"/admin/portal/user/?groups__id__exact={leaders.pk}").content.decode()
    assert "outsider" in html and "officer</a>" not in html


def test_overrides_are_filtered_by_year(admin_client):
    WorkdayOverride.objects.create(date="2026-05-01", is_workday=False, note="劳动节甲")
    WorkdayOverride.objects.create(date="2027-05-01", is_workday=False, note="劳动节乙")
    html = admin_client.get("/admin/portal/workdayoverride/?year=2027").content.decode()
    assert "劳动节乙" in html and "劳动节甲" not in html


def test_an_invalid_unit_code_is_refused(admin_client):
    data = {"name": "县测试局", "kind": "department", "code": "D21435690", "order": 1, "is_active": "on"}
    response = admin_client.post("/admin/portal/organization/add/", data)
    assert response.status_code == 200
    assert "校验位" in response.content.decode()
    assert not Organization.objects.filter(name="县测试局").exists()


def test_a_unit_code_is_stored_upper_case_and_unique(admin_client, township):
    data = {"name": "县测试局", "kind": "department", "code": "d2143569x", "order": 1, "is_active": "on"}
    assert admin_client.post("/admin/portal/organization/add/", data).status_code == 302
    assert Organization.objects.get(name="县测试局").code == "D2143569X"
    data["name"] = "县另一局"
    response = admin_client.post("/admin/portal/organization/add/", data)
    assert "已有单位使用该机构代码" in response.content.decode()


def test_a_user_gets_a_unit_and_roles_in_the_admin(admin_client, township):
    from django.contrib.auth.models import Group

    response = admin_client.post(
        "/admin/portal/user/add/",
        {
            "username": "newofficer", "password1": "Qh-demo-2025!x", "password2": "Qh-demo-2025!x",
            "last_name": "王", "first_name": "五", "phone": "13800000000",
            "organization": township.pk, "groups": [Group.objects.get(name="信息员").pk],
        },
    )  # fmt: skip
    assert response.status_code == 302
    user = User.objects.get(username="newofficer")
    assert user.organization == township and user.is_officer


def test_the_site_profile_cannot_be_added_twice_or_deleted(admin_client):
    profile = SiteProfile.get()
    assert admin_client.get("/admin/portal/siteprofile/add/").status_code == 403
    assert admin_client.get(f"/admin/portal/siteprofile/{profile.pk}/delete/").status_code == 403


def test_the_site_profile_is_added_when_none_exists(admin_client):
    assert not SiteProfile.objects.exists()
    assert admin_client.get("/admin/portal/siteprofile/add/").status_code == 200


def test_a_site_id_code_must_have_ten_digits(admin_client):
    profile = SiteProfile.get()
    data = {f: getattr(profile, f) for f in ("county_name", "site_name", "site_domain", "sponsor")}
    data["site_id_code"] = "12345"
    response = admin_client.post(f"/admin/portal/siteprofile/{profile.pk}/change/", data)
    assert "10位数字" in response.content.decode()


def test_unit_staff_cannot_enter_the_admin(client, officer):
    client.force_login(officer)
    assert client.get("/admin/").status_code == 302


def test_the_changelist_of_every_registered_model_loads(admin_client):
    from django.contrib import admin
    from django.urls import reverse

    for model in admin.site._registry:
        url = reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_changelist")
        assert admin_client.get(url).status_code == 200, url


def test_the_administrator_enters_a_units_leaders(admin_client, township):
    from portal.models import Leader

    data = {"organization": township.pk, "name": "张国华", "post": "镇长", "duties": "主持全面工作", "order": 1}
    assert admin_client.post("/admin/portal/leader/add/", data).status_code == 302
    html = admin_client.get(f"/admin/portal/leader/?organization__id__exact={township.pk}").content.decode()
    assert "张国华" in html and Leader.objects.get(name="张国华").organization == township
