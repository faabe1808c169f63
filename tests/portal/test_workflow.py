"""The workflow kernel (portal/workflow.py) on a toy table over the document model: the one write path locks, checks
the table, moves the state, writes the history row in the same transaction, and rolls everything back on a refusal."""

import logging

import pytest

from disclosure.models import Column, Document, DocumentHistory
from portal.errors import DomainError, InvalidTransition, NotAllowed
from portal.staff import run_action
from portal.workflow import ANY_STATE, UNCHANGED, Outcome, Transition, Workflow, after_commit, lock_row

S = Document.Status


def _officers_only(user, document):
    return None if user.is_officer else "只有信息员可以报送。"


def _has_title(document):
    return None if document.title.strip() else "请填写标题。"


TOY = Workflow(
    model=Document,
    history=DocumentHistory,
    history_fk="document",
    transitions=[
        Transition("submit", (S.DRAFT, S.RETURNED), S.PENDING_FIRST, who=_officers_only, when=(_has_title,)),
        Transition("withdraw", (S.PUBLISHED,), S.WITHDRAWN),
        Transition("edit", (ANY_STATE,), None, label="修改"),
    ],
)


@pytest.fixture
def document(officer):
    column = Column.objects.get(slug="tzgg")
    return Document.objects.create(column=column, organization=officer.organization, title="通知", created_by=officer)


def test_it_moves_the_state_and_writes_one_history_row(document, officer):
    TOY.run(document, "submit", actor=officer, opinion="请审核", extra={"n": 1})

    document.refresh_from_db()
    assert document.status == S.PENDING_FIRST
    row = DocumentHistory.objects.get(document=document)
    assert (row.action, row.from_state, row.to_state, row.actor, row.opinion) == (
        "submit", S.DRAFT, S.PENDING_FIRST, officer, "请审核",
    )  # fmt: skip
    assert row.extra == {"n": 1}


def test_it_refuses_a_wrong_state_and_writes_nothing(document, officer):
    with pytest.raises(InvalidTransition, match="草稿"):
        TOY.run(document, "withdraw", actor=officer)
    assert not DocumentHistory.objects.exists()


def test_it_refuses_a_user_the_table_does_not_allow(document, reviewer):
    with pytest.raises(NotAllowed, match="只有信息员"):
        TOY.run(document, "submit", actor=reviewer)


def test_it_refuses_when_a_condition_fails(document, officer):
    """A condition's sentence holds the action back: a DomainError (not a wrong state, not a wrong person)."""
    Document.objects.filter(pk=document.pk).update(title=" ")
    with pytest.raises(DomainError, match="请填写标题") as refused:
        TOY.run(document, "submit", actor=officer)
    assert not isinstance(refused.value, InvalidTransition | NotAllowed)
    assert not DocumentHistory.objects.exists()


def test_a_step_that_refuses_rolls_back_the_state_and_the_row(document, officer):
    def step(doc):
        doc.title = "改过的标题"
        raise DomainError("不行")

    with pytest.raises(DomainError):
        TOY.run(document, "submit", actor=officer, step=step)
    fresh = Document.objects.get(pk=document.pk)
    assert (fresh.status, fresh.title) == (S.DRAFT, "通知")
    assert not DocumentHistory.objects.exists()


def test_the_step_changes_are_saved_and_its_extra_is_recorded(document, officer):
    def step(doc):
        doc.summary = "摘要"
        return {"scan": []}

    TOY.run(document, "submit", actor=officer, step=step)
    fresh = Document.objects.get(pk=document.pk)
    assert fresh.summary == "摘要"
    assert DocumentHistory.objects.get().extra == {"scan": []}


def test_a_history_column_known_only_after_the_step_comes_from_its_outcome(document, officer):
    """A value the step computes (a new due date, the round it starts) goes on the row through the Outcome's fields;
    they win over the service's explicit history fields, which win over the table's row_fields."""
    table = Workflow(
        model=Document,
        history=DocumentHistory,
        history_fk="document",
        transitions=[Transition("submit", (S.DRAFT,), S.PENDING_FIRST)],
        row_fields=lambda doc: {"review_round": 99, "level": "final", "decision": "return"},
    )

    def step(doc):
        doc.review_round = 3
        return Outcome(fields={"review_round": doc.review_round})

    table.run(document, "submit", actor=officer, step=step, review_round=1, level="second")
    row = DocumentHistory.objects.get()
    assert (row.review_round, row.level, row.decision) == (3, "second", "return")


