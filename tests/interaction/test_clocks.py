"""The working-day clocks: 3 days from dispatch across a holiday and a make-up day, recomputed when the calendar
changes; the 纠错 report's two clocks; the 3-month red flag; the workbench badges."""

from datetime import date

from django.db import transaction

from interaction import services
from interaction.blocks import workbench_sections
from interaction.models import Correction, Message, page_clock
from portal import workbench, workdays
from portal.models import WorkdayOverride

from .conftest import at, new_message


def _dispatch(office_staff, unit, title: str = "关于路灯维修的咨询"):
    message, _ = new_message(title=title)
    return services.dispatch_message(message, actor=office_staff, unit=unit, instruction="请答复")


def test_the_reply_clock_skips_the_national_day_holiday_and_counts_the_make_up_saturday(db, office_staff, township):
    # 2025: 1-8 October off; Saturday 11 October is a make-up working day.
    with at(2025, 9, 30, 16):
        message = _dispatch(office_staff, township)
    assert message.due_on == date(2025, 10, 11)


def test_the_reply_clock_counts_a_make_up_sunday(db, office_staff, township):
    with at(2025, 9, 26, 9):  # Friday; Sunday 28 September is a make-up working day
        message = _dispatch(office_staff, township)
    assert message.due_on == date(2025, 9, 30)


def test_a_dispatch_on_a_holiday_counts_from_the_next_working_day(db, office_staff, township):
    with at(2025, 10, 3):
        message = _dispatch(office_staff, township)
    assert message.due_on == date(2025, 10, 11)  # 9, 10, 11


def test_editing_the_calendar_moves_open_due_dates(db, office_staff, township, django_capture_on_commit_callbacks):
    with at(2027, 3, 1):  # a Monday in a year the package does not know: weekends only
        message = _dispatch(office_staff, township)
        assert message.due_on == date(2027, 3, 4)
        with django_capture_on_commit_callbacks(execute=True), transaction.atomic():
            WorkdayOverride.objects.create(date=date(2027, 3, 3), is_workday=False, note="调休放假")
    message.refresh_from_db()
    assert message.due_on == date(2027, 3, 5)


def test_the_recompute_hook_is_registered_and_leaves_answered_messages_alone(replied, office_staff):
    before = replied.due_on
    WorkdayOverride.objects.create(date=before, is_workday=False)
    results = workdays.recompute_due_dates([before])
    assert results["interaction"] == 0
    replied.refresh_from_db()
    assert replied.due_on == before


def test_a_correction_has_a_forwarding_clock_and_then_a_fixing_clock(db, office_staff, township, officer):
    with at(2025, 9, 30, 15):
        correction = services.submit_correction(
            services.NewCorrection(page_url="http://example.gov.cn/a", kind="typo", description="错别字")
        )
    assert correction.forward_due_on == date(2025, 10, 9)
    with at(2025, 10, 10):  # a day late
        services.forward_correction(correction, actor=office_staff, unit=township)
    correction.refresh_from_db()
    assert correction.forwarded_on_time is False
    assert correction.fix_due_on == date(2025, 10, 13)  # 11 (make-up Saturday), 13 Monday
    with at(2025, 10, 13, 17):
        services.reply_correction(correction, actor=officer, reply="已改正")
    correction.refresh_from_db()
    assert correction.status == Correction.Status.REPLIED and correction.replied_on_time is True


def test_a_message_without_a_valid_reply_after_three_months_is_flagged_red(db, office_staff, township, officer):
    with at(2025, 1, 6):
        old, _ = new_message()
        answered = _dispatch(office_staff, township)
        services.reply_message(answered, actor=officer, reply="已答复")
    with at(2025, 3, 1):
        recent, _ = new_message()
    with at(2025, 4, 10):
        flagged = set(Message.objects.red_flagged().values_list("pk", flat=True))
        assert flagged == {old.pk}
        assert old.is_red_flagged and not recent.is_red_flagged


def test_workbench_shows_the_units_messages_with_due_soon_and_overdue_badges(db, office_staff, township, officer):
    with at(2025, 9, 22):
        first = _dispatch(office_staff, township, "第一条")  # due 25 September
    with at(2025, 9, 24):
        second = _dispatch(office_staff, township, "第二条")  # due 28 September (make-up Sunday)
    with at(2025, 9, 25):
        sections = {s.title: s for s in workbench.sections_for(officer)}
        tasks = {t.title: t for t in sections["本单位待答复留言"].tasks}
        assert sections["本单位待答复留言"].count == 2
        assert tasks[first.title].clock.code == "due_soon" and tasks[first.title].clock.label == "今日到期"
    with at(2025, 9, 26):
        clocks = page_clock([first, second])
        assert first.clock(clocks).code == "overdue"
        assert second.clock(clocks).code == "due_soon"  # one working day left


def test_the_workbench_provider_keeps_to_a_fixed_number_of_queries(
    db, office_staff, township, officer, django_assert_max_num_queries
):
    with at(2025, 9, 22):
        for _ in range(15):
            _dispatch(office_staff, township)
        office_staff.role_names(), officer.role_names()  # the user's groups, read once per request anyway
        with django_assert_max_num_queries(8):
            workbench_sections(office_staff)
        with django_assert_max_num_queries(4):
            workbench_sections(officer)


def test_outsiders_workbench_does_not_show_another_units_messages(dispatched, outsider):
    sections = {s.title: s for s in workbench.sections_for(outsider)}
    assert sections["本单位待答复留言"].count == 0
