"""The working-day calendar (DESIGN §4) against the State Council's official schedules for 2024-2026.

Every make-up working weekend asserted here is in the official notices (国务院办公厅关于2024/2025/2026年部分节假日
安排的通知) and in chinesecalendar 1.11.0."""

from datetime import date, datetime, timedelta
from unittest import mock
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.utils import timezone

from portal import workdays
from portal.models import WorkdayOverride

pytestmark = pytest.mark.django_db

# (day, is it a working day, why)
OFFICIAL_DAYS = [
    # National Day 2024: 10-1..10-7 off; Sun 9-29 and Sat 10-12 worked.
    (date(2024, 9, 29), True, "2024国庆调休上班（周日）"),
    (date(2024, 10, 1), False, "2024国庆"),
    (date(2024, 10, 7), False, "2024国庆"),
    (date(2024, 10, 8), True, "2024国庆后首个工作日"),
    (date(2024, 10, 12), True, "2024国庆调休上班（周六）"),
    # Spring Festival 2025: 1-28..2-4 off; Sun 1-26 and Sat 2-8 worked.
    (date(2025, 1, 26), True, "2025春节调休上班（周日）"),
    (date(2025, 1, 27), True, "除夕前一天"),
    (date(2025, 1, 28), False, "2025除夕"),
    (date(2025, 2, 4), False, "2025春节最后一天"),
    (date(2025, 2, 5), True, "2025春节后首个工作日"),
    (date(2025, 2, 8), True, "2025春节调休上班（周六）"),
    # National Day + Mid-Autumn 2025: 10-1..10-8 off; Sun 9-28 and Sat 10-11 worked.
    (date(2025, 9, 28), True, "2025国庆调休上班（周日）"),
    (date(2025, 10, 6), False, "2025中秋"),
    (date(2025, 10, 8), False, "2025国庆最后一天"),
    (date(2025, 10, 11), True, "2025国庆调休上班（周六）"),
    # New Year 2026: 1-1..1-3 off; Sun 1-4 worked.
    (date(2026, 1, 2), False, "2026元旦"),
    (date(2026, 1, 4), True, "2026元旦调休上班（周日）"),
    # Spring Festival 2026: 2-15..2-23 off; Sat 2-14 and Sat 2-28 worked.
    (date(2026, 2, 14), True, "2026春节调休上班（周六）"),
    (date(2026, 2, 16), False, "2026春节"),
    (date(2026, 2, 23), False, "2026春节最后一天"),
    (date(2026, 2, 24), True, "2026春节后首个工作日"),
    (date(2026, 2, 28), True, "2026春节调休上班（周六）"),
    # Mid-Autumn 2026: Fri 9-25 off. National Day 2026: 10-1..10-7 off; Sun 9-20 and Sat 10-10 worked.
    (date(2026, 9, 20), True, "2026国庆调休上班（周日）"),
    (date(2026, 9, 25), False, "2026中秋"),
    (date(2026, 10, 7), False, "2026国庆最后一天"),
    (date(2026, 10, 10), True, "2026国庆调休上班（周六）"),
]


@pytest.mark.parametrize(("day", "working", "why"), OFFICIAL_DAYS, ids=[w for _, _, w in OFFICIAL_DAYS])
def test_official_schedule_is_followed(day, working, why):
    assert workdays.is_workday(day) is working


def test_the_example_of_the_issue_crosses_national_day_2025():
    # Fri 9-26; Sun 9-28 (make-up) is the 1st; 10-1..10-8 off; Sat 10-11 (make-up) counts; the 15th is Thu 10-23.
    assert workdays.add_workdays(date(2025, 9, 26), 15) == date(2025, 10, 23)


def test_fifteen_workdays_across_spring_festival_2025():
    # Fri 1-24: Sun 1-26 (1), Mon 1-27 (2), 1-28..2-4 off, 2-5..2-7 (3-5), Sat 2-8 (6), 2-10..14 (7-11),
    # 2-17..20 (12-15).
    assert workdays.add_workdays(date(2025, 1, 24), 15) == date(2025, 2, 20)


def test_fifteen_workdays_across_spring_festival_2026():
    # Thu 2-12: Fri 2-13 (1), Sat 2-14 (2), 2-15..23 off, 2-24..27 (3-6), Sat 2-28 (7), 3-2..6 (8-12), 3-9..11 (13-15).
    assert workdays.add_workdays(date(2026, 2, 12), 15) == date(2026, 3, 11)


