"""办事服务 figures of the 政府网站工作年度报表: items in force and items wholly online at the end of a year, counted from
the versions' own dates so that later changes and stops do not rewrite a past year."""

import datetime as dt

import pytest
import time_machine

from services_guide import services
from services_guide.selectors import annual_figures
from tests.services_guide.conftest import draft_item, review_through

pytestmark = pytest.mark.django_db
TZ = dt.timezone(dt.timedelta(hours=8))


def at(year, month, day):
    return time_machine.travel(dt.datetime(year, month, day, 10, tzinfo=TZ), tick=False)


def test_figures_count_what_was_in_force_at_the_end_of_each_year(officer, reviewer, leader, office_staff):
    with at(2024, 3, 1):
        a = review_through(draft_item(officer, code="A-1", online="fully"), reviewer, leader, office_staff)
        b = review_through(draft_item(officer, code="B-1", online="none", online_url=""), reviewer, leader,
                           office_staff)  # fmt: skip
        draft_item(officer, code="C-1")  # never approved
    with at(2024, 12, 31):
        late = review_through(draft_item(officer, code="D-1", online="partly"), reviewer, leader, office_staff)
    with at(2025, 2, 1):
        change = services.draft_change(a.item, actor=officer)
        services.update_version(change, actor=officer, online="none", online_url="")
        review_through(change, reviewer, leader, office_staff)
        services.stop(b, actor=office_staff, reason="取消", stopped_on=dt.date(2025, 2, 1))
    with at(2025, 6, 1):
        services.stop(late.item.current, actor=office_staff, reason="取消", stopped_on=dt.date(2025, 6, 1))

    f2023, f2024, f2025 = annual_figures(2023), annual_figures(2024), annual_figures(2025)
    assert (f2023.items_published, f2023.catalogue_published) == (0, False)
    assert (f2024.items_published, f2024.items_fully_online, f2024.items_online) == (3, 1, 2)
    assert (f2024.items_added, f2024.items_stopped) == (3, 0)
    assert (f2025.items_published, f2025.items_fully_online, f2025.items_online) == (1, 0, 0)
    assert (f2025.items_added, f2025.items_stopped, f2025.catalogue_published) == (0, 2, True)
