"""信息处理费 (条例 art. 42; 国办函〔2020〕109号): both standards as the notice states them, the 收费通知 letter, the
clock stopped between notice and payment (across National Day), and an unpaid notice closing the application as
table 三 （六）2, with the amounts for section 六 of the annual report."""

from datetime import date
from decimal import Decimal

import pytest

from portal import workdays
from portal.errors import DomainError, InvalidTransition
from requests_app import fees, selectors, services, stats
from requests_app.models import Application, FeeNotice, Letter, Result
from tests.requests_app.conftest import at, registered

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("ordinal", "fee"), [(1, 0), (10, 0), (11, 100), (30, 100), (31, 200), (40, 200), (41, 300), (55, 400)]
)
def test_by_count_as_the_notice_states_it(ordinal, fee):
    # 109号: 10件以下不收费；11—30件的部分100元/件；31件以上的部分以10件为一档，每增加一档收费标准提高100元/件。
    assert fees.by_count(ordinal) == Decimal(fee)


@pytest.mark.parametrize(
    ("pages", "fee"), [(1, 0), (30, 0), (31, 10), (100, 700), (101, 720), (200, 2700), (201, 2740)]
)
def test_by_volume_charges_each_band_for_the_pages_within_it(pages, fee):
    # 109号: 30页以下不收费；31—100页的部分10元/页；101—200页的部分20元/页；200页以上的部分40元/页。
    assert fees.by_volume(pages) == Decimal(fee)


def test_the_eleventh_application_of_the_month_is_charged_by_count(office_staff, township, other_township):
    apps = [registered(office_staff, township, date(2024, 3, 4 + i)) for i in range(11)]
    registered(office_staff, township, date(2024, 4, 1))  # another month: not counted
    registered(office_staff, other_township, date(2024, 3, 4))  # another organisation asked: not counted
    with at(date(2024, 3, 20)):
        with pytest.raises(DomainError, match="不收取"):
            services.issue_fee_notice(apps[9], actor=office_staff, standard="count")
        notice = services.issue_fee_notice(apps[10], actor=office_staff, standard="count")
    assert (notice.quantity, notice.amount) == (11, Decimal(100))
    letter = apps[10].letters.get(kind=Letter.Kind.FEE)
    assert letter.is_public and "收费通知书" in letter.title


def test_the_days_from_notice_to_payment_are_not_counted_across_national_day(office_staff, township):
    app = registered(office_staff, township, date(2024, 9, 20))
    before = app.due_on
    assert before == workdays.add_workdays(date(2024, 9, 20), 15)
    with at(date(2024, 9, 27)):
        services.issue_fee_notice(app, actor=office_staff, standard="volume", pages=150)
    app.refresh_from_db()
    assert app.status == Application.Status.FEE and app.due_on is None and app.is_paused
    with at(date(2024, 10, 9)):
        with pytest.raises(InvalidTransition):
            services.issue_fee_notice(app, actor=office_staff, standard="count")
        services.record_fee_payment(app, actor=office_staff, paid_on=date(2024, 10, 9))
    app.refresh_from_db()
    # Working days in (09-27, 10-09]: 09-29 (make-up Sunday), 09-30, 10-08, 10-09: four, added to the reply period.
    assert workdays.workdays_between(date(2024, 9, 27), date(2024, 10, 9)) == 4
    assert app.status == Application.Status.PROCESSING
    assert app.due_on == workdays.add_workdays(date(2024, 9, 20), 19) > before
    notice = FeeNotice.objects.get()
    assert notice.paid_on == date(2024, 10, 9) and notice.amount == Decimal(70 * 10 + 50 * 20)
    assert selectors.fee_figures(2024, township) == {"notices": 1, "paid": 1, "amount": "1700.00"}


def test_unpaid_after_20_working_days_closes_the_application_as_table_three_six_two(office_staff, township):
    app = registered(office_staff, township, date(2024, 9, 20))
    with at(date(2024, 9, 27)):
        services.issue_fee_notice(app, actor=office_staff, standard="volume", pages=40)
    app.refresh_from_db()
    assert app.pause_deadline == date(2024, 10, 30)  # 20 working days, National Day and the make-up days counted
    with at(date(2024, 10, 30)):
        assert services.close_unpaid_fees() == 0
    with at(date(2024, 10, 31)):
        assert services.close_unpaid_fees() == 1
    app.refresh_from_db()
    assert (app.status, app.result, app.concluded_on) == (Application.Status.CLOSED, Result.OTHER_NO_FEE,
                                                          date(2024, 10, 31))  # fmt: skip
    table = stats.table_three(2024, township)
    assert table.row("other_2")["natural"] == 1 and table.identity_holds()
    assert selectors.fee_figures(2024) == {"notices": 1, "paid": 0, "amount": "0.00"}


def test_the_staff_page_offers_the_fee_notice_and_refuses_bad_input(client, office_staff, township):
    app = registered(office_staff, township, date(2024, 9, 20))
    client.force_login(office_staff)
    with at(date(2024, 9, 23)):
        page = client.get(f"/staff/requests/{app.pk}/").content.decode()
        assert "收取信息处理费" in page
        response = client.post(f"/staff/requests/{app.pk}/fee/", {"standard": "volume", "pages": ""})
        assert response.status_code == 400 and "按量计收须填写页数" in response.content.decode()
        response = client.post(f"/staff/requests/{app.pk}/fee/", {"standard": "volume", "pages": "31"})
        assert response.status_code == 302
    app.refresh_from_db()
    assert app.status == Application.Status.FEE


def test_a_calendar_change_moves_an_open_fee_deadline(office_staff, township, django_capture_on_commit_callbacks):
    from portal.models import WorkdayOverride

    app = registered(office_staff, township, date(2024, 11, 4))
    with at(date(2024, 11, 6)):
        notice = services.issue_fee_notice(app, actor=office_staff, standard="volume", pages=40)
    before = notice.pause.deadline
    assert before == workdays.add_workdays(date(2024, 11, 6), 20)
    with django_capture_on_commit_callbacks(execute=True):
        WorkdayOverride.objects.create(date=date(2024, 11, 8), is_workday=False, note="临时放假")
    notice.pause.refresh_from_db()
    app.refresh_from_db()
    assert notice.pause.deadline == app.pause_deadline == workdays.add_workdays(before, 1)
    assert app.events.filter(action="recompute_fee_due").exists()
