"""Every state change of an application: one function per action. Each runs through the transition table
(requests_app.workflows): the row is locked, the state and the actor checked, the row changed, the timeline row
written (with the due date before and after) and the side effects (letters, e-mails) queued after commit. Views,
tasks and the demo all call these."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, replace
from datetime import date
from decimal import Decimal

from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from portal import workdays
from portal.errors import DomainError, InvalidTransition, NotAllowed
from portal.models import Organization, User
from portal.tracking import new_password, new_tracking_number
from portal.workflow import Outcome, after_commit
from requests_app import conf, fees, letters
from requests_app.models import (
    Application,
    ApplicationEvent,
    ApplicationFile,
    Channel,
    ClockPause,
    Delivery,
    DisputeCase,
    Extension,
    FeeNotice,
    Letter,
    Result,
)
from requests_app.workflows import APPLICATIONS, office

S = Application.Status
A = ApplicationEvent.Action


# --- the write path


def _run(app: Application, action: str, *, actor: User | None, step=None, opinion: str = "", extra=None):
    """Take ``action`` through the transition table; the timeline row carries the due date before and after the
    step. A step that knows a truer "before" (the due date saved when the clock stopped) puts it in its Outcome."""

    def run_step(locked: Application) -> Outcome:
        due_before = locked.due_on
        result = step(locked) if step else None
        outcome = result if isinstance(result, Outcome) else Outcome(extra=result or {})
        return replace(outcome, fields={"due_before": due_before, "due_after": locked.due_on, **outcome.fields})

    return APPLICATIONS.run(app, action, actor=actor, step=run_step, opinion=opinion, extra=extra)


def compute_due_on(app: Application) -> date | None:
    """The reply due date from the clock's rows; None while the clock is stopped or not started.

    Art. 33: ``reply_workdays`` after the clock starts, plus approved extensions; the working days a third party
    was waited for (at most until its deadline, Art. 32) are not counted."""
    if app.status not in Application.RUNNING_STATES or app.clock_start_on is None:
        return None
    return _due_on(app)


def due_on_while_third_party_overdue(app: Application) -> date | None:
    """The reply due date while a third party's answer is overdue, else None. Only the days until the third
    party's deadline are not counted (Art. 32-33), so past it the clock runs again: the reply is due as if the wait
    had ended on that deadline (the date recording the answer later gives too)."""
    if app.status != S.THIRD_PARTY or app.pause_deadline is None or workdays.today() <= app.pause_deadline:
        return None
    return _due_on(app, open_pause_ends_on=app.pause_deadline)


def _due_on(app: Application, open_pause_ends_on: date | None = None) -> date:
    budget = app.reply_workdays
    if app.pk is None:  # just filed: no pauses or extensions yet
        return workdays.add_workdays(app.clock_start_on, budget)
    budget += sum(e.workdays for e in app.extensions.all() if e.status == Extension.Status.APPROVED)
    for pause in app.pauses.all():
        ended_on = pause.ended_on or open_pause_ends_on
        if pause.kind == ClockPause.Kind.THIRD_PARTY and ended_on and pause.started_on >= app.clock_start_on:
            budget += workdays.workdays_between(pause.started_on, min(ended_on, pause.deadline))
        elif pause.kind == ClockPause.Kind.FEE and pause.ended_on and pause.started_on >= app.clock_start_on:
            # Art. 42 / 109号: the days from the fee notice to payment are not counted.
            budget += workdays.workdays_between(pause.started_on, pause.ended_on)
    return workdays.add_workdays(app.clock_start_on, budget)


def _issue_letter(app: Application, kind: str, *, pause=None, extension=None) -> Letter:
    """The letter's row now, its PDF after commit (the sweep renders any a lost task left without one)."""
    title = letters.spec_for(Letter(kind=kind, application=app)).title
    letter = Letter.objects.create(
        application=app, kind=kind, title=title, pause=pause, extension=extension, issued_on=workdays.today()
    )
    after_commit("requests_app.render_letter", letter.pk)
    return letter


