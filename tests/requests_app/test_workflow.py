"""The application's transition table (requests_app.workflows) is the only rule: every action it offers a persona
succeeds through the service, every action it hides is refused, in every state; the staff page shows exactly the
offered actions that have a form."""

from datetime import date, timedelta

import pytest
from django.urls import reverse

from portal.errors import NotAllowed
from portal.models import Role
from requests_app import selectors, services
from requests_app.models import Application, ApplicationEvent, Result
from requests_app.staff_views import ACTIONS
from requests_app.workflows import APPLICATIONS
from tests.allowed_actions import check_every_state
from tests.conftest import make_user
from tests.requests_app.conftest import application_data, at, registered

pytestmark = pytest.mark.django_db

A = ApplicationEvent.Action
EARLIER = date(2024, 11, 4)  # Monday
TODAY = date(2024, 11, 6)  # Wednesday: the correction asked on Monday with Tuesday's deadline has lapsed


def _calls(unit):
    later = TODAY + timedelta(days=14)
    return {
        A.CONFIRM_RECEIPT: lambda app, user: services.confirm_receipt(app, actor=user),
        A.ASSIGN: lambda app, user: services.assign(app, actor=user, unit=unit),
        A.REQUEST_CORRECTION: lambda app, user: services.request_correction(
            app, actor=user, items="请写明村组", deadline=later
        ),
        A.RECEIVE_CORRECTION: lambda app, user: services.receive_correction(app, actor=user, text="一组"),
        A.LAPSE_CORRECTION: lambda app, user: services.lapse_correction(app, actor=user),
        A.ASK_THIRD_PARTY: lambda app, user: services.ask_third_party(
            app, actor=user, third_party="某公司", reason="涉及商业秘密"
        ),
        A.THIRD_PARTY_ANSWER: lambda app, user: services.record_third_party_answer(app, actor=user, outcome="同意"),
        A.REQUEST_EXTENSION: lambda app, user: services.request_extension(app, actor=user, reason="需逐份审查"),
        A.APPROVE_EXTENSION: lambda app, user: services.approve_extension(app, actor=user),
        A.REJECT_EXTENSION: lambda app, user: services.reject_extension(app, actor=user, opinion="理由不充分"),
        A.DRAFT_REPLY: lambda app, user: services.draft_reply(
            app, actor=user, result=Result.UNAVAILABLE_NOT_HELD, text="经检索不掌握"
        ),
        A.APPROVE_REPLY: lambda app, user: services.approve_reply(app, actor=user),
        A.RETURN_DRAFT: lambda app, user: services.return_draft(app, actor=user, opinion="请补充依据"),
        A.WITHDRAW: lambda app, user: services.withdraw(app, actor=user, reason="已从其他渠道获取"),
        A.ISSUE_FEE_NOTICE: lambda app, user: services.issue_fee_notice(app, actor=user, standard="volume", pages=50),
        A.RECORD_FEE_PAYMENT: lambda app, user: services.record_fee_payment(app, actor=user),
        A.LAPSE_FEE: lambda app, user: services.lapse_fee(app, actor=user),
    }


@pytest.fixture
def applications(office_staff, officer, township, office):
    """One application in every state (and the variants that change what may be done), assigned to the township."""
    with at(EARLIER):
        lapsed = registered(office_staff, township, EARLIER, unit=township)
        services.request_correction(lapsed, actor=officer, items="请写明村组", deadline=EARLIER + timedelta(days=1))
    fee_lapsed = registered(office_staff, township, date(2024, 10, 8), unit=township)
    with at(date(2024, 10, 8)):  # 20 working days to pay ran out on 2024-11-04
        services.issue_fee_notice(fee_lapsed, actor=officer, standard="volume", pages=50)
    with at(TODAY):
        made = {"correction_lapsed": lapsed, "fee_lapsed": fee_lapsed}
        made["fee"] = registered(office_staff, township, TODAY, unit=township)
        services.issue_fee_notice(made["fee"], actor=officer, standard="volume", pages=50)
        made["submitted"] = services.submit_online(application_data(office)).application
        made["unassigned"] = registered(office_staff, office, TODAY)
        made["processing"] = registered(office_staff, township, TODAY, unit=township)
        made["extension_pending"] = registered(office_staff, township, TODAY, unit=township)
        services.request_extension(made["extension_pending"], actor=officer, reason="需逐份审查")
        made["correction"] = registered(office_staff, township, TODAY, unit=township)
        services.request_correction(made["correction"], actor=officer, items="请写明村组", deadline=date(2024, 11, 20))
        made["third_party"] = registered(office_staff, township, TODAY, unit=township)
        services.ask_third_party(made["third_party"], actor=officer, third_party="某公司", reason="涉及商业秘密")
        made["drafted"] = registered(office_staff, township, TODAY, unit=township)
        services.draft_reply(made["drafted"], actor=officer, result=Result.UNAVAILABLE_NOT_HELD, text="不掌握")
        made["replied"] = registered(office_staff, township, TODAY, unit=township)
        services.draft_reply(made["replied"], actor=officer, result=Result.UNAVAILABLE_NOT_HELD, text="不掌握")
        services.approve_reply(made["replied"], actor=office_staff)
        made["withdrawn"] = registered(office_staff, township, TODAY, unit=township)
        services.withdraw(made["withdrawn"], reason="不需要了")
    return made


