"""Editing the override table recomputes stored due dates after commit, through the registered hooks."""

from datetime import date

import pytest

from portal import workdays
from portal.models import WorkdayOverride

pytestmark = pytest.mark.django_db


@pytest.fixture
def calls():
    received: list[list[date]] = []
    workdays.register_recompute("test-hook", lambda days: received.append(days) or len(days))
    yield received
    workdays._recompute_hooks.pop("test-hook")


def test_saving_an_override_calls_the_hook_with_the_date_after_commit(calls, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        WorkdayOverride.objects.create(date=date(2027, 10, 1), is_workday=False, note="国庆节")
        assert calls == []  # not before the commit
    assert calls == [[date(2027, 10, 1)]]


def test_moving_an_override_recomputes_both_dates(calls, django_capture_on_commit_callbacks):
    row = WorkdayOverride.objects.create(date=date(2027, 10, 1), is_workday=False)
    calls.clear()
    with django_capture_on_commit_callbacks(execute=True):
        row.date = date(2027, 10, 4)
        row.save()
    assert calls == [[date(2027, 10, 1), date(2027, 10, 4)]]


def test_deleting_an_override_calls_the_hook(calls, django_capture_on_commit_callbacks):
    row = WorkdayOverride.objects.create(date=date(2027, 5, 1), is_workday=False)
    with django_capture_on_commit_callbacks(execute=True):
        row.delete()
    assert calls[-1] == [date(2027, 5, 1)]


def test_saving_in_the_admin_calls_the_hook(calls, client, admin_user, django_capture_on_commit_callbacks):
    client.force_login(admin_user)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            "/admin/portal/workdayoverride/add/", {"date": "2027-02-06", "is_workday": "on", "note": "春节调休上班"}
        )
    assert response.status_code == 302
    assert calls == [[date(2027, 2, 6)]]


def test_a_failing_hook_does_not_stop_the_others(calls):
    def broken(days):
        raise RuntimeError("boom")

    workdays.register_recompute("broken", broken)
    try:
        results = workdays.recompute_due_dates([date(2027, 1, 1)])
    finally:
        workdays._recompute_hooks.pop("broken")
    assert results["broken"] == -1
    assert results["test-hook"] == 1