def _save_files(app: Application, files: Iterable, kind: str, actor: User | None) -> None:
    for upload in files or ():
        ApplicationFile.objects.create(
            application=app, kind=kind, file=upload, name=upload.name[:200], size=upload.size, uploaded_by=actor
        )


# --- filing and receipt


@dataclass
class Filed:
    application: Application
    password: str  # shown once to the applicant, stored only as a hash


_APPLICATION_FIELDS = (
    "applicant_type", "applicant_name", "id_type", "id_number", "credit_code", "legal_representative",
    "contact_person", "phone", "email", "address", "postcode", "info_title", "info_doc_number",
    "info_description", "form_wanted", "delivery", "organization",
)  # fmt: skip


def _new_application(data: dict, channel: str) -> tuple[Application, str]:
    raw, hashed = new_password()
    app = Application(
        tracking_number=new_tracking_number(Application.TRACKING_PREFIX, Application),
        password_hash=hashed,
        channel=channel,
        reply_workdays=conf.reply_workdays(),
        **{f: data[f] for f in _APPLICATION_FIELDS if f in data},
    )
    app.id_number = app.id_number.strip().upper()
    app.credit_code = app.credit_code.strip().upper()
    return app, raw


@transaction.atomic
def submit_online(data: dict, files: Iterable = ()) -> Filed:
    """A citizen files online. The clock does not start until office staff confirm receipt (Art. 31)."""
    app, raw = _new_application(data, Channel.ONLINE)
    app.status = S.SUBMITTED
    app.save()
    _save_files(app, files, ApplicationFile.Kind.SUPPORTING, None)
    APPLICATIONS.record(app, A.SUBMIT, actor=None, from_state="")
    _issue_letter(app, Letter.Kind.RECEIPT)
    return Filed(app, raw)


def _start_clock(app: Application, received_on: date) -> None:
    if received_on > workdays.today():
        raise InvalidTransition("收到申请日期不能晚于今天。")
    app.received_on = received_on
    app.clock_start_on = received_on
    app.status = S.PROCESSING
    app.due_on = compute_due_on(app)


@transaction.atomic
def register(data: dict, *, actor: User, channel: str, received_on: date | None = None, files=()) -> Filed:
    """Office staff register a letter, fax or in-person application (or one written down from an oral request).

    Art. 31: in person = that day; letters = the day signed for; fax = the day both sides confirm (entered)."""
    if refusal := office(actor, None):
        raise NotAllowed(refusal)
    if channel == Channel.ONLINE:
        raise InvalidTransition("网上申请由申请人在网站提交，请使用“确认接收”。")
    if channel == Channel.IN_PERSON or received_on is None:
        received_on = workdays.today()
    app, raw = _new_application(data, channel)
    app.registered_by = actor
    _start_clock(app, received_on)
    app.save()
    _save_files(app, files, ApplicationFile.Kind.SUPPORTING, actor)
    APPLICATIONS.record(
        app, A.REGISTER, actor=actor, from_state="", opinion=f"收到申请日期：{received_on:%Y-%m-%d}",
        extra={"channel": channel}, due_after=app.due_on,
    )  # fmt: skip
    _issue_letter(app, Letter.Kind.RECEIPT)
    return Filed(app, raw)


def confirm_receipt(app: Application, *, actor: User, received_on: date | None = None) -> Application:
    """Art. 31: an online application is received on the day the office confirms it."""
    received_on = received_on or workdays.today()

    def step(app: Application) -> None:
        if received_on < workdays.to_local_date(app.created_at):
            raise InvalidTransition("确认接收日期不能早于申请提交日期。")
        _start_clock(app, received_on)

    return _run(app, A.CONFIRM_RECEIPT, actor=actor, step=step, opinion=f"收到申请日期：{received_on:%Y-%m-%d}")


