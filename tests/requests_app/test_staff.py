"""Staff pages: the scoping rule (outsiders get 404), the handling flow through the views, list and export."""

import csv
import io
from datetime import date

import pytest
from django.urls import reverse

from requests_app import services
from requests_app.models import Application, Extension
from tests.requests_app.conftest import application_data, at, registered

pytestmark = pytest.mark.django_db


@pytest.fixture
def app(office_staff, township):
    return registered(office_staff, township, date(2024, 11, 4), unit=township)


def _login(client, user):
    client.force_login(user)
    return client


STAFF_GETS = ["staff_detail"]
STAFF_POSTS = [
    "staff_confirm", "staff_assign", "staff_correction", "staff_correction_received", "staff_third_party",
    "staff_third_party_answer", "staff_extension", "staff_extension_approve", "staff_extension_reject", "staff_draft",
    "staff_return", "staff_approve",
]  # fmt: skip


@pytest.mark.parametrize("name", STAFF_GETS + STAFF_POSTS)
def test_an_outsider_unit_gets_404_on_every_application_page(client, outsider, app, name):
    _login(client, outsider)
    method = client.get if name in STAFF_GETS else client.post
    assert method(reverse(f"requests_app:{name}", args=[app.pk])).status_code == 404


def test_an_outsider_gets_404_on_letters_and_files(client, outsider, app):
    _login(client, outsider)
    letter = app.letters.get()
    assert client.get(reverse("requests_app:staff_letter", args=[app.pk, letter.pk])).status_code == 404


def test_an_outsider_does_not_see_the_application_in_lists_or_export(client, outsider, app):
    _login(client, outsider)
    assert app.tracking_number not in client.get(reverse("requests_app:staff_list")).content.decode()
    export = b"".join(client.get(reverse("requests_app:staff_export")).streaming_content).decode()
    assert app.tracking_number not in export


def test_a_logged_in_user_without_a_role_gets_404(client, app, township):
    from tests.conftest import make_user

    _login(client, make_user("nobody", township))
    assert client.get(reverse("requests_app:staff_list")).status_code == 404
    assert client.get(reverse("requests_app:staff_detail", args=[app.pk])).status_code == 404


def test_anonymous_users_are_sent_to_login(client, app):
    response = client.get(reverse("requests_app:staff_list"))
    assert response.status_code == 302 and "/staff/login/" in response.url


def test_unit_staff_cannot_open_the_registration_page(client, officer):
    _login(client, officer)
    assert client.get(reverse("requests_app:staff_register")).status_code == 404


def test_handler_sees_the_full_id_number_but_the_public_does_not(client, officer, app):
    _login(client, officer)
    page = client.get(reverse("requests_app:staff_detail", args=[app.pk])).content.decode()
    assert app.id_number in page and app.phone in page


def test_a_unit_leader_who_does_not_handle_sees_identity_and_contacts_masked(client, leader, app):
    _login(client, leader)
    response = client.get(reverse("requests_app:staff_detail", args=[app.pk]))
    assert response.status_code == 200
    page = response.content.decode()
    assert app.id_number not in page and app.masked_id_number in page
    assert app.phone not in page and app.masked_phone in page
    assert app.email not in page


def test_office_confirms_assigns_and_the_unit_drafts_and_office_approves(client, office_staff, officer, township):
    filed = services.submit_online(application_data(township))
    pk = filed.application.pk
    office = _login(client, office_staff)
    today = date.today().isoformat()
    office.post(reverse("requests_app:staff_confirm", args=[pk]), {"received_on": today})
    office.post(reverse("requests_app:staff_assign", args=[pk]), {"unit": township.pk})
    assert Application.objects.get(pk=pk).handling_unit == township
    unit = _login(client, officer)
    response = unit.post(
        reverse("requests_app:staff_draft", args=[pk]),
        {"result": "withheld_6", "text": "属于内部讨论记录。", "referral_agency": ""},
    )
    assert response.status_code == 302
    assert Application.objects.get(pk=pk).status == "drafted"
    # The unit cannot approve its own reply: the approval form refuses with a message, not a 403.
    response = unit.post(reverse("requests_app:staff_approve", args=[pk]), {"opinion": ""}, follow=True)
    assert "只有政务公开办" in response.content.decode()
    office = _login(client, office_staff)
    office.post(reverse("requests_app:staff_approve", args=[pk]), {"opinion": "同意"})
    app = Application.objects.get(pk=pk)
    assert app.status == "replied" and app.result == "withheld_6" and app.concluded_on
    assert app.letters.filter(kind="reply", title="政府信息不予公开告知书").exists()


def test_an_invalid_action_form_shows_errors_next_to_the_field(client, officer, app):
    _login(client, officer)
    with at(date(2024, 11, 5)):
        response = client.post(reverse("requests_app:staff_correction", args=[app.pk]), {"items": "", "deadline": "x"})
    assert response.status_code == 400
    page = response.content.decode()
    assert "errorlist" in page and "请检查表单" in page


