"""The reply clock (条例 Art. 30-33): receipt, holidays with make-up days, 补正, third parties, extension."""

from datetime import date

import pytest
from django.core.exceptions import ValidationError  # noqa: F401

from portal.errors import InvalidTransition, NotAllowed
from portal.models import WorkdayOverride
from requests_app import services
from requests_app.models import Application, ClockPause, Extension
from tests.requests_app.conftest import application_data, at, registered

pytestmark = pytest.mark.django_db


def test_reply_is_due_15_working_days_after_receipt_across_national_day(office_staff, township):
    # 2024-09-29 (Sunday) and 2024-10-12 (Saturday) are make-up working days; 10-01..10-07 are off.
    app = registered(office_staff, township, date(2024, 9, 27))
    assert app.received_on == date(2024, 9, 27)
    assert app.due_on == date(2024, 10, 23)


def test_reply_is_due_15_working_days_after_receipt_across_spring_festival(office_staff, township):
    # 2025-01-26 (Sunday) and 2025-02-08 (Saturday) are make-up working days; 01-28..02-04 are off.
    app = registered(office_staff, township, date(2025, 1, 24))
    assert app.due_on == date(2025, 2, 20)


def test_receipt_on_a_holiday_counts_from_the_next_working_day(office_staff, township):
    app = registered(office_staff, township, date(2024, 10, 3))
    # 10-08 is the first working day counted; 10-12 is a make-up Saturday.
    assert app.due_on == date(2024, 10, 25)


def test_online_application_starts_its_clock_when_office_confirms_receipt(office_staff, township):
    with at(date(2024, 9, 27)):
        filed = services.submit_online(application_data(township))
    app = filed.application
    assert app.status == Application.Status.SUBMITTED and app.due_on is None
    assert app.tracking_number.startswith("YSQ2024") and len(app.tracking_number) == 13
    assert app.password_hash != filed.password
    with at(date(2024, 9, 30)):
        services.confirm_receipt(app, actor=office_staff)
    assert app.received_on == date(2024, 9, 30)
    # 9-30 itself is not counted: 10-08 is day 1, ... 10-25 is day 15 (10-12 is a make-up Saturday).
    assert app.due_on == date(2024, 10, 25)
    event = app.events.get(action="confirm_receipt")
    assert event.due_before is None and event.due_after == app.due_on and event.actor == office_staff


def test_only_office_staff_confirm_receipt(officer, township):
    filed = services.submit_online(application_data(township))
    with pytest.raises(NotAllowed):
        services.confirm_receipt(filed.application, actor=officer)


def test_correction_restarts_the_clock_in_full_from_the_day_the_correction_arrives(office_staff, officer, township):
    app = registered(office_staff, township, date(2024, 11, 4), unit=township)
    assert app.due_on == date(2024, 11, 25)
    with at(date(2024, 11, 6)):
        services.request_correction(
            app, actor=officer, items="请说明所需名单的年份和村组。", deadline=date(2024, 11, 20)
        )
    assert app.status == Application.Status.CORRECTION and app.due_on is None
    assert app.pause_deadline == date(2024, 11, 20)
    with at(date(2024, 11, 15)):
        services.receive_correction(app, text="2024年，全镇所有村组。")
    assert app.status == Application.Status.PROCESSING
    assert app.clock_start_on == date(2024, 11, 15)
    assert app.due_on == date(2024, 12, 6)  # 15 working days after 11-15
    pause = app.pauses.get()
    assert (pause.due_before, pause.due_after) == (date(2024, 11, 25), date(2024, 12, 6))
    event = app.events.get(action="receive_correction")
    assert (event.due_before, event.due_after) == (date(2024, 11, 25), date(2024, 12, 6))


def test_correction_may_be_asked_only_within_7_working_days_of_receipt(office_staff, officer, township):
    app = registered(office_staff, township, date(2024, 11, 4), unit=township)
    with at(date(2024, 11, 14)), pytest.raises(InvalidTransition, match="7个工作日内"):
        services.request_correction(app, actor=officer, items="x", deadline=date(2024, 11, 30))