def assign(app: Application, *, actor: User, unit: Organization, opinion: str = "") -> Application:
    """Office staff hand the application to the unit that holds the information (or keep it at the office)."""

    def step(app: Application) -> None:
        if not unit.is_active:
            raise InvalidTransition("该单位已停用，不能交办。")
        app.handling_unit = unit

    return _run(app, A.ASSIGN, actor=actor, step=step, opinion=opinion, extra={"unit": unit.name})


# --- 补正 (Art. 30)


@transaction.atomic
def request_correction(app: Application, *, actor: User, items: str, deadline: date) -> ClockPause:
    """Once, within 7 working days of receipt: the clock stops; it restarts in full when the correction arrives."""
    found = {}

    def step(app: Application) -> None:
        today = workdays.today()
        if deadline <= today:
            raise InvalidTransition("补正期限应晚于今天。")
        found["pause"] = ClockPause.objects.create(
            application=app, kind=ClockPause.Kind.CORRECTION, reason=items, started_on=today, deadline=deadline,
            due_before=app.due_on, created_by=actor,
        )  # fmt: skip
        app.due_on, app.pause_deadline = None, deadline

    _run(app, A.REQUEST_CORRECTION, actor=actor, step=step, opinion=items, extra={"deadline": deadline})
    _issue_letter(app, Letter.Kind.CORRECTION, pause=found["pause"])
    return found["pause"]


def receive_correction(
    app: Application, *, actor: User | None = None, received_on: date | None = None, text: str = "", files=()
) -> Application:
    """The corrected application arrived (submitted by the applicant online, or entered by staff for paper).

    Art. 30: the reply deadline now runs in full from this day."""
    received_on = received_on or workdays.today()

    def step(app: Application) -> Outcome:
        pause = _end_pause(
            app, ClockPause.Kind.CORRECTION, received_on, text, "补正材料收到日期须在要求补正之日与今天之间。"
        )
        app.clock_start_on = received_on
        _restart_clock(app, pause)
        _save_files(app, files, ApplicationFile.Kind.CORRECTION, actor)
        return Outcome(fields={"due_before": pause.due_before})

    return _run(app, A.RECEIVE_CORRECTION, actor=actor, step=step, opinion=text, extra={"received_on": received_on})


def _end_pause(app: Application, kind: str, on: date, outcome: str, refusal: str) -> ClockPause:
    """End the open pause of ``kind`` on ``on``, a day between its start and today."""
    pause = app.pauses.get(kind=kind, ended_on__isnull=True)
    if on < pause.started_on or on > workdays.today():
        raise InvalidTransition(refusal)
    pause.ended_on, pause.outcome = on, outcome
    pause.save(update_fields=["ended_on", "outcome"])
    return pause


def _restart_clock(app: Application, pause: ClockPause) -> None:
    app.pause_deadline = None
    app.due_on = pause.due_after = compute_due_on(app)
    pause.save(update_fields=["due_after"])


@transaction.atomic
def lapse_correction(app: Application, *, actor: User | None = None) -> Application:
    """Art. 30: no correction by the deadline = the application is abandoned (table 三: 其他处理-1). The nightly
    task does it (``actor`` None); the table refuses anyone else."""

    def step(app: Application) -> None:
        today = workdays.today()
        app.pauses.filter(kind=ClockPause.Kind.CORRECTION, ended_on__isnull=True).update(
            ended_on=today, outcome="逾期未补正"
        )
        _conclude(app, Result.OTHER_NO_CORRECTION, today)

    _run(app, A.LAPSE_CORRECTION, actor=actor, step=step)
    _issue_letter(app, Letter.Kind.REPLY)
    return app


def close_lapsed_corrections() -> int:
    lapsed = Application.objects.filter(status=S.CORRECTION, pause_deadline__lt=workdays.today())
    for app in lapsed:
        lapse_correction(app)
    return len(lapsed)