def test_fifteen_workdays_across_national_day_2024():
    # Fri 9-27: Sun 9-29 (1), Mon 9-30 (2), 10-1..7 off, 10-8..11 (3-6), Sat 10-12 (7), 10-14..18 (8-12),
    # 10-21..23 (13-15).
    assert workdays.add_workdays(date(2024, 9, 27), 15) == date(2024, 10, 23)


def test_fifteen_workdays_across_national_day_2026():
    # Fri 9-18: Sun 9-20 (1), 9-21..24 (2-5), Fri 9-25 Mid-Autumn off, 9-28..30 (6-8), 10-1..7 off, 10-8..9 (9-10),
    # Sat 10-10 (11), 10-12..15 (12-15).
    assert workdays.add_workdays(date(2026, 9, 18), 15) == date(2026, 10, 15)


def test_three_workdays_from_a_make_up_saturday_do_not_count_that_saturday():
    # Received on Sat 2025-10-11, itself a working day: it is not counted; Mon 10-13 is the 1st.
    assert workdays.add_workdays(date(2025, 10, 11), 3) == date(2025, 10, 15)


def test_receipt_on_a_holiday_counts_from_the_next_working_day():
    # Received on 2025-10-03 (holiday): the first working day after it is 10-9.
    assert workdays.add_workdays(date(2025, 10, 3), 1) == date(2025, 10, 9)


def test_receipt_on_a_friday_skips_the_weekend():
    assert workdays.add_workdays(date(2025, 11, 14), 1) == date(2025, 11, 17)
    assert workdays.add_workdays(date(2025, 11, 14), 3) == date(2025, 11, 19)


def test_zero_workdays_is_the_day_itself_and_negative_is_refused():
    assert workdays.add_workdays(date(2025, 11, 14), 0) == date(2025, 11, 14)
    with pytest.raises(ValueError):
        workdays.add_workdays(date(2025, 11, 14), -1)


def test_an_aware_datetime_is_read_in_shanghai_time():
    # 2025-09-26 17:00 UTC is already Saturday 01:00 in Shanghai; Sunday 9-28 is a make-up day, so it is the 1st.
    received = datetime(2025, 9, 26, 17, 0, tzinfo=ZoneInfo("UTC"))
    assert workdays.to_local_date(received) == date(2025, 9, 27)
    assert workdays.add_workdays(received, 1) == date(2025, 9, 28)


def test_workdays_between_counts_the_half_open_interval():
    assert workdays.workdays_between(date(2025, 9, 26), date(2025, 10, 23)) == 15
    assert workdays.workdays_between(date(2025, 10, 1), date(2025, 10, 8)) == 0
    assert workdays.workdays_between(date(2025, 10, 10), date(2025, 10, 10)) == 0
    assert workdays.workdays_between(date(2025, 10, 23), date(2025, 9, 26)) == -15


def test_workdays_between_agrees_with_add_workdays():
    start = date(2025, 1, 20)
    for n in (1, 5, 10, 20):
        assert workdays.workdays_between(start, workdays.add_workdays(start, n)) == n


def test_an_override_makes_a_package_working_day_a_day_off():
    day = date(2025, 11, 18)  # an ordinary Tuesday
    assert workdays.is_workday(day)
    WorkdayOverride.objects.create(date=day, is_workday=False, note="临时放假")
    assert not workdays.is_workday(day)
    assert workdays.add_workdays(date(2025, 11, 17), 1) == date(2025, 11, 19)


def test_an_override_makes_a_package_holiday_a_working_day():
    day = date(2025, 10, 8)  # National Day holiday in the package
    WorkdayOverride.objects.create(date=day, is_workday=True, note="更正")
    assert workdays.is_workday(day)
    assert workdays.add_workdays(date(2025, 9, 30), 1) == day


def test_beyond_the_package_only_weekends_are_off():
    assert workdays.package_last_day() == date(2026, 12, 31)
    assert workdays.is_workday(date(2027, 10, 1))  # a Friday: unknown National Day, counted as working
    assert not workdays.is_workday(date(2027, 10, 2))  # Saturday
    assert workdays.add_workdays(date(2027, 1, 1), 1) == date(2027, 1, 4)