def test_it_acts_on_the_locked_current_row_not_a_stale_copy(document, officer):
    stale = Document.objects.get(pk=document.pk)
    TOY.run(document, "submit", actor=officer)
    with pytest.raises(InvalidTransition):
        TOY.run(stale, "submit", actor=officer)
    assert stale.status == S.PENDING_FIRST  # refreshed under the lock


def test_allowed_actions_are_what_run_accepts(document, officer, reviewer):
    assert TOY.allowed_actions(document, officer) == ["submit", "edit"]
    assert TOY.allowed_actions(document, reviewer) == ["edit"]
    for action in ("submit", "withdraw", "edit"):
        offered = action in TOY.allowed_actions(document, reviewer)
        fresh = Document.objects.get(pk=document.pk)
        try:
            TOY.run(fresh, action, actor=reviewer)
        except DomainError:
            assert not offered
        else:
            assert offered


def test_an_edit_keeps_the_state(document, officer):
    TOY.run(document, "edit", actor=officer)
    row = DocumentHistory.objects.get()
    assert row.from_state == row.to_state == S.DRAFT
    assert TOY.label("edit") == "修改"


def test_history_rows_show_labels(document, officer):
    TOY.run(document, "submit", actor=officer)
    row = DocumentHistory.objects.get()
    assert row.from_label == "草稿"
    assert row.to_label == Document.Status(S.PENDING_FIRST).label


def test_a_table_naming_an_unknown_action_code_is_refused_at_import():
    class FakeHistory:
        class Action:
            values = ["submit"]

    with pytest.raises(ValueError, match="lacks"):
        Workflow(model=Document, history=FakeHistory, history_fk="document", transitions=[Transition("x", ("a",))])


def test_lock_row_refreshes_in_place(document):
    Document.objects.filter(pk=document.pk).update(title="新标题")
    lock_row(document)
    assert document.title == "新标题"


class _BrokenTask:
    name = "broken"

    def delay(self, *args):
        raise ConnectionError("broker down")


def test_after_commit_logs_a_broker_failure_and_does_not_raise(db, django_capture_on_commit_callbacks, caplog):
    with caplog.at_level(logging.ERROR, logger="portal.workflow"), django_capture_on_commit_callbacks(execute=True):
        after_commit(_BrokenTask(), 7)
    assert "sweep" in caplog.text


def test_run_action_turns_a_domain_error_into_a_message(rf):
    from django.contrib.messages.storage.fallback import FallbackStorage

    request = rf.post("/")
    request.session = {}
    request._messages = FallbackStorage(request)

    def refuse():
        raise InvalidTransition("不能这样做。")

    assert run_action(request, refuse, "好") is False
    assert run_action(request, lambda: None, "已完成。") is True
    assert [str(m) for m in request._messages] == ["不能这样做。", "已完成。"]


def test_a_step_outcome_decides_the_opinion_and_history_columns(document, officer):
    def step(doc):
        return Outcome(extra={"scan": []}, opinion="修改后重新进入初审", fields={"level": "first"})

    TOY.run(document, "submit", actor=officer, opinion="请审核", extra={"n": 1}, step=step)
    row = DocumentHistory.objects.get()
    assert (row.opinion, row.level, row.extra) == ("修改后重新进入初审", "first", {"n": 1, "scan": []})


def test_row_fields_are_copied_from_the_object_after_the_step(document, officer):
    rounds = Workflow(
        model=Document,
        history=DocumentHistory,
        history_fk="document",
        transitions=[Transition("submit", (S.DRAFT,), S.PENDING_FIRST)],
        row_fields=lambda doc: {"review_round": doc.review_round},
    )

    def start_round(doc):
        doc.review_round += 1

    rounds.run(document, "submit", actor=officer, step=start_round)
    rounds.record(document, "submit", actor=officer, from_state=S.PENDING_FIRST)
    rounds.record(document, "edit", actor=officer, from_state=S.PENDING_FIRST, review_round=7)  # explicit wins
    assert list(DocumentHistory.objects.values_list("action", "review_round")) == [
        ("submit", 1),
        ("submit", 1),
        ("edit", 7),
    ]