def _conclude(app: Application, result: str, on: date) -> None:
    app.result, app.concluded_on = result, on
    app.due_on, app.pause_deadline = None, None


# --- 征求第三方意见 (Art. 32)


@transaction.atomic
def ask_third_party(app: Application, *, actor: User, third_party: str, reason: str) -> ClockPause:
    found = {}

    def step(app: Application) -> dict:
        today = workdays.today()
        deadline = workdays.add_workdays(today, conf.third_party_workdays())
        found["pause"] = ClockPause.objects.create(
            application=app, kind=ClockPause.Kind.THIRD_PARTY, reason=reason, third_party=third_party,
            started_on=today, deadline=deadline, due_before=app.due_on, created_by=actor,
        )  # fmt: skip
        app.due_on, app.pause_deadline = None, deadline
        return {"third_party_deadline": deadline}

    _run(app, A.ASK_THIRD_PARTY, actor=actor, step=step, opinion="所需时间不计算在答复期限内（条例第三十三条）。")
    _issue_letter(app, Letter.Kind.THIRD_PARTY, pause=found["pause"])
    return found["pause"]


def record_third_party_answer(
    app: Application, *, actor: User, answered_on: date | None = None, outcome: str
) -> Application:
    """The third party answered (or its 15 working days ran out and the office decides): the clock runs again."""
    answered_on = answered_on or workdays.today()

    def step(app: Application) -> Outcome:
        pause = _end_pause(
            app, ClockPause.Kind.THIRD_PARTY, answered_on, outcome, "第三方答复日期须在发出征求意见书之日与今天之间。"
        )
        _restart_clock(app, pause)
        return Outcome(
            extra={"answered_on": answered_on, "not_counted_workdays": _paused_days(pause)},
            fields={"due_before": pause.due_before},
        )

    return _run(app, A.THIRD_PARTY_ANSWER, actor=actor, step=step, opinion=outcome)


def _paused_days(pause: ClockPause) -> int:
    return workdays.workdays_between(pause.started_on, min(pause.ended_on, pause.deadline))


# --- 信息处理费 (Art. 42; 国办函〔2020〕109号)


def month_ordinal(app: Application) -> int:
    """The application's place among the same applicant's applications to the same organisation received in its
    calendar month (the applicant known by ID number or credit code, else by name), counting itself."""
    received = app.received_on
    start = received.replace(day=1)
    same = (
        Q(id_number=app.id_number)
        if app.id_number
        else Q(credit_code=app.credit_code)
        if app.credit_code
        else Q(applicant_name=app.applicant_name)
    )
    earlier = Q(received_on__lt=received) | Q(received_on=received, pk__lte=app.pk)
    return Application.objects.filter(
        same, earlier, received_on__gte=start, organization_id=app.organization_id
    ).count()


def fee_for(app: Application, standard: str, pages: int | None = None) -> tuple[int, Decimal]:
    """(quantity, amount in 元) under ``standard``."""
    if standard == FeeNotice.Standard.BY_COUNT:
        ordinal = month_ordinal(app)
        return ordinal, fees.by_count(ordinal)
    if not pages or pages < 1:
        raise DomainError("按量计收须填写页数。")
    return pages, fees.by_volume(pages)