def test_correction_may_be_asked_only_once(office_staff, officer, township):
    app = registered(office_staff, township, date(2024, 11, 4), unit=township)
    with at(date(2024, 11, 5)):
        services.request_correction(app, actor=officer, items="x", deadline=date(2024, 11, 8))
        services.receive_correction(app, text="y")
        with pytest.raises(InvalidTransition, match="一次"):
            services.request_correction(app, actor=officer, items="again", deadline=date(2024, 11, 20))


def test_missing_the_correction_deadline_closes_the_application_as_other_1(office_staff, officer, township):
    app = registered(office_staff, township, date(2024, 11, 4), unit=township)
    with at(date(2024, 11, 5)):
        services.request_correction(app, actor=officer, items="x", deadline=date(2024, 11, 12))
    with at(date(2024, 11, 12)):
        assert services.close_lapsed_corrections() == 0  # the deadline day itself is still allowed
    with at(date(2024, 11, 13)):
        assert services.close_lapsed_corrections() == 1
    app.refresh_from_db()
    assert app.status == Application.Status.CLOSED
    assert app.result == "other_1" and app.concluded_on == date(2024, 11, 13)
    assert app.letters.filter(kind="reply", title="终止办理告知书").exists()


def test_third_party_waiting_days_are_not_counted(office_staff, officer, township):
    app = registered(office_staff, township, date(2024, 11, 4), unit=township)
    assert app.due_on == date(2024, 11, 25)
    with at(date(2024, 11, 6)):
        pause = services.ask_third_party(app, actor=officer, third_party="某建筑公司", reason="涉及商业秘密")
    assert pause.deadline == date(2024, 11, 27)  # 15 working days to answer (Art. 32)
    assert app.status == Application.Status.THIRD_PARTY and app.due_on is None
    with at(date(2024, 11, 13)):
        services.record_third_party_answer(app, actor=officer, outcome="不同意公开")
    # 11-07..11-13 = 5 working days not counted.
    assert app.due_on == date(2024, 12, 2)
    event = app.events.get(action="third_party_answer")
    assert event.extra["not_counted_workdays"] == 5
    assert (event.due_before, event.due_after) == (date(2024, 11, 25), date(2024, 12, 2))


def test_third_party_days_beyond_its_deadline_count_again(office_staff, officer, township):
    app = registered(office_staff, township, date(2024, 11, 4), unit=township)
    with at(date(2024, 11, 5)):
        services.ask_third_party(app, actor=officer, third_party="李四", reason="涉及个人隐私")
    with at(date(2024, 12, 2)):  # the third party's deadline was 11-26
        services.record_third_party_answer(app, actor=officer, outcome="逾期未答复，由本机关决定")
    assert app.due_on == date(2024, 12, 16)  # 25 + 15 working days not counted


def test_while_the_third_partys_answer_is_overdue_the_real_due_date_is_shown(client, office_staff, officer, township):
    """The waiting days count only until the third party's deadline (Art. 32-33): past it the clock runs again, and
    staff and the applicant see the date the reply is due by."""
    with at(date(2024, 11, 4)):
        filed = services.register(application_data(township), actor=office_staff, channel="in_person")
        app = services.assign(filed.application, actor=office_staff, unit=township)
    with at(date(2024, 11, 5)):
        services.ask_third_party(app, actor=officer, third_party="李四", reason="涉及个人隐私")
    assert app.pause_deadline == date(2024, 11, 26)
    client.force_login(office_staff)
    with at(date(2024, 11, 26)):  # the third party may still answer today: no reply date yet
        assert services.due_on_while_third_party_overdue(app) is None
        assert "2024-12-16" not in client.get(f"/staff/requests/{app.pk}/").content.decode()
    with at(date(2024, 12, 2)):
        assert services.due_on_while_third_party_overdue(app) == date(2024, 12, 16)
        staff_page = client.get(f"/staff/requests/{app.pk}/").content.decode()
        client.logout()
        client.post("/requests/track/", {"tracking_number": app.tracking_number, "password": filed.password})
        public_page = client.get(f"/requests/track/{app.tracking_number}/").content.decode()
    assert "第三方答复期限 2024-11-26 已过，答复期限 2024-12-16" in staff_page
    assert "第三方答复期限（2024-11-26）已过" in public_page and "2024-12-16" in public_page
    # The same date as when the answer is then recorded.
    with at(date(2024, 12, 2)):
        services.record_third_party_answer(app, actor=officer, outcome="逾期未答复，由本机关决定")
    assert app.due_on == date(2024, 12, 16)