def test_blocked_actions_are_those_only_a_condition_holds_back(document, officer, reviewer):
    Document.objects.filter(pk=document.pk).update(title=" ")
    document.refresh_from_db()
    assert TOY.blocked_actions(document, officer) == {"submit": "请填写标题。"}
    assert TOY.blocked_actions(document, reviewer) == {}  # not theirs to take: hidden, not shown disabled


def test_after_commit_finds_a_task_by_its_registered_name(db, django_capture_on_commit_callbacks, monkeypatch):
    from portal.celery import ping

    sent = []
    monkeypatch.setattr(ping, "delay", lambda *args: sent.append(args))
    with django_capture_on_commit_callbacks(execute=True):
        after_commit("portal.ping", 3)
    assert sent == [(3,)]


def test_a_step_that_changed_nothing_saves_nothing_and_writes_no_row(document, officer):
    TOY.run(document, "edit", actor=officer, step=lambda doc: UNCHANGED)
    assert not DocumentHistory.objects.exists()
    with pytest.raises(ValueError):
        TOY.run(document, "submit", actor=officer, step=lambda doc: UNCHANGED)
    assert Document.objects.get(pk=document.pk).status == S.DRAFT


def test_a_condition_may_rule_an_action_out_as_a_wrong_state(document, officer):
    def nothing_to_withdraw(doc):
        return InvalidTransition("没有可撤回的内容。")

    table = Workflow(
        model=Document,
        history=DocumentHistory,
        history_fk="document",
        transitions=[Transition("withdraw", (S.DRAFT,), S.WITHDRAWN, when=(nothing_to_withdraw,))],
    )
    with pytest.raises(InvalidTransition, match="没有可撤回"):
        table.run(document, "withdraw", actor=officer)
    assert table.blocked_actions(document, officer) == {}


def test_a_task_name_not_yet_known_runs_the_autodiscovery_once(monkeypatch):
    from celery import current_app

    from portal.celery import ping
    from portal.workflow import registered_task

    discovered = []

    def discover(force=False):
        discovered.append(force)
        monkeypatch.setitem(current_app.tasks, "tests.late_task", ping)

    monkeypatch.setattr(current_app, "autodiscover_tasks", discover)
    assert registered_task("tests.late_task") is ping
    assert registered_task("tests.late_task") is ping
    assert discovered == [True]


def test_a_fresh_process_finds_an_apps_task_by_name():
    """What a web process sees: no app's tasks module imported yet, and a service names a task."""
    import os
    import subprocess
    import sys

    names = ["newmedia.send_filing_notice", "requests_app.render_letter", "interaction.notify_writer"]
    code = (
        "import django; django.setup(); from portal.workflow import registered_task; "
        f"print(' '.join(registered_task(name).name for name in {names!r}))"
    )
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "portal.settings_test"}
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, check=True)  # noqa: S603
    assert result.stdout.split() == names


def test_offered_forms_are_those_of_the_allowed_actions_with_their_initial_data():
    from django import forms

    from portal.staff import FormAction, offered_forms

    class Reason(forms.Form):
        reason = forms.CharField()

    actions = {"submit": FormAction(Reason, print, "好"), "withdraw": FormAction(Reason, print, "好"),
               "edit": FormAction(None, print, "好")}  # fmt: skip
    offered = offered_forms(actions, ["submit", "edit"], {"submit": {"reason": "请审核"}})
    assert list(offered) == ["submit"] and offered["submit"].initial == {"reason": "请审核"}


def test_take_form_action_returns_an_invalid_form_or_runs_the_service(rf, officer):
    from django import forms
    from django.contrib.messages.storage.fallback import FallbackStorage

    from portal.staff import FormAction, take_form_action

    class Reason(forms.Form):
        reason = forms.CharField()

    calls = []
    action = FormAction(Reason, lambda item, *, actor, reason: calls.append((item, actor, reason)), "已完成。")

    def post(data):
        request = rf.post("/", data)
        request.user, request.session = officer, {}
        request._messages = FallbackStorage(request)
        return request

    assert "reason" in take_form_action(post({"reason": ""}), "item", action, lambda form: form.errors)
    assert not calls
    assert take_form_action(post({"reason": "说明"}), "item", action, lambda form: form.errors) is None
    assert calls == [("item", officer, "说明")]