@transaction.atomic
def issue_fee_notice(app: Application, *, actor: User, standard: str, pages: int | None = None) -> FeeNotice:
    """The 收费通知: the reply clock stops from today; the applicant has ``fee_payment_workdays`` working days to
    pay."""
    found = {}

    def step(app: Application) -> dict:
        quantity, amount = fee_for(app, standard, pages)
        if amount <= 0:
            raise DomainError("按所选收费标准，本申请不收取信息处理费。")
        today = workdays.today()
        deadline = workdays.add_workdays(today, conf.fee_payment_workdays())
        label = FeeNotice.Standard(standard).label
        pause = ClockPause.objects.create(
            application=app, kind=ClockPause.Kind.FEE, reason=f"{label}：{quantity}，应缴{amount}元", started_on=today,
            deadline=deadline, due_before=app.due_on, created_by=actor,
        )  # fmt: skip
        found["notice"] = FeeNotice.objects.create(
            application=app, pause=pause, standard=standard, quantity=quantity, amount=amount, issued_on=today,
            created_by=actor,
        )  # fmt: skip
        app.due_on, app.pause_deadline = None, deadline
        return {"amount": str(amount), "standard": standard, "quantity": quantity, "pay_by": deadline}

    _run(app, A.ISSUE_FEE_NOTICE, actor=actor, step=step, opinion="缴费期间不计算在答复期限内。")
    _issue_letter(app, Letter.Kind.FEE, pause=found["notice"].pause)
    return found["notice"]


def record_fee_payment(app: Application, *, actor: User, paid_on: date | None = None) -> Application:
    paid_on = paid_on or workdays.today()

    def step(app: Application) -> Outcome:
        pause = _end_pause(app, ClockPause.Kind.FEE, paid_on, "已缴费", "缴费日期须在发出收费通知之日与今天之间。")
        FeeNotice.objects.filter(pause=pause).update(paid_on=paid_on)
        _restart_clock(app, pause)
        return Outcome(
            extra={"paid_on": paid_on, "not_counted_workdays": workdays.workdays_between(pause.started_on, paid_on)},
            fields={"due_before": pause.due_before},
        )

    return _run(app, A.RECORD_FEE_PAYMENT, actor=actor, step=step)


@transaction.atomic
def lapse_fee(app: Application, *, actor: User | None = None) -> Application:
    """Unpaid when the payment period ended: no longer handled (table 三: 其他处理-2). The nightly task does it."""

    def step(app: Application) -> None:
        today = workdays.today()
        app.pauses.filter(kind=ClockPause.Kind.FEE, ended_on__isnull=True).update(ended_on=today, outcome="逾期未缴费")
        _conclude(app, Result.OTHER_NO_FEE, today)

    _run(app, A.LAPSE_FEE, actor=actor, step=step)
    _issue_letter(app, Letter.Kind.REPLY)
    return app


def close_unpaid_fees() -> int:
    lapsed = Application.objects.filter(status=S.FEE, pause_deadline__lt=workdays.today())
    for app in lapsed:
        lapse_fee(app)
    return len(lapsed)


# --- extension (Art. 33)


@transaction.atomic
def request_extension(app: Application, *, actor: User, reason: str) -> Extension:
    found = {}

    def step(app: Application) -> None:
        found["extension"] = Extension.objects.create(
            application=app, reason=reason, workdays=conf.extension_workdays(), requested_by=actor,
            due_before=app.due_on,
        )  # fmt: skip

    _run(app, A.REQUEST_EXTENSION, actor=actor, step=step, opinion=reason)
    return found["extension"]


def _decide(app: Application, action: str, *, actor: User, opinion: str, approved: bool) -> Extension:
    """Art. 33: the office decides the one pending extension; an approved one moves the due date."""
    found = {}

    def step(app: Application) -> dict | None:
        ext = found["extension"] = app.extensions.select_for_update().get(status=Extension.Status.PENDING)
        ext.status = Extension.Status.APPROVED if approved else Extension.Status.REJECTED
        ext.decided_by, ext.decided_at, ext.decision_opinion = actor, timezone.now(), opinion
        if not approved:
            ext.save(update_fields=["status", "decided_by", "decided_at", "decision_opinion"])
            return None
        ext.due_before = app.due_on
        ext.save(update_fields=["status", "decided_by", "decided_at", "decision_opinion", "due_before"])
        app.due_on = ext.due_after = compute_due_on(app)
        ext.save(update_fields=["due_after"])
        return {"workdays": ext.workdays}

    pending = app.extensions.filter(status=Extension.Status.PENDING).first()
    _run(app, action, actor=actor, step=step, opinion=pending.reason if approved and pending else opinion)
    return found["extension"]