def test_the_applicants_timeline_says_the_clock_stopped_only_where_it_did(client, office_staff, officer, township):
    with at(date(2024, 11, 4)):
        filed = services.register(application_data(township), actor=office_staff, channel="in_person")
        app = services.assign(filed.application, actor=office_staff, unit=township)
    with at(date(2024, 11, 5)):
        services.ask_third_party(app, actor=officer, third_party="李四", reason="涉及个人隐私")
    with at(date(2024, 11, 12)):
        services.record_third_party_answer(app, actor=officer, outcome="同意公开")
        services.draft_reply(app, actor=officer, result="not_handled_2", text="重复申请。")
        services.approve_reply(app, actor=office_staff)
        client.post("/requests/track/", {"tracking_number": app.tracking_number, "password": filed.password})
        page = client.get(f"/requests/track/{app.tracking_number}/").content.decode()
    timeline = page.split('class="data-table req-timeline"')[1].split("</table>")[0]
    rows = {row.split("</td><td>")[1]: row.split("</td><td>")[2] for row in timeline.split("<tr><td>")[2:]}
    assert rows["征求第三方意见"].startswith("暂停计时")
    assert rows["答复"].startswith("</td>")  # the closing row: no date, and not "暂停计时"
    assert timeline.count("暂停计时") == 1


def test_extension_moves_the_due_date_by_15_working_days_once(office_staff, officer, township):
    app = registered(office_staff, township, date(2024, 11, 4), unit=township)
    with at(date(2024, 11, 20)):
        ext = services.request_extension(app, actor=officer, reason="涉及多个村组，需逐一核实")
        with pytest.raises(InvalidTransition, match="一次"):
            services.request_extension(app, actor=officer, reason="again")
        services.approve_extension(ext.application, actor=office_staff)
    app.refresh_from_db()
    assert app.due_on == date(2024, 12, 16)
    ext.refresh_from_db()
    assert ext.status == Extension.Status.APPROVED
    assert (ext.due_before, ext.due_after) == (date(2024, 11, 25), date(2024, 12, 16))
    assert app.letters.filter(kind="extension").exists()
    with at(date(2024, 11, 21)), pytest.raises(InvalidTransition, match="一次"):
        services.request_extension(app, actor=officer, reason="again")


def test_an_extension_asked_and_approved_on_the_due_day_moves_the_due_date(office_staff, officer, township):
    app = registered(office_staff, township, date(2024, 11, 4), unit=township)
    assert app.due_on == date(2024, 11, 25)
    with at(date(2024, 11, 25), hour=17):
        services.request_extension(app, actor=officer, reason="涉及多个村组，需逐一核实")
        services.approve_extension(app, actor=office_staff)
    app.refresh_from_db()
    assert app.due_on == date(2024, 12, 16)


def test_an_extension_cannot_be_approved_after_the_original_due_date(office_staff, officer, township):
    """Art. 33: the extension is approved, and the applicant told, within the original reply period."""
    app = registered(office_staff, township, date(2024, 11, 4), unit=township)
    with at(date(2024, 11, 25)):
        ext = services.request_extension(app, actor=officer, reason="涉及多个村组，需逐一核实")
    with at(date(2024, 11, 27)), pytest.raises(InvalidTransition, match="原答复期限（2024-11-25）已过"):
        services.approve_extension(app, actor=office_staff)
    app.refresh_from_db()
    ext.refresh_from_db()
    assert app.due_on == date(2024, 11, 25) and ext.status == Extension.Status.PENDING
    assert not app.letters.filter(kind="extension").exists()
    with at(date(2024, 11, 27)):
        services.reject_extension(app, actor=office_staff, opinion="已超过原答复期限")


def test_an_extension_cannot_be_asked_after_the_original_due_date(office_staff, officer, township):
    app = registered(office_staff, township, date(2024, 11, 4), unit=township)
    with at(date(2024, 11, 26)), pytest.raises(InvalidTransition, match="原答复期限（2024-11-25）已过"):
        services.request_extension(app, actor=officer, reason="涉及多个村组，需逐一核实")
    assert not app.extensions.exists()


