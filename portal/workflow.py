"""The workflow kernel: the one way an app changes the state of a workflow object.

A workflow is a table of transitions for one model. Each ``Transition`` names its history action code, the states it
may start from, the state it leads to, who may take it and what must be true of the object. ``run()`` is the single
write path: it locks the row, checks the table, lets the service apply its own changes, saves the row and writes the
immutable history row in the same transaction. ``allowed_actions()`` reads the same table, so the buttons a page
shows and the guards a service applies cannot disagree. Side effects are queued with ``after_commit()``, which has
one policy for a broker that is down: log it and leave the work to the app's periodic sweep, which finds it from the
row's own state (an unrendered letter, an unsent notice, a document whose index is stale).

A service keeps its own name and signature (``submit(document, *, actor)``) and validates its input; it calls
``WORKFLOW.run(obj, "submit", actor=actor, step=...)`` for the state change.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from django.db import models, transaction

from portal.errors import DomainError, InvalidTransition, NotAllowed

logger = logging.getLogger(__name__)

# A rule: returns None when the action may go ahead, or a Chinese sentence saying why not.
Rule = Callable[[Any, Any], str | None]  # (user, obj) -> problem
Condition = Callable[[Any], str | None]  # (obj) -> problem
ANY_STATE = "*"


def anyone(user, obj) -> str | None:
    return None


@dataclass(frozen=True)
class Transition:
    """One row of a transition table.

    ``action`` is the history action code (a value of the history model's ``Action`` choices). ``sources`` are the
    states it may start from (``ANY_STATE`` for any). ``target`` is the state it leads to; ``None`` keeps the state
    (an edit, an attachment) or leaves it to the service's step (a review whose next level depends on the level).
    ``who`` decides whether a user may take it (refused: ``NotAllowed``); ``when`` are conditions on the object
    (refused: ``InvalidTransition``, like a wrong state). ``label`` is the button text and defaults to the action's
    label.
    """

    action: str
    sources: tuple[str, ...]
    target: str | None = None
    who: Rule = anyone
    when: tuple[Condition, ...] = ()
    label: str = ""

    def starts_from(self, state: str) -> bool:
        return ANY_STATE in self.sources or state in self.sources


@dataclass
class Workflow:
    """The transition table of one model and the history model its rows are recorded in."""

    model: type[models.Model]
    history: type[models.Model]
    history_fk: str
    transitions: Iterable[Transition]
    status_field: str = "status"
    table: dict[str, Transition] = field(init=False)

    def __post_init__(self) -> None:
        self.table = {t.action: t for t in self.transitions}
        codes = set(getattr(self.history, "Action", _NoCodes).values)
        unknown = [name for name in self.table if codes and name not in codes]
        if unknown:
            raise ValueError(f"{self.history.__name__}.Action lacks {unknown}")

    # --- reading the table

    def state(self, obj) -> str:
        return getattr(obj, self.status_field)

    def problem(self, obj, user, action: str) -> DomainError | None:
        """Why ``user`` may not take ``action`` on ``obj`` now, as the error a service would raise; None if they may."""
        transition = self.table[action]
        if not transition.starts_from(self.state(obj)):
            return InvalidTransition(f"当前状态为“{self.state_label(obj)}”，不能{self.label(action)}。")
        refusal = transition.who(user, obj)
        if refusal:
            return NotAllowed(refusal)
        for condition in transition.when:
            refusal = condition(obj)
            if refusal:
                return InvalidTransition(refusal)  # a condition on the object is part of its state
        return None

    def allowed_actions(self, obj, user) -> list[str]:
        """The actions ``user`` may take on ``obj`` now, in table order: what a page shows as buttons."""
        return [action for action in self.table if self.problem(obj, user, action) is None]

    def label(self, action: str) -> str:
        transition = self.table[action]
        if transition.label:
            return transition.label
        return action_label(self.history, action)

    def state_label(self, obj) -> str:
        display = getattr(obj, f"get_{self.status_field}_display", None)
        return display() if display else self.state(obj)

    # --- the write path

    def run(
        self,
        obj,
        action: str,
        *,
        actor,
        step: Callable[[Any], dict | None] | None = None,
        opinion: str = "",
        extra: dict | None = None,
        lock: bool = True,
        **history_fields,
    ):
        """Take ``action`` on ``obj`` for ``actor``: lock, check the table, move the state, run the service's
        ``step`` (which may change other fields, raise a DomainError to refuse, and return extra history data), save,
        and write the history row. Returns ``obj``, refreshed under the lock and changed."""
        with transaction.atomic():
            if lock and obj.pk is not None:
                lock_row(obj)
            error = self.problem(obj, actor, action)
            if error is not None:
                raise error
            from_state = self.state(obj)
            target = self.table[action].target
            if target is not None:
                setattr(obj, self.status_field, target)
            step_extra = step(obj) if step else None
            obj.save()
            self.record(obj, action, actor=actor, from_state=from_state, opinion=opinion,
                        extra={**(extra or {}), **(step_extra or {})}, **history_fields)  # fmt: skip
        return obj

    def record(self, obj, action: str, *, actor, from_state: str, opinion: str = "", extra: dict | None = None,
               **history_fields):  # fmt: skip
        """Write the history row of an action (inside the caller's transaction). ``run`` calls it; a service calls it
        directly only for rows that are not transitions of the table (a creation, a system event).

        A value in ``history_fields`` that is known only once the step has run (the new due date) may be given as a
        function of the object; it is called here, after the step."""
        history_fields = {name: value(obj) if callable(value) else value for name, value in history_fields.items()}
        return self.history.objects.create(
            **{self.history_fk: obj},
            actor=actor,
            action=action,
            from_state=from_state,
            to_state=self.state(obj),
            opinion=opinion,
            extra=_jsonable(extra or {}),
            **history_fields,
        )


class _NoCodes:
    values: list[str] = []


def action_label(history_model: type[models.Model], code: str) -> str:
    """The Chinese label of a history action code (the code itself for rows older than the codes)."""
    choices = getattr(history_model, "Action", None)
    if choices is None:
        return code
    try:
        return choices(code).label
    except ValueError:
        return code


def lock_row(obj) -> None:
    """Re-read ``obj`` under a row lock (SELECT ... FOR UPDATE on PostgreSQL) and refresh it in place, so two people
    acting at once cannot both pass a guard; callers keep using the same instance."""
    fresh = type(obj)._default_manager.select_for_update().get(pk=obj.pk)
    obj.__dict__.update({k: v for k, v in fresh.__dict__.items() if not k.startswith("_")})
    obj._state.fields_cache = {}
    if hasattr(obj, "_prefetched_objects_cache"):
        obj._prefetched_objects_cache = {}


def after_commit(task, *args, **kwargs) -> None:
    """Queue a Celery task once the transaction commits. If the broker is down the error is logged and nothing is
    lost: the row already says what is left to do, and the app's periodic sweep does it."""

    def queue() -> None:
        try:
            task.delay(*args, **kwargs)
        except Exception:
            logger.exception("Could not queue %s%r; the periodic sweep will redo it", getattr(task, "name", task), args)

    transaction.on_commit(queue)


def _jsonable(value):
    """History ``extra`` is JSON: dates and datetimes become ISO strings."""
    if isinstance(value, dict):
        return {k: _jsonable(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_jsonable(v) for v in value]
    if hasattr(value, "isoformat"):
        return value.isoformat()
    return value
