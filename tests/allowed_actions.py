"""The check every workflow table gets: for each persona, each action ``allowed_actions`` offers succeeds through its
service and each action it hides is refused. Every try is rolled back, so all run against the same state."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping

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


def check_offered_actions(
    workflow, load: Callable[[], object], personas: Mapping | Iterable, calls: dict, *, skip: Iterable[str] = ()
) -> set[str]:
    """Assert the table and the services agree for every persona on the object ``load()`` reads fresh; returns the
    actions offered to anyone (a caller asserts something was). ``personas`` maps a name to a user (None: the
    citizen, who acts with no login, or the system), or lists users; ``skip`` leaves out actions another call
    stands for."""
    assert set(calls) == set(workflow.table), "one service call per action of the table"
    named = personas if isinstance(personas, Mapping) else {getattr(u, "username", u): u for u in personas}
    offered_to_anyone: set[str] = set()
    for name, user in named.items():
        offered = set(workflow.allowed_actions(load(), user)) - set(skip)
        offered_to_anyone.update(offered)
        for action, call in calls.items():
            if action in skip:
                continue
            assert succeeds(call, load(), user) == (action in offered), (str(load()), name, action)
    return offered_to_anyone


def check_every_state(workflow, items: Mapping, personas, calls: dict, *, skip: Iterable[str] = ()) -> set[str]:
    """``check_offered_actions`` for each object of ``items`` (one per state or variant, keyed by its name); returns
    the actions offered somewhere."""
    offered: set[str] = set()
    for item in items.values():
        offered |= check_offered_actions(
            workflow, lambda item=item: type(item).objects.get(pk=item.pk), personas, calls, skip=skip
        )
    return offered