def test_overrides_for_next_year_apply_before_the_package_knows_it():
    WorkdayOverride.objects.create(date=date(2027, 10, 1), is_workday=False, note="国庆节放假")
    assert not workdays.is_workday(date(2027, 10, 1))
    assert workdays.add_workdays(date(2027, 9, 30), 1) == date(2027, 10, 4)


def test_known_until_is_the_package_year_until_next_year_is_entered():
    assert workdays.known_until() == date(2026, 12, 31)
    WorkdayOverride.objects.create(date=date(2027, 2, 6), is_workday=True, note="春节调休上班")
    assert workdays.known_until() == date(2027, 12, 31)


def test_month_days_name_the_holidays_and_make_up_days():
    days = {d: (working, note) for d, working, note in workdays.month_days(2025, 10)}
    assert days[date(2025, 10, 1)] == (False, "国庆节放假")
    assert days[date(2025, 10, 6)] == (False, "中秋节放假")
    assert days[date(2025, 10, 11)] == (True, "国庆节调休上班")
    assert days[date(2025, 10, 13)] == (True, "")
    assert len(days) == 31


def test_a_long_count_reads_the_override_table_in_a_few_queries(django_assert_max_num_queries):
    with django_assert_max_num_queries(3):
        assert workdays.add_workdays(date(2025, 1, 2), 200) > date(2025, 10, 1)


# Every weekend day worked in 2024-2026 (调休上班), from the State Council notices 国办发明电〔2023〕7号,
# 〔2024〕12号 and 〔2025〕7号; no other Saturday or Sunday is a working day.
MAKE_UP_WEEKENDS = {
    2024: ["02-04", "02-18", "04-07", "04-28", "05-11", "09-14", "09-29", "10-12"],
    2025: ["01-26", "02-08", "04-27", "09-28", "10-11"],
    2026: ["01-04", "02-14", "02-28", "05-09", "09-20", "10-10"],
}


@pytest.mark.parametrize("year", sorted(MAKE_UP_WEEKENDS))
def test_the_weekend_days_worked_are_exactly_the_official_make_up_days(year):
    day, worked = date(year, 1, 1), []
    while day.year == year:
        if day.weekday() >= 5 and workdays.is_workday(day):
            worked.append(f"{day:%m-%d}")
        day += timedelta(days=1)
    assert worked == MAKE_UP_WEEKENDS[year]


def test_preloaded_answers_from_one_read_of_the_override_table(django_assert_num_queries):
    WorkdayOverride.objects.create(date=date(2026, 10, 10), is_workday=False, note="调整")
    expected = workdays.workdays_between(date(2026, 1, 1), date(2026, 12, 1))
    with django_assert_num_queries(1), workdays.preloaded(date(2026, 1, 1), date(2027, 6, 30)):
        assert not workdays.is_workday(date(2026, 10, 10))
        assert workdays.add_workdays(date(2026, 10, 9), 1) == date(2026, 10, 12)  # 10 Oct (a make-up day) is off now
        assert workdays.workdays_between(date(2026, 1, 1), date(2026, 12, 1)) == expected


def test_preloaded_reads_the_table_again_outside_its_range(django_assert_num_queries):
    with workdays.preloaded(date(2026, 1, 1), date(2026, 1, 31)), django_assert_num_queries(1):
        workdays.add_workdays(date(2026, 3, 2), 3)


def test_today_follows_the_clock_both_ways_across_midnight_in_shanghai():
    # Kept per day: a clock moved forward past midnight, then back, is followed each time.
    tz = ZoneInfo("Asia/Shanghai")
    for moment, expected in [
        (datetime(2025, 3, 2, 23, 59, 59, tzinfo=tz), date(2025, 3, 2)),
        (datetime(2025, 3, 3, 0, 0, tzinfo=tz), date(2025, 3, 3)),
        (datetime(2025, 3, 1, 12, tzinfo=tz), date(2025, 3, 1)),
        (datetime(2025, 3, 1, 16, 30, tzinfo=ZoneInfo("UTC")), date(2025, 3, 2)),  # 00:30 in Shanghai
    ]:
        with time_machine.travel(moment, tick=False):
            assert workdays.today() == expected
    # Code that sets Django's clock back (the demo data's backdated steps) is seen too.
    with mock.patch("django.utils.timezone.now", return_value=datetime(2024, 5, 6, 10, tzinfo=tz)):
        assert workdays.today() == date(2024, 5, 6)
    assert workdays.today() == timezone.localdate()
