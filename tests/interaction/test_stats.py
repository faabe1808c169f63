"""The statistics page against a hand-counted fixture."""

import pytest

from interaction import services, stats
from interaction.models import Message

from .conftest import at, new_message


@pytest.fixture
def year_2025(db, office_staff, township, other_township, officer, outsider):
    with at(2025, 1, 6):  # Monday
        a, _ = new_message(title="A")
        b, _ = new_message(title="B")
        c, _ = new_message(title="C")
        services.dispatch_message(a, actor=office_staff, unit=township, instruction="答复")  # due 9 January
        services.dispatch_message(c, actor=office_staff, unit=township, instruction="答复")
        services.reject_message(b, actor=office_staff, reason=Message.RejectReason.DUPLICATE)
    with at(2025, 1, 8):
        services.reply_message(a, actor=officer, reply="按时")  # 2 working days
        services.rate_message(a, satisfaction="satisfied")
    with at(2025, 1, 13):
        services.reply_message(c, actor=officer, reply="超期")  # 5 working days, late
        services.rate_message(c, satisfaction="unsatisfied")
    with at(2025, 3, 3):
        d, _ = new_message(title="D")
        new_message(title="E")  # still waiting
        services.dispatch_message(d, actor=office_staff, unit=other_township, instruction="答复")
    with at(2025, 3, 4):
        services.reply_message(d, actor=outsider, reply="按时")  # 1 working day
        services.rate_message(d, satisfaction="basic")
    with at(2024, 12, 31, 23):
        new_message(title="去年的")  # not in 2025


def test_the_months_match_the_hand_count(year_2025):
    report = stats.year_report(2025)
    jan, mar = report.months[0], report.months[2]
    assert (jan.received, jan.accepted, jan.rejected, jan.answered, jan.on_time) == (3, 2, 1, 2, 1)
    assert (jan.on_time_rate, jan.avg_workdays) == (50.0, 3.5)
    assert (jan.rated, jan.satisfied, jan.unsatisfied, jan.satisfaction_rate) == (2, 1, 1, 50.0)
    assert (mar.received, mar.accepted, mar.answered, mar.on_time, mar.on_time_rate) == (2, 1, 1, 1, 100.0)
    assert (mar.basic, mar.satisfaction_rate, mar.avg_workdays) == (1, 100.0, 1.0)
    assert report.months[1].received == 0 and report.months[1].on_time_rate is None
    assert (report.total.received, report.total.answered, report.total.on_time) == (5, 3, 2)
    assert report.total.on_time_rate == 66.7


def test_the_units_match_the_hand_count(year_2025, township, other_township):
    units = {r.label: r for r in stats.year_report(2025).units}
    assert (units[township.name].received, units[township.name].on_time) == (2, 1)
    assert (units[other_township.name].received, units[other_township.name].answered) == (1, 1)
    assert units["未分办"].received == 2
    assert [r.received for r in stats.year_report(2025, month=3).units] == [1, 1]


def test_the_page_draws_the_chart_as_svg_and_a_unit_sees_only_its_own(client, year_2025, officer, office_staff):
    client.force_login(office_staff)
    page = client.get("/staff/messages/stats/?year=2025").content.decode()
    assert (
        "<svg" in page
        and page.count('class="bar-received"') == 12
        and "<script" not in page.split("<svg")[1].split("</svg>")[0]
    )
    assert "66.7%" in page
    client.force_login(officer)
    page = client.get("/staff/messages/stats/?year=2025").content.decode()
    assert "<td>2</td>" in page and "66.7%" not in page  # the township's own two messages


def test_the_statistics_page_keeps_to_a_query_ceiling(client, year_2025, office_staff, django_assert_max_num_queries):
    client.force_login(office_staff)
    client.get("/staff/messages/stats/?year=2025")
    with django_assert_max_num_queries(9):
        client.get("/staff/messages/stats/?year=2025&month=1")