def test_the_page_offers_no_extension_after_the_original_due_date(client, office_staff, officer, township):
    app = registered(office_staff, township, date(2024, 11, 4), unit=township)
    with at(date(2024, 11, 25)):
        services.request_extension(app, actor=officer, reason="涉及多个村组，需逐一核实")
    client.force_login(office_staff)
    with at(date(2024, 11, 26)):
        page = client.get(f"/staff/requests/{app.pk}/").content.decode()
    assert "extension/approve/" not in page and "不同意" in page and "原答复期限（2024-11-25）已过" in page


def test_only_office_staff_approve_an_extension(office_staff, officer, reviewer, township):
    app = registered(office_staff, township, date(2024, 11, 4), unit=township)
    with at(date(2024, 11, 5)):
        ext = services.request_extension(app, actor=officer, reason="r")
        with pytest.raises(NotAllowed):
            services.approve_extension(ext.application, actor=reviewer)


def test_a_rejected_extension_leaves_the_due_date_and_allows_a_new_request(office_staff, officer, township):
    app = registered(office_staff, township, date(2024, 11, 4), unit=township)
    with at(date(2024, 11, 5)):
        ext = services.request_extension(app, actor=officer, reason="r")
        services.reject_extension(ext.application, actor=office_staff, opinion="理由不充分")
        app.refresh_from_db()
        assert app.due_on == date(2024, 11, 25)
        services.request_extension(app, actor=officer, reason="补充理由")


def test_a_new_holiday_inside_an_open_window_moves_the_due_date_by_one_working_day(
    office_staff, township, django_capture_on_commit_callbacks
):
    app = registered(office_staff, township, date(2024, 11, 4), unit=township)
    done = registered(office_staff, township, date(2024, 11, 4), unit=township)
    Application.objects.filter(pk=done.pk).update(status="replied", result="disclosed", concluded_on=date(2024, 11, 5))
    assert app.due_on == date(2024, 11, 25)
    with django_capture_on_commit_callbacks(execute=True):
        WorkdayOverride.objects.create(date=date(2024, 11, 15), is_workday=False, note="临时放假")
    app.refresh_from_db()
    assert app.due_on == date(2024, 11, 26)
    event = app.events.get(action="recompute_due")
    assert (event.due_before, event.due_after) == (date(2024, 11, 25), date(2024, 11, 26))
    assert "2024-11-15" in event.opinion
    assert not done.events.filter(action="recompute_due").exists()
    # A make-up working Saturday inside the window moves it back.
    with django_capture_on_commit_callbacks(execute=True):
        WorkdayOverride.objects.create(date=date(2024, 11, 16), is_workday=True, note="调休上班")
    app.refresh_from_db()
    assert app.due_on == date(2024, 11, 25)


def test_a_holiday_outside_the_window_changes_nothing(office_staff, township, django_capture_on_commit_callbacks):
    app = registered(office_staff, township, date(2024, 11, 4), unit=township)
    with django_capture_on_commit_callbacks(execute=True):
        WorkdayOverride.objects.create(date=date(2024, 12, 20), is_workday=False)
    app.refresh_from_db()
    assert app.due_on == date(2024, 11, 25)
    assert not app.events.filter(action="recompute_due").exists()


def test_recompute_hook_is_registered_with_the_calendar():
    from portal import workdays

    assert "requests_app" in workdays._recompute_hooks


def test_a_calendar_change_moves_an_open_third_party_deadline(
    office_staff, officer, township, django_capture_on_commit_callbacks
):
    app = registered(office_staff, township, date(2024, 11, 4), unit=township)
    with at(date(2024, 11, 6)):
        pause = services.ask_third_party(app, actor=officer, third_party="某公司", reason="r")
    with django_capture_on_commit_callbacks(execute=True):
        WorkdayOverride.objects.create(date=date(2024, 11, 8), is_workday=False)
    pause.refresh_from_db()
    assert pause.deadline == date(2024, 11, 28)
    assert ClockPause.objects.get(pk=pause.pk).application.pause_deadline == date(2024, 11, 28)