def test_a_wrong_state_action_is_a_message_not_an_error_page(client, office_staff, app):
    _login(client, office_staff)
    response = client.post(
        reverse("requests_app:staff_confirm", args=[app.pk]), {"received_on": "2024-11-04"}, follow=True
    )
    assert response.status_code == 200
    assert "不能确认接收" in response.content.decode()


def test_extension_through_the_views(client, office_staff, officer, app):
    with at(date(2024, 11, 6)):
        _login(client, officer).post(reverse("requests_app:staff_extension", args=[app.pk]), {"reason": "需核实"})
        _login(client, office_staff).post(
            reverse("requests_app:staff_extension_approve", args=[app.pk]), {"opinion": ""}
        )
    ext = Extension.objects.get()
    assert ext.status == "approved"
    assert Application.objects.get(pk=app.pk).due_on == date(2024, 12, 16)


def test_list_filters_by_clock_and_has_a_query_ceiling(
    client, office_staff, township, other_township, django_assert_max_num_queries
):
    for day in (date(2024, 11, 4), date(2024, 11, 25), date(2024, 11, 26)):
        registered(office_staff, township, day, unit=township)
        registered(office_staff, other_township, day, unit=other_township)
    _login(client, office_staff)
    with at(date(2024, 11, 27)):
        with django_assert_max_num_queries(12):
            response = client.get(reverse("requests_app:staff_list"))
        assert len(response.context["rows"]) == 6
        overdue = client.get(reverse("requests_app:staff_list"), {"clock": "overdue"}).context["rows"]
        assert len(overdue) == 2 and all(a.clock.code == "overdue" for a in overdue)
        by_unit = client.get(reverse("requests_app:staff_list"), {"unit": other_township.pk}).context["rows"]
        assert {a.handling_unit_id for a in by_unit} == {other_township.pk}
        by_year = client.get(reverse("requests_app:staff_list"), {"year": 2023}).context["rows"]
        assert by_year == []


def test_unit_list_shows_only_its_own_applications(client, office_staff, officer, township, other_township):
    mine = registered(office_staff, township, date(2024, 11, 4), unit=township)
    theirs = registered(office_staff, other_township, date(2024, 11, 4), unit=other_township)
    _login(client, officer)
    page = client.get(reverse("requests_app:staff_list")).content.decode()
    assert mine.tracking_number in page and theirs.tracking_number not in page


def test_csv_export_has_labels_and_no_identity_numbers(client, office_staff, app):
    _login(client, office_staff)
    response = client.get(reverse("requests_app:staff_export"), {"status": "open"})
    body = b"".join(response.streaming_content).decode("utf-8-sig")
    assert "申请编号" in body.splitlines()[0]
    assert app.tracking_number in body and "办理中" in body and "当面申请" in body
    assert app.id_number not in body and app.phone not in body


def test_staff_register_bad_input_keeps_what_was_typed(client, office_staff, township):
    _login(client, office_staff)
    data = application_data(township, phone="abc")
    data["organization"] = township.code
    data["channel"] = "letter"
    response = client.post(reverse("requests_app:staff_register"), data)
    form = response.context["form"]
    assert "收到申请日期" in form.errors["received_on"][0]
    assert "手机号码" in form.errors["phone"][0]
    assert "张三" in response.content.decode()
    assert not Application.objects.exists()


def test_staff_register_a_letter_with_the_day_signed_for(client, office_staff, township):
    _login(client, office_staff)
    data = application_data(township)
    data.update(organization=township.code, channel="letter", received_on="2024-11-04")
    response = client.post(reverse("requests_app:staff_register"), data, follow=True)
    app = Application.objects.get()
    assert app.received_on == date(2024, 11, 4) and app.due_on == date(2024, 11, 25)
    assert "查询密码" in response.content.decode()


def test_workbench_shows_the_units_applications_with_clock_badges(
    client, office_staff, officer, township, other_township, django_assert_max_num_queries
):
    registered(office_staff, township, date(2024, 11, 4), unit=township)
    theirs = registered(office_staff, other_township, date(2024, 11, 4), unit=other_township)
    from requests_app.blocks import workbench_sections

    with at(date(2024, 11, 21)), django_assert_max_num_queries(6):
        sections = workbench_sections(officer)
    assert sections[0].count == 1
    task = sections[0].tasks[0]
    assert task.clock.code == "due_soon" and task.due_on == date(2024, 11, 25)
    assert theirs.tracking_number not in task.title
    assert workbench_sections(office_staff)[0].count == 2


def test_stats_page_shows_table_three(client, office_staff, app):
    _login(client, office_staff)
    page = client.get(reverse("requests_app:staff_stats"), {"year": 2024}).content.decode()
    assert "本年新收政府信息公开申请数量" in page and "已校验" in page


@pytest.mark.parametrize("name", ['=HYPERLINK("http://evil.example/","点击")', "@SUM(1+1)", "+1+1", "-2+3"])
def test_csv_export_neutralises_a_name_that_starts_like_a_formula(client, office_staff, township, name):
    registered(office_staff, township, date(2024, 11, 4), unit=township, applicant_name=name)
    _login(client, office_staff)
    body = client.get(reverse("requests_app:staff_export")).getvalue().decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(body)))
    assert rows[1][rows[0].index("申请人")] == "'" + name
