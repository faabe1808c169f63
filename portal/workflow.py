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

Refusals: a wrong state is an ``InvalidTransition``, a person the ``who`` rule turns away a ``NotAllowed``. A ``when``
condition returns a sentence when the action is only held back by something the object lacks (a field to fill in, an
image to upload): the refusal is a ``DomainError`` with that sentence, and ``blocked_actions()`` lists the action so a
page can show it disabled with the reason. A condition returns an ``InvalidTransition`` instead when the object rules
the action out (asked once already, too late, nothing to decide): refused like a wrong state, and not shown at all.

History columns come from three places, each winning over the one before: the columns every row of a table copies
from the object (``Workflow.row_fields``, read after the step: the review round); the service's keyword arguments to
``run``/``record``; and what one action's step decides (it returns an ``Outcome`` with ``fields``: a review's level
and decision, a due date before and after). A step that changes nothing returns ``UNCHANGED``: no save, no row.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from celery import current_app
from django.db import models, transaction

from portal.errors import DomainError, InvalidTransition, NotAllowed

logger = logging.getLogger(__name__)

# A rule: returns None when the action may go ahead, or a Chinese sentence saying why not.
Rule = Callable[[Any, Any], str | None]  # (user, obj) -> problem
# A condition: None, a sentence (held back: DomainError, shown disabled) or an InvalidTransition (ruled out: hidden).
Condition = Callable[[Any], str | InvalidTransition | None]  # (obj) -> problem
ANY_STATE = "*"


def anyone(user, obj) -> str | None:
    return None


@dataclass(frozen=True)
class Transition:
    """One row of a transition table.

    ``action`` is the history action code (a value of the history model's ``Action`` choices). ``sources`` are the
    states it may start from (``ANY_STATE`` for any). ``target`` is the state it leads to; ``None`` keeps the state
    (an edit, an attachment) or leaves it to the service's step (a review whose next level depends on the level).
    ``who`` decides whether a user may take it (refused: ``NotAllowed``); ``when`` are conditions on the object,
    checked in order (a sentence holds the action back as a ``DomainError``; an ``InvalidTransition`` rules it out).
    ``label`` is the button text and defaults to the action's label.
    """

    action: str
    sources: tuple[str, ...]
    target: str | None = None
    who: Rule = anyone
    when: tuple[Condition, ...] = ()
    label: str = ""

    def starts_from(self, state: str) -> bool:
        return ANY_STATE in self.sources or state in self.sources


@dataclass(frozen=True)
class Outcome:
    """What a step returns when it decides more of the history row than extra data: the opinion (None keeps the one
    the service passed) and values for the history model's own columns (a review's level and decision).
    ``UNCHANGED`` says the action turned out to change nothing (an edit saving the same values): nothing is saved
    and no history row is written; only a transition that keeps the state may end so."""

    extra: dict = field(default_factory=dict)
    opinion: str | None = None
    fields: dict = field(default_factory=dict)
    changed: bool = True


UNCHANGED = Outcome(changed=False)


@dataclass
class Workflow:
    """The transition table of one model and the history model its rows are recorded in.

    ``row_fields`` (optional) gives the history columns every row copies from the object as it stands when the row is
    written, after the step (e.g. the review round a row belongs to, the parent a row is also filed under)."""

    model: type[models.Model]
    history: type[models.Model]
    history_fk: str
    transitions: Iterable[Transition]
    status_field: str = "status"
    row_fields: Callable[[Any], dict] | None = None
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
            if isinstance(refusal, DomainError):
                return refusal
            if refusal:
                return DomainError(refusal)
        return None

    def allowed_actions(self, obj, user) -> list[str]:
        """The actions ``user`` may take on ``obj`` now, in table order: what a page shows as buttons."""
        return [action for action in self.table if self.problem(obj, user, action) is None]

    def blocked_actions(self, obj, user) -> dict[str, str]:
        """The actions ``user`` could take in this state that a condition on the object holds back now, with the
        reason (a page shows them disabled and says what is missing)."""
        blocked = {}
        for action in self.table:
            error = self.problem(obj, user, action)
            if error is not None and not isinstance(error, InvalidTransition | NotAllowed):
                blocked[action] = str(error)
        return blocked

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
        step: Callable[[Any], dict | Outcome | None] | None = None,
        opinion: str = "",
        extra: dict | None = None,
        lock: bool = True,
        **history_fields,
    ):
        """Take ``action`` on ``obj`` for ``actor``: lock, check the table, move the state, run the service's
        ``step`` (which may change other fields, raise a DomainError to refuse, and return extra history data or an
        ``Outcome``), save, and write the history row. Returns ``obj``, refreshed under the lock and changed."""
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
            result = step(obj) if step else None
            outcome = result if isinstance(result, Outcome) else Outcome(extra=result or {})
            if not outcome.changed:
                if target is not None:
                    raise ValueError(f"{action} moves the state: it cannot end unchanged")
                return obj
            obj.save()
            self.record(obj, action, actor=actor, from_state=from_state,
                        opinion=opinion if outcome.opinion is None else outcome.opinion,
                        extra={**(extra or {}), **outcome.extra}, **{**history_fields, **outcome.fields})  # fmt: skip
        return obj

    def record(self, obj, action: str, *, actor, from_state: str, opinion: str = "", extra: dict | None = None,
               **history_fields):  # fmt: skip
        """Write the history row of an action (inside the caller's transaction). ``run`` calls it; a service calls it
        directly only for rows that are not transitions of the table (a creation, a system event). The table's
        ``row_fields`` are copied from the object first; explicit ``history_fields`` win over them."""
        copied = self.row_fields(obj) if self.row_fields else {}
        return self.history.objects.create(
            **{self.history_fk: obj},
            **{**copied, **history_fields},
            actor=actor,
            action=action,
            from_state=from_state,
            to_state=self.state(obj),
            opinion=opinion,
            extra=_jsonable(extra or {}),
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
    lost: the row already says what is left to do, and the app's periodic sweep does it.

    ``task`` is the task or its registered name: a services module whose tasks module imports it names the task
    instead of importing it, so the two do not import each other."""

    def queue() -> None:
        try:
            runner = registered_task(task) if isinstance(task, str) else task
            runner.delay(*args, **kwargs)
        except Exception:
            logger.exception("Could not queue %s%r; the periodic sweep will redo it", getattr(task, "name", task), args)

    transaction.on_commit(queue)


def registered_task(name: str):
    """The Celery task registered under ``name``. A web process imports an app's tasks module only when something
    imports it; the first look-up of a name not yet known runs Celery's autodiscovery (every app's tasks module)."""
    if name not in current_app.tasks:
        current_app.autodiscover_tasks(force=True)
    return current_app.tasks[name]


def _jsonable(value):
    """History ``extra`` is JSON: dates and datetimes become ISO strings."""
    if isinstance(value, dict):
        return {k: _jsonable(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_jsonable(v) for v in value]
    if hasattr(value, "isoformat"):
        return value.isoformat()
    return value