@transaction.atomic
def approve_extension(app: Application, *, actor: User, opinion: str = "") -> Extension:
    ext = _decide(app, A.APPROVE_EXTENSION, actor=actor, opinion=opinion, approved=True)
    _issue_letter(app, Letter.Kind.EXTENSION, extension=ext)
    return ext


def reject_extension(app: Application, *, actor: User, opinion: str = "") -> Extension:
    return _decide(app, A.REJECT_EXTENSION, actor=actor, opinion=opinion or "不同意延期", approved=False)


# --- the reply


def draft_reply(
    app: Application, *, actor: User, result: str, text: str, referral_agency: str = "", files=()
) -> Application:
    """The handler drafts the reply; office staff approve and send it."""

    def step(app: Application) -> None:
        if result not in Result.values:
            raise InvalidTransition("请选择办理结果。")
        if result == Result.OTHER_NO_CORRECTION:
            raise InvalidTransition("逾期未补正由系统在补正期限届满后自动终止。")
        if (
            result in (Result.DISCLOSED, Result.PARTIAL)
            and app.delivery == Delivery.ONLINE
            and not files
            and not app.files.filter(kind=ApplicationFile.Kind.RELEASED).exists()
        ):
            raise InvalidTransition("申请人选择网上获取，予以公开或部分公开时请上传公开的政府信息文件。")
        app.result, app.reply_text, app.referral_agency, app.reply_drafted_by = result, text, referral_agency, actor
        _save_files(app, files, ApplicationFile.Kind.RELEASED, actor)

    label = Result(result).label if result in Result.values else ""
    return _run(app, A.DRAFT_REPLY, actor=actor, step=step, opinion=label)


def return_draft(app: Application, *, actor: User, opinion: str) -> Application:
    return _run(app, A.RETURN_DRAFT, actor=actor, opinion=opinion)


@transaction.atomic
def approve_reply(app: Application, *, actor: User, opinion: str = "") -> Application:
    """Office staff approve the drafted reply: it is sent (the letter is issued) and the application concludes."""

    def step(app: Application) -> dict:
        due_before = app.due_on
        app.replied_at = timezone.now()
        _conclude(app, app.result, workdays.today())
        return {"approval_opinion": opinion, "on_time": bool(due_before and app.concluded_on <= due_before)}

    _run(app, A.APPROVE_REPLY, actor=actor, step=step, opinion=app.get_result_display())
    _issue_letter(app, Letter.Kind.REPLY)
    return app


# --- the applicant


def withdraw(app: Application, *, reason: str, actor: User | None = None) -> Application:
    """The applicant withdraws from the tracking page (``actor`` None: proven by the password, no login). Counted in
    table 三 as 其他处理-其他 when it had been received."""

    def step(app: Application) -> None:
        today = workdays.today()
        app.withdraw_reason = reason
        if app.received_on:
            _conclude(app, Result.OTHER, max(today, app.received_on))
        app.due_on = None
        app.pauses.filter(ended_on__isnull=True).update(ended_on=today, outcome="申请人撤回申请")
        app.extensions.filter(status=Extension.Status.PENDING).update(status=Extension.Status.REJECTED)

    return _run(app, A.WITHDRAW, actor=actor, step=step, opinion=reason)


# --- the calendar changed (registered with portal.workdays in AppConfig.ready)


