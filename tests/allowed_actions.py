"""The check every workflow table gets: for each persona, each action ``allowed_actions`` offers succeeds through its
service and each action it hides is refused. Every try is rolled back, so all run against the same state."""

from __future__ import annotations

from collections.abc import Callable, Iterable

from django.db import transaction

from portal.errors import DomainError


class _Undo(Exception):
    pass


def succeeds(call: Callable, obj, user) -> bool:
    """Whether the service call goes through; whatever it changed is rolled back for the next try."""
    try:
        with transaction.atomic():
            call(obj, user)
            raise _Undo
    except _Undo:
        return True
    except DomainError:
        return False


def check_offered_actions(workflow, load: Callable[[], object], personas: Iterable, calls: dict) -> set[str]:
    """Assert the table and the services agree for every persona on the object ``load()`` reads fresh; returns the
    actions offered to anyone (a caller asserts something was)."""
    assert set(calls) == set(workflow.table), "one service call per action of the table"
    offered_to_anyone: set[str] = set()
    for user in personas:
        offered = workflow.allowed_actions(load(), user)
        offered_to_anyone.update(offered)
        for action, call in calls.items():
            assert succeeds(call, load(), user) == (action in offered), (user.username, action)
    return offered_to_anyone
