"""Every state change of an application: one function per action. Each locks the row, guards the from-state and
the actor, changes the row, writes the timeline row (with the due date before and after) and queues its side effects
(letters, e-mails) after commit. Views, admin, tasks and the demo all call these."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from portal import workdays
from portal.errors import InvalidTransition, NotAllowed
from portal.models import Organization, User
from portal.tracking import new_password, new_tracking_number
from requests_app import conf, letters
from requests_app.models import (
    Application,
    ApplicationEvent,
    ApplicationFile,
    Channel,
    ClockPause,
    Delivery,
    Extension,
    Letter,
    Result,
)

S = Application.Status


# --- permissions (the services are the last line; views only decide what to show)


def can_handle(user: User, app: Application) -> bool:
    """The handler: office staff, or an 信息员 / 单位审核人 of the unit the application is assigned to."""
    if user is None or not user.is_authenticated:
        return False
    if user.is_office_staff:
        return True
    return bool(
        app.handling_unit_id
        and app.handling_unit_id == user.organization_id
        and (user.is_officer or user.is_unit_reviewer)
    )


def _require_office(user: User) -> None:
    if not (user and user.is_authenticated and user.is_office_staff):
        raise NotAllowed("只有政务公开办工作人员可以进行此操作。")


def _require_handler(user: User, app: Application) -> None:
    if not can_handle(user, app):
        raise NotAllowed("只有承办单位的信息员、审核人或政务公开办工作人员可以办理此申请。")


def _require_state(app: Application, *states: str, action: str) -> None:
    if app.status not in states:
        raise InvalidTransition(f"申请当前状态为“{app.get_status_display()}”，不能{action}。")


# --- the clock


def compute_due_on(app: Application) -> date | None:
    """The reply due date from the clock's rows; None while the clock is stopped or not started.

    Art. 33: ``reply_workdays`` after the clock starts, plus approved extensions; the working days a third party
    was waited for (at most until its deadline, Art. 32) are not counted."""
    if app.status not in Application.RUNNING_STATES or app.clock_start_on is None:
        return None
    budget = app.reply_workdays
    if app.pk is None:  # just filed: no pauses or extensions yet
        return workdays.add_workdays(app.clock_start_on, budget)
    budget += sum(e.workdays for e in app.extensions.all() if e.status == Extension.Status.APPROVED)
    for pause in app.pauses.all():
        if pause.kind == ClockPause.Kind.THIRD_PARTY and pause.ended_on and pause.started_on >= app.clock_start_on:
            budget += workdays.workdays_between(pause.started_on, min(pause.ended_on, pause.deadline))
    return workdays.add_workdays(app.clock_start_on, budget)


def _lock(app: Application) -> Application:
    """Re-read the row under a lock (PostgreSQL), so two people acting at once cannot both pass a guard."""
    locked = Application.objects.select_for_update().get(pk=app.pk)
    app.__dict__.update({k: v for k, v in locked.__dict__.items() if not k.startswith("_")})
    return app


def _record(
    app: Application,
    action: str,
    *,
    actor: User | None,
    from_state: str,
    due_before: date | None,
    opinion: str = "",
    public: bool = True,
    extra: dict | None = None,
) -> ApplicationEvent:
    return ApplicationEvent.objects.create(
        application=app,
        actor=actor,
        action=action,
        from_state=from_state,
        to_state=app.status,
        opinion=opinion,
        due_before=due_before,
        due_after=app.due_on,
        is_public=public,
        extra=extra or {},
    )


def _issue_letter(app: Application, kind: str, *, pause=None, extension=None) -> Letter:
    spec = (
        letters.reply_spec(app) if kind == Letter.Kind.REPLY else letters.spec_for(Letter(kind=kind, application=app))
    )
    letter = Letter.objects.create(
        application=app,
        kind=kind,
        title=spec.title,
        template=spec.template,
        pause=pause,
        extension=extension,
        issued_on=workdays.today(),
    )
    transaction.on_commit(lambda: _queue_render(letter.pk))
    return letter


def _queue_render(letter_id: int) -> None:
    from requests_app.tasks import render_letter

    try:
        render_letter.delay(letter_id)
    except Exception:  # broker down: the sweep renders it later (DESIGN §3)
        import logging

        logging.getLogger(__name__).warning("Could not queue letter %s; the sweep will render it", letter_id)


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
    _record(app, "网上提交申请", actor=None, from_state="", due_before=None)
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
    _require_office(actor)
    if channel == Channel.ONLINE:
        raise InvalidTransition("网上申请由申请人在网站提交，请使用“确认接收”。")
    if channel == Channel.IN_PERSON or received_on is None:
        received_on = workdays.today()
    app, raw = _new_application(data, channel)
    app.registered_by = actor
    _start_clock(app, received_on)
    app.save()
    _save_files(app, files, ApplicationFile.Kind.SUPPORTING, actor)
    _record(
        app, f"登记{app.get_channel_display()}", actor=actor, from_state="", due_before=None,
        opinion=f"收到申请日期：{received_on:%Y-%m-%d}",
    )  # fmt: skip
    _issue_letter(app, Letter.Kind.RECEIPT)
    return Filed(app, raw)


@transaction.atomic
def confirm_receipt(app: Application, *, actor: User, received_on: date | None = None) -> Application:
    """Art. 31: an online application is received on the day the office confirms it."""
    _require_office(actor)
    _lock(app)
    _require_state(app, S.SUBMITTED, action="确认接收")
    received_on = received_on or workdays.today()
    if received_on < workdays.to_local_date(app.created_at):
        raise InvalidTransition("确认接收日期不能早于申请提交日期。")
    before = app.status
    _start_clock(app, received_on)
    app.save(update_fields=["received_on", "clock_start_on", "status", "due_on", "updated_at"])
    _record(
        app,
        "确认接收",
        actor=actor,
        from_state=before,
        due_before=None,
        opinion=f"收到申请日期：{received_on:%Y-%m-%d}",
    )
    return app


@transaction.atomic
def assign(app: Application, *, actor: User, unit: Organization, opinion: str = "") -> Application:
    """Office staff hand the application to the unit that holds the information (or keep it at the office)."""
    _require_office(actor)
    _lock(app)
    _require_state(app, S.PROCESSING, S.CORRECTION, S.THIRD_PARTY, action="交办")
    if not unit.is_active:
        raise InvalidTransition("该单位已停用，不能交办。")
    app.handling_unit = unit
    app.save(update_fields=["handling_unit", "updated_at"])
    _record(
        app, "交办", actor=actor, from_state=app.status, due_before=app.due_on, opinion=opinion, public=False,
        extra={"unit": unit.name},
    )  # fmt: skip
    return app


# --- 补正 (Art. 30)


def correction_window_ends(app: Application) -> date:
    return workdays.add_workdays(app.received_on, conf.correction_request_window())


@transaction.atomic
def request_correction(app: Application, *, actor: User, items: str, deadline: date) -> ClockPause:
    """Once, within 7 working days of receipt: the clock stops; it restarts in full when the correction arrives."""
    _lock(app)
    _require_handler(actor, app)
    _require_state(app, S.PROCESSING, action="要求补正")
    today = workdays.today()
    if today > correction_window_ends(app):
        raise InvalidTransition(
            f"补正须在收到申请之日起{conf.correction_request_window()}个工作日内一次性告知，已超过期限。"
        )
    if app.pauses.filter(kind=ClockPause.Kind.CORRECTION).exists():
        raise InvalidTransition("补正只能要求一次。")
    if deadline <= today:
        raise InvalidTransition("补正期限应晚于今天。")
    pause = ClockPause.objects.create(
        application=app, kind=ClockPause.Kind.CORRECTION, reason=items, started_on=today, deadline=deadline,
        due_before=app.due_on, created_by=actor,
    )  # fmt: skip
    before, due_before = app.status, app.due_on
    app.status, app.due_on, app.pause_deadline = S.CORRECTION, None, deadline
    app.save(update_fields=["status", "due_on", "pause_deadline", "updated_at"])
    _record(
        app, "要求补正", actor=actor, from_state=before, due_before=due_before, opinion=items,
        extra={"deadline": deadline.isoformat()},
    )  # fmt: skip
    _issue_letter(app, Letter.Kind.CORRECTION, pause=pause)
    return pause


@transaction.atomic
def receive_correction(
    app: Application, *, actor: User | None = None, received_on: date | None = None, text: str = "", files=()
) -> Application:
    """The corrected application arrived (submitted by the applicant online, or entered by staff for paper).

    Art. 30: the reply deadline now runs in full from this day."""
    _lock(app)
    if actor is not None:
        _require_handler(actor, app)
    _require_state(app, S.CORRECTION, action="接收补正材料")
    pause = app.pauses.get(kind=ClockPause.Kind.CORRECTION, ended_on__isnull=True)
    received_on = received_on or workdays.today()
    if received_on < pause.started_on or received_on > workdays.today():
        raise InvalidTransition("补正材料收到日期须在要求补正之日与今天之间。")
    app.status, app.clock_start_on, app.pause_deadline = S.PROCESSING, received_on, None
    app.due_on = compute_due_on(app)
    app.save(update_fields=["status", "clock_start_on", "pause_deadline", "due_on", "updated_at"])
    pause.ended_on, pause.outcome, pause.due_after = received_on, text, app.due_on
    pause.save(update_fields=["ended_on", "outcome", "due_after"])
    _save_files(app, files, ApplicationFile.Kind.CORRECTION, actor)
    _record(
        app, "收到补正材料", actor=actor, from_state=S.CORRECTION, due_before=pause.due_before, opinion=text,
        extra={"received_on": received_on.isoformat()},
    )  # fmt: skip
    return app


@transaction.atomic
def lapse_correction(app: Application, *, actor: User | None = None, on: date | None = None) -> Application:
    """Art. 30: no correction by the deadline = the application is abandoned (table 三: 其他处理-1)."""
    _lock(app)
    if actor is not None:
        _require_handler(actor, app)
    _require_state(app, S.CORRECTION, action="按逾期未补正终止")
    on = on or workdays.today()
    pause = app.pauses.get(kind=ClockPause.Kind.CORRECTION, ended_on__isnull=True)
    if on <= pause.deadline:
        raise InvalidTransition(f"补正期限（{pause.deadline:%Y-%m-%d}）尚未届满。")
    pause.ended_on, pause.outcome = on, "逾期未补正"
    pause.save(update_fields=["ended_on", "outcome"])
    _conclude(app, S.CLOSED, Result.OTHER_NO_CORRECTION, on)
    _record(app, "逾期未补正，终止办理", actor=actor, from_state=S.CORRECTION, due_before=None)
    _issue_letter(app, Letter.Kind.REPLY)
    return app


def close_lapsed_corrections(on: date | None = None) -> int:
    on = on or workdays.today()
    lapsed = Application.objects.filter(status=S.CORRECTION, pause_deadline__lt=on)
    for app in lapsed:
        lapse_correction(app, on=on)
    return len(lapsed)


def _conclude(app: Application, status: str, result: str, on: date) -> None:
    app.status, app.result, app.concluded_on = status, result, on
    app.due_on, app.pause_deadline = None, None
    app.save(update_fields=["status", "result", "concluded_on", "due_on", "pause_deadline", "updated_at"])


# --- 征求第三方意见 (Art. 32)


@transaction.atomic
def ask_third_party(app: Application, *, actor: User, third_party: str, reason: str) -> ClockPause:
    _lock(app)
    _require_handler(actor, app)
    _require_state(app, S.PROCESSING, action="征求第三方意见")
    today = workdays.today()
    deadline = workdays.add_workdays(today, conf.third_party_workdays())
    pause = ClockPause.objects.create(
        application=app, kind=ClockPause.Kind.THIRD_PARTY, reason=reason, third_party=third_party,
        started_on=today, deadline=deadline, due_before=app.due_on, created_by=actor,
    )  # fmt: skip
    due_before = app.due_on
    app.status, app.due_on, app.pause_deadline = S.THIRD_PARTY, None, deadline
    app.save(update_fields=["status", "due_on", "pause_deadline", "updated_at"])
    _record(
        app, "征求第三方意见", actor=actor, from_state=S.PROCESSING, due_before=due_before,
        opinion="所需时间不计算在答复期限内（条例第三十三条）。", extra={"third_party_deadline": deadline.isoformat()},
    )  # fmt: skip
    _issue_letter(app, Letter.Kind.THIRD_PARTY, pause=pause)
    return pause


@transaction.atomic
def record_third_party_answer(
    app: Application, *, actor: User, answered_on: date | None = None, outcome: str
) -> Application:
    """The third party answered (or its 15 working days ran out and the office decides): the clock runs again."""
    _lock(app)
    _require_handler(actor, app)
    _require_state(app, S.THIRD_PARTY, action="登记第三方意见")
    pause = app.pauses.get(kind=ClockPause.Kind.THIRD_PARTY, ended_on__isnull=True)
    answered_on = answered_on or workdays.today()
    if answered_on < pause.started_on or answered_on > workdays.today():
        raise InvalidTransition("第三方答复日期须在发出征求意见书之日与今天之间。")
    app.status, app.pause_deadline = S.PROCESSING, None
    app.due_on = None
    pause.ended_on, pause.outcome = answered_on, outcome
    pause.save(update_fields=["ended_on", "outcome"])
    app.due_on = compute_due_on(app)
    app.save(update_fields=["status", "due_on", "pause_deadline", "updated_at"])
    pause.due_after = app.due_on
    pause.save(update_fields=["due_after"])
    _record(
        app, "收到第三方意见", actor=actor, from_state=S.THIRD_PARTY, due_before=pause.due_before, opinion=outcome,
        extra={"answered_on": answered_on.isoformat(), "not_counted_workdays": _paused_days(pause)},
    )  # fmt: skip
    return app


def _paused_days(pause: ClockPause) -> int:
    return workdays.workdays_between(pause.started_on, min(pause.ended_on, pause.deadline))


# --- extension (Art. 33)


@transaction.atomic
def request_extension(app: Application, *, actor: User, reason: str) -> Extension:
    _lock(app)
    _require_handler(actor, app)
    _require_state(app, S.PROCESSING, S.DRAFTED, action="申请延期")
    if app.extensions.filter(status__in=[Extension.Status.PENDING, Extension.Status.APPROVED]).exists():
        raise InvalidTransition("延期答复只能申请一次。")
    if app.due_on and workdays.today() > app.due_on:
        raise InvalidTransition("答复期限已过，不能再申请延期。")
    ext = Extension.objects.create(
        application=app, reason=reason, workdays=conf.extension_workdays(), requested_by=actor,
        due_before=app.due_on,
    )  # fmt: skip
    _record(
        app, "申请延期答复", actor=actor, from_state=app.status, due_before=app.due_on, opinion=reason, public=False
    )
    return ext


@transaction.atomic
def approve_extension(ext: Extension, *, actor: User, opinion: str = "") -> Extension:
    _require_office(actor)
    app = _lock(ext.application)
    ext.refresh_from_db()
    if ext.status != Extension.Status.PENDING:
        raise InvalidTransition("该延期申请已处理。")
    _require_state(app, S.PROCESSING, S.DRAFTED, action="批准延期")
    ext.status, ext.decided_by, ext.decided_at, ext.decision_opinion = (
        Extension.Status.APPROVED, actor, timezone.now(), opinion,
    )  # fmt: skip
    ext.due_before = app.due_on
    ext.save(update_fields=["status", "decided_by", "decided_at", "decision_opinion", "due_before"])
    app.due_on = compute_due_on(app)
    app.save(update_fields=["due_on", "updated_at"])
    ext.due_after = app.due_on
    ext.save(update_fields=["due_after"])
    _record(
        app, "延期答复", actor=actor, from_state=app.status, due_before=ext.due_before, opinion=ext.reason,
        extra={"workdays": ext.workdays},
    )  # fmt: skip
    _issue_letter(app, Letter.Kind.EXTENSION, extension=ext)
    return ext


@transaction.atomic
def reject_extension(ext: Extension, *, actor: User, opinion: str) -> Extension:
    _require_office(actor)
    app = _lock(ext.application)
    ext.refresh_from_db()
    if ext.status != Extension.Status.PENDING:
        raise InvalidTransition("该延期申请已处理。")
    ext.status, ext.decided_by, ext.decided_at, ext.decision_opinion = (
        Extension.Status.REJECTED, actor, timezone.now(), opinion,
    )  # fmt: skip
    ext.save(update_fields=["status", "decided_by", "decided_at", "decision_opinion"])
    _record(app, "不同意延期", actor=actor, from_state=app.status, due_before=app.due_on, opinion=opinion, public=False)
    return ext


# --- the reply


@transaction.atomic
def draft_reply(
    app: Application, *, actor: User, result: str, text: str, referral_agency: str = "", files=()
) -> Application:
    """The handler drafts the reply; office staff approve and send it."""
    _lock(app)
    _require_handler(actor, app)
    _require_state(app, S.PROCESSING, S.DRAFTED, action="拟写答复")
    if result not in Result.values:
        raise InvalidTransition("请选择办理结果。")
    if result in (Result.OTHER_NO_CORRECTION,):
        raise InvalidTransition("逾期未补正由系统在补正期限届满后自动终止。")
    if (
        result in (Result.DISCLOSED, Result.PARTIAL)
        and app.delivery == Delivery.ONLINE
        and not files
        and not app.files.filter(kind=ApplicationFile.Kind.RELEASED).exists()
    ):
        raise InvalidTransition("申请人选择网上获取，予以公开或部分公开时请上传公开的政府信息文件。")
    before = app.status
    app.result, app.reply_text, app.referral_agency = result, text, referral_agency
    app.reply_drafted_by, app.status = actor, S.DRAFTED
    app.save(update_fields=["result", "reply_text", "referral_agency", "reply_drafted_by", "status", "updated_at"])
    _save_files(app, files, ApplicationFile.Kind.RELEASED, actor)
    _record(
        app, "拟写答复", actor=actor, from_state=before, due_before=app.due_on, opinion=Result(result).label,
        public=False,
    )  # fmt: skip
    return app


@transaction.atomic
def return_draft(app: Application, *, actor: User, opinion: str) -> Application:
    _require_office(actor)
    _lock(app)
    _require_state(app, S.DRAFTED, action="退回答复")
    app.status = S.PROCESSING
    app.save(update_fields=["status", "updated_at"])
    _record(
        app, "退回修改答复", actor=actor, from_state=S.DRAFTED, due_before=app.due_on, opinion=opinion, public=False
    )
    return app


@transaction.atomic
def approve_reply(app: Application, *, actor: User, opinion: str = "") -> Application:
    """Office staff approve the drafted reply: it is sent (the letter is issued) and the application concludes."""
    _require_office(actor)
    _lock(app)
    _require_state(app, S.DRAFTED, action="审核发出答复")
    due_before = app.due_on
    app.replied_at = timezone.now()
    app.save(update_fields=["replied_at"])
    _conclude(app, S.REPLIED, app.result, workdays.today())
    _record(
        app, "答复", actor=actor, from_state=S.DRAFTED, due_before=due_before, opinion=app.get_result_display(),
        extra={"approval_opinion": opinion, "on_time": bool(due_before and app.concluded_on <= due_before)},
    )  # fmt: skip
    _issue_letter(app, Letter.Kind.REPLY)
    return app


# --- the applicant


@transaction.atomic
def withdraw(app: Application, *, reason: str) -> Application:
    """The applicant withdraws. Counted in table 三 as 其他处理-其他 when it had been received."""
    _lock(app)
    _require_state(app, *Application.OPEN_STATES, action="撤回")
    before, due_before = app.status, app.due_on
    app.withdraw_reason = reason
    app.save(update_fields=["withdraw_reason"])
    if app.received_on:
        _conclude(app, S.WITHDRAWN, Result.OTHER, max(workdays.today(), app.received_on))
    else:
        app.status, app.due_on = S.WITHDRAWN, None
        app.save(update_fields=["status", "due_on", "updated_at"])
    app.pauses.filter(ended_on__isnull=True).update(ended_on=workdays.today(), outcome="申请人撤回申请")
    app.extensions.filter(status=Extension.Status.PENDING).update(status=Extension.Status.REJECTED)
    _record(app, "申请人撤回申请", actor=None, from_state=before, due_before=due_before, opinion=reason)
    return app


# --- the calendar changed (registered with portal.workdays in AppConfig.ready)


def recompute_for_calendar(changed_dates: list[date]) -> int:
    """Recompute the stored due dates of open applications whose clock may cross any changed date; an empty list
    (the nightly sweep) recomputes every open one. Each change is a timeline row."""
    running = Application.objects.filter(status__in=Application.RUNNING_STATES, clock_start_on__isnull=False)
    paused = ClockPause.objects.filter(
        kind=ClockPause.Kind.THIRD_PARTY, ended_on__isnull=True, application__status=S.THIRD_PARTY
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
    _record(
        app,
        "重新计算答复期限",
        actor=None,
        from_state=app.status,
        due_before=due_before,
        opinion=note or "工作日历调整",
    )
    return 1


@transaction.atomic
def _recompute_pause(pk: int, note: str) -> int:
    pause = ClockPause.objects.select_for_update().select_related("application").get(pk=pk)
    new_deadline = workdays.add_workdays(pause.started_on, conf.third_party_workdays())
    if new_deadline == pause.deadline or pause.ended_on:
        return 0
    old = pause.deadline
    pause.deadline = new_deadline
    pause.save(update_fields=["deadline"])
    app = pause.application
    app.pause_deadline = new_deadline
    app.save(update_fields=["pause_deadline", "updated_at"])
    _record(
        app, "重新计算第三方答复期限", actor=None, from_state=app.status, due_before=None,
        opinion=note or "工作日历调整", public=False, extra={"before": old.isoformat(), "after": new_deadline.isoformat()},
    )  # fmt: skip
    return 1