def test_every_offered_action_succeeds_and_every_hidden_one_is_refused(
    applications, office_staff, officer, reviewer, leader, outsider, township
):
    personas = {"office": office_staff, "officer": officer, "reviewer": reviewer, "leader": leader,
                "outsider": outsider, "applicant or system": None}  # fmt: skip
    calls = _calls(township)
    assert set(calls) == set(APPLICATIONS.table)
    with at(TODAY):
        offered_somewhere = check_every_state(APPLICATIONS, applications, personas, calls)
    assert offered_somewhere == set(calls)  # the loop exercised every row of the table


def test_the_detail_page_shows_the_forms_of_the_offered_actions(client, applications, office_staff, officer, leader):
    with at(TODAY):
        for user in (office_staff, officer, leader):
            client.force_login(user)
            for app in selectors.applications_visible_to(user):
                response = client.get(reverse("requests_app:staff_detail", args=[app.pk]))
                expected = {a for a in APPLICATIONS.allowed_actions(app, user) if a in ACTIONS}
                assert set(response.context["forms"]) == expected


def test_a_pending_extension_is_decided_by_the_office_with_two_buttons(client, applications, office_staff):
    client.force_login(office_staff)
    with at(TODAY):
        page = client.get(reverse("requests_app:staff_detail", args=[applications["extension_pending"].pk]))
    html = page.content.decode()
    assert "审批延期申请" in html and "批准延期" in html and "不同意" in html


def test_what_each_persona_may_do_with_a_drafted_reply(applications, office_staff, officer, leader):
    drafted = applications["drafted"]
    with at(TODAY):
        assert set(APPLICATIONS.allowed_actions(drafted, office_staff)) == {
            A.REQUEST_EXTENSION, A.DRAFT_REPLY, A.APPROVE_REPLY, A.RETURN_DRAFT,
        }  # fmt: skip
        assert set(APPLICATIONS.allowed_actions(drafted, officer)) == {A.REQUEST_EXTENSION, A.DRAFT_REPLY}
        assert APPLICATIONS.allowed_actions(drafted, leader) == []


def test_every_action_with_a_form_has_its_url_and_a_row_in_the_table():
    from requests_app.urls import ACTION_PATHS

    assert {action for _, action, _ in ACTION_PATHS} == set(ACTIONS) <= set(APPLICATIONS.table)


def test_a_reply_is_approved_by_office_staff_other_than_its_drafter(client, office_staff, office):
    """Four eyes, as in the document review: an office member who drafted the reply to an application the office
    handles itself cannot approve and send it too; a colleague can."""
    colleague = make_user("office_colleague", office, Role.OFFICE)
    with at(TODAY):
        app = registered(office_staff, office, TODAY, unit=office)
        services.draft_reply(app, actor=office_staff, result=Result.UNAVAILABLE_NOT_HELD, text="经检索不掌握")
        assert A.APPROVE_REPLY not in APPLICATIONS.allowed_actions(app, office_staff)
        with pytest.raises(NotAllowed, match="拟稿人以外"):
            services.approve_reply(app, actor=office_staff)
        app.refresh_from_db()
        assert app.status == Application.Status.DRAFTED and not app.letters.filter(kind="reply").exists()
        client.force_login(office_staff)
        page = client.get(reverse("requests_app:staff_detail", args=[app.pk]))
        assert A.APPROVE_REPLY not in page.context["forms"] and A.RETURN_DRAFT in page.context["forms"]
        client.force_login(colleague)
        page = client.get(reverse("requests_app:staff_detail", args=[app.pk]))
        assert reverse("requests_app:staff_approve", args=[app.pk]) in page.content.decode()
        services.approve_reply(app, actor=colleague)
    app.refresh_from_db()
    assert app.status == Application.Status.REPLIED
