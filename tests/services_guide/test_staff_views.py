"""Staff pages: drafting with materials and files through the form, the buttons the workflow offers, review through
the action URLs, stopping, and the outsider's 404 on every page."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from services_guide.models import GuideHistory, GuideVersion, ServiceItem
from tests.services_guide.conftest import PDF, draft_item, pdf

pytestmark = pytest.mark.django_db
S = GuideVersion.Status


def form_data(**overrides) -> dict:
    data = {
        "organization": "", "code": "QH-NEW-1", "name": "再生育审批", "kind": "license", "level": "county",
        "target": "person", "themes": ["birth"], "basis": "《示范省人口与计划生育条例》第十八条",
        "conditions": "符合再生育条件的夫妻", "process": "申请\n审核\n决定", "legal_days": "20", "promised_days": "5",
        "place": "县政务服务中心", "hours": "工作日", "phone": "0319-1", "complaint_phone": "0319-2",
        "result": "《再生育审批决定书》", "online": "none", "online_url": "", "intermediary": "",
        "materials-TOTAL_FORMS": "2", "materials-INITIAL_FORMS": "0", "materials-MIN_NUM_FORMS": "0",
        "materials-MAX_NUM_FORMS": "40",
        "materials-0-name": "再生育申请表", "materials-0-form": "original", "materials-0-copies": "1",
        "materials-0-required": "on",
        "materials-1-name": "结婚证", "materials-1-form": "copy", "materials-1-copies": "2",
        "materials-1-required": "on",
    }  # fmt: skip
    return {**data, **overrides}


def test_an_officer_drafts_an_item_with_two_materials_and_a_blank_form(client, officer):
    client.force_login(officer)
    data = form_data(organization=officer.organization_id, **{"materials-0-blank_form": pdf("再生育申请表.pdf")})
    response = client.post("/staff/services/new/", data)

    version = GuideVersion.objects.get(item__code="QH-NEW-1")
    assert response.status_code == 302 and response["Location"] == f"/staff/services/versions/{version.pk}/"
    materials = list(version.materials.order_by("order"))
    assert [(m.name, m.form, m.copies) for m in materials] == [("再生育申请表", "original", 1), ("结婚证", "copy", 2)]
    assert materials[0].blank_form_name == "再生育申请表.pdf"
    assert version.theme_codes == ["birth"]
    page = client.get(response["Location"]).content.decode()
    assert "报送审核" in page
    assert f"/staff/services/versions/{version.pk}/materials/{materials[0].pk}/blank/" in page
    staff_file = client.get(f"/staff/services/versions/{version.pk}/materials/{materials[0].pk}/blank/")
    assert b"".join(staff_file.streaming_content) == PDF


def test_a_bad_upload_is_refused_next_to_the_field_and_nothing_is_saved(client, officer):
    client.force_login(officer)
    fake = SimpleUploadedFile("申请表.pdf", b"MZ\x90\x00 not a pdf", content_type="application/pdf")
    data = form_data(organization=officer.organization_id, **{"materials-0-blank_form": fake})
    response = client.post("/staff/services/new/", data)

    page = response.content.decode()
    assert response.status_code == 200 and "不是允许的类型" in page
    assert 'value="再生育审批"' in page  # what was typed is kept
    assert not ServiceItem.objects.exists()


def test_bad_guide_fields_are_shown_next_to_the_field(client, officer):
    client.force_login(officer)
    response = client.post("/staff/services/new/", form_data(organization=officer.organization_id,
                                                               legal_days="5", promised_days="9", code="!"))  # fmt: skip
    page = response.content.decode()
    assert "承诺办结时限不能长于法定办结时限" in page and "事项编码只能由字母" in page
    assert not ServiceItem.objects.exists()


def test_an_officer_cannot_draft_for_another_unit(client, officer, other_township):
    client.force_login(officer)
    client.post("/staff/services/new/", form_data(organization=other_township.pk))
    assert not ServiceItem.objects.exists()


def test_the_detail_page_shows_only_the_actions_the_workflow_offers(client, draft, officer, reviewer, leader):
    client.force_login(officer)
    page = client.get(f"/staff/services/versions/{draft.pk}/").content.decode()
    assert "/act/submit/" in page and "/act/pass_first/" not in page and "/edit/" in page

    client.post(f"/staff/services/versions/{draft.pk}/act/submit/")
    client.force_login(leader)
    page = client.get(f"/staff/services/versions/{draft.pk}/").content.decode()
    assert "/act/pass_first/" not in page and "/edit/" not in page
    client.force_login(reviewer)
    page = client.get(f"/staff/services/versions/{draft.pk}/").content.decode()
    assert "/act/pass_first/" in page and "/act/return/" in page and "/act/reject/" in page


def test_an_incomplete_draft_shows_submit_disabled_with_what_is_missing(client, officer):
    version = draft_item(officer, code="QH-NEW-2", basis="")
    client.force_login(officer)
    page = client.get(f"/staff/services/versions/{version.pk}/").content.decode()
    assert "/act/submit/" not in page
    assert 'disabled aria-describedby="missing-note">报送审核' in page and "缺少必备要素，不能报送：设定依据" in page


def test_review_runs_through_the_action_urls_and_a_refusal_is_a_message(client, draft, officer, reviewer, leader,
                                                                         office_staff):  # fmt: skip
    client.force_login(officer)
    client.post(f"/staff/services/versions/{draft.pk}/act/submit/")
    response = client.post(f"/staff/services/versions/{draft.pk}/act/pass_first/", follow=True)
    assert "初审须由本单位的单位审核人进行" in response.content.decode()

    client.force_login(reviewer)
    client.post(f"/staff/services/versions/{draft.pk}/act/pass_first/", {"opinion": "同意"})
    client.force_login(leader)
    response = client.post(f"/staff/services/versions/{draft.pk}/act/return/", {"opinion": ""}, follow=True)
    assert "请填写审核意见" in response.content.decode()
    client.post(f"/staff/services/versions/{draft.pk}/act/pass_second/")
    client.force_login(office_staff)
    client.post(f"/staff/services/versions/{draft.pk}/act/approve/")

    draft.refresh_from_db()
    assert draft.status == S.PUBLISHED
    assert list(GuideHistory.objects.filter(version=draft).values_list("action", flat=True)) == [
        "create", "submit", "pass_first", "pass_second", "approve",
    ]  # fmt: skip
    assert client.get(f"/staff/services/versions/{draft.pk}/act/approve/").status_code == 405


def test_a_change_is_drafted_edited_and_stopped_from_the_staff_pages(client, published, officer, office_staff):
    client.force_login(officer)
    response = client.post(f"/staff/services/items/{published.item_id}/change/")
    change = GuideVersion.objects.get(item=published.item, number=2)
    assert response["Location"] == f"/staff/services/versions/{change.pk}/edit/"
    page = client.get(response["Location"]).content.decode()
    assert "这是对现行办事指南的变更（第2版）" in page

    client.force_login(office_staff)
    response = client.post(f"/staff/services/items/{published.item_id}/stop/",
                           {"stopped_on": "2020-01-02", "reason": "事项取消"})  # fmt: skip
    published.refresh_from_db()
    change.refresh_from_db()
    assert (published.status, change.status) == (S.STOPPED, S.DISCARDED)


def test_the_edit_form_saves_changes_and_keeps_files(client, draft, officer):
    client.force_login(officer)
    materials = list(draft.materials.order_by("order"))
    data = form_data(code="", organization="", name="农村宅基地审批（修订）", **{
        "materials-TOTAL_FORMS": "2", "materials-INITIAL_FORMS": "2",
        "materials-0-pk": materials[0].pk, "materials-0-name": materials[0].name,
        "materials-1-pk": materials[1].pk, "materials-1-name": materials[1].name, "materials-1-DELETE": "on",
    })  # fmt: skip
    response = client.post(f"/staff/services/versions/{draft.pk}/edit/", data)
    assert response.status_code == 302
    draft.refresh_from_db()
    assert draft.name == "农村宅基地审批（修订）"
    assert [m.name for m in draft.materials.all()] == [materials[0].name]
    assert draft.materials.get().blank_form.name == materials[0].blank_form.name
    assert GuideHistory.objects.filter(version=draft, action="edit").exists()


@pytest.mark.parametrize("path", [
    "/staff/services/versions/{v}/", "/staff/services/versions/{v}/edit/",
    "/staff/services/versions/{v}/materials/{m}/blank/", "/staff/services/items/{i}/stop/",
])  # fmt: skip
def test_another_units_item_is_not_found(client, published, outsider, path):
    client.force_login(outsider)
    material = published.materials.order_by("order").first()
    url = path.format(v=published.pk, m=material.pk, i=published.item_id)
    assert client.get(url).status_code == 404


@pytest.mark.parametrize("action", ["submit", "pass_first", "approve", "discard", "return"])
def test_another_units_actions_are_not_found(client, draft, outsider, action):
    client.force_login(outsider)
    assert client.post(f"/staff/services/versions/{draft.pk}/act/{action}/").status_code == 404
    assert client.post(f"/staff/services/items/{draft.item_id}/change/").status_code == 404
    draft.refresh_from_db()
    assert draft.status == S.DRAFT


def test_a_login_without_a_role_meets_404(client, django_user_model, draft):
    client.force_login(django_user_model.objects.create_user("citizen", password="x"))
    for url in ("/staff/services/", "/staff/services/new/", f"/staff/services/versions/{draft.pk}/"):
        assert client.get(url).status_code == 404


def test_the_list_is_scoped_and_the_queues_show_waiting_versions(client, draft, officer, reviewer, outsider):
    other = draft_item(outsider, code="HX-9", name="河西乡的事项")
    client.force_login(officer)
    page = client.get("/staff/services/").content.decode()
    assert "农村宅基地审批" in page and other.name not in page
    client.post(f"/staff/services/versions/{draft.pk}/act/submit/")
    client.force_login(reviewer)
    assert "农村宅基地审批" in client.get("/staff/services/queue/first/").content.decode()
    assert "办事指南·初审待办" in client.get("/staff/").content.decode()
    assert client.get("/staff/services/queue/nope/").status_code == 404


def test_the_staff_list_shows_the_open_change_not_the_version_in_force(client, published, officer):
    from services_guide import services

    services.draft_change(published.item, actor=officer)
    client.force_login(officer)
    page = client.get("/staff/services/").content.decode()
    assert "第2版" in page and "第1版" not in page