def recompute_for_calendar(changed_dates: list[date]) -> int:
    """Recompute the stored due dates of open applications whose clock may cross any changed date; an empty list
    (the nightly sweep) recomputes every open one. Each change is a timeline row."""
    running = Application.objects.filter(status__in=Application.RUNNING_STATES, clock_start_on__isnull=False)
    paused = ClockPause.objects.filter(
        Q(kind=ClockPause.Kind.THIRD_PARTY, application__status=S.THIRD_PARTY)
        | Q(kind=ClockPause.Kind.FEE, application__status=S.FEE),
        ended_on__isnull=True,
    )
    if changed_dates:
        lo, hi = min(changed_dates), max(changed_dates)
        running = running.filter(clock_start_on__lt=hi).filter(Q(due_on__gte=lo) | Q(due_on__isnull=True))
        paused = paused.filter(started_on__lt=hi, deadline__gte=lo)
    note = "工作日历调整：" + "、".join(f"{d:%Y-%m-%d}" for d in sorted(changed_dates)) if changed_dates else ""
    changed = sum(_recompute_one(app.pk, note) for app in running.only("pk"))
    changed += sum(_recompute_pause(p.pk, note) for p in paused.only("pk"))
    return changed


@transaction.atomic
def _recompute_one(pk: int, note: str) -> int:
    app = Application.objects.select_for_update().get(pk=pk)
    if app.status not in Application.RUNNING_STATES:
        return 0
    new_due = compute_due_on(app)
    if new_due == app.due_on:
        return 0
    due_before, app.due_on = app.due_on, new_due
    app.save(update_fields=["due_on", "updated_at"])
    APPLICATIONS.record(
        app, A.RECOMPUTE_DUE, actor=None, from_state=app.status, opinion=note or "工作日历调整",
        due_before=due_before, due_after=app.due_on,
    )  # fmt: skip
    return 1


@transaction.atomic
def _recompute_pause(pk: int, note: str) -> int:
    pause = ClockPause.objects.select_for_update().select_related("application").get(pk=pk)
    fee = pause.kind == ClockPause.Kind.FEE
    length = conf.fee_payment_workdays() if fee else conf.third_party_workdays()
    new_deadline = workdays.add_workdays(pause.started_on, length)
    if new_deadline == pause.deadline or pause.ended_on:
        return 0
    old = pause.deadline
    pause.deadline = new_deadline
    pause.save(update_fields=["deadline"])
    app = pause.application
    app.pause_deadline = new_deadline
    app.save(update_fields=["pause_deadline", "updated_at"])
    APPLICATIONS.record(
        app, A.RECOMPUTE_FEE_DUE if fee else A.RECOMPUTE_THIRD_PARTY_DUE, actor=None, from_state=app.status,
        opinion=note or "工作日历调整",
        extra={"before": old, "after": new_deadline},
    )  # fmt: skip
    return 1


# --- The register of 行政复议 / 行政诉讼 cases (table 四 of the annual report)

CASE_FIELDS = ("organization", "application", "kind", "case_number", "claimant", "organ", "filed_on", "outcome",
               "concluded_on", "note")  # fmt: skip


def _check_case(case: DisputeCase, actor: User) -> None:
    if not actor.is_office_staff and case.organization_id != actor.organization_id:
        raise NotAllowed("只能登记本单位的案件。")
    if bool(case.outcome) != bool(case.concluded_on):
        raise DomainError("审结日期和审结结果须同时填写（尚未审结的两项都不填）。")
    if case.concluded_on and case.concluded_on < case.filed_on:
        raise DomainError("审结日期不能早于受理（立案）日期。")
    if case.application_id and case.application.organization_id != case.organization_id:
        raise DomainError("关联的申请不是向该单位提出的。")


@transaction.atomic
def register_case(*, actor: User, **fields) -> DisputeCase:
    case = DisputeCase(created_by=actor, **{k: v for k, v in fields.items() if k in CASE_FIELDS})
    _check_case(case, actor)
    case.save()
    return case


@transaction.atomic
def update_case(case: DisputeCase, *, actor: User, **fields) -> DisputeCase:
    for name, value in fields.items():
        if name in CASE_FIELDS:
            setattr(case, name, value)
    _check_case(case, actor)
    case.save()
    return case
