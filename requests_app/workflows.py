"""The transition table of an application: which action may start from which state, who may take it and what must be
true. The services run every change through it (portal.workflow) and the staff page shows its buttons from it.

Articles are those of the 2019 regulation (国务院令第711号): Art. 30 (补正, once, within 7 working days of receipt),
Art. 31 (the day of receipt), Art. 32 (third parties), Art. 33 (the deadline and one extension)."""

from __future__ import annotations

from portal import workdays
from portal.errors import InvalidTransition
from portal.review import four_eyes
from portal.workflow import ANY_STATE, Transition, Workflow
from requests_app import conf
from requests_app.models import Application, ApplicationEvent, ClockPause, Extension

S = Application.Status
A = ApplicationEvent.Action


# --- who


def can_handle(user, app: Application) -> bool:
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


def office(user, app) -> str | None:
    if user is not None and user.is_authenticated and user.is_office_staff:
        return None
    return "只有政务公开办工作人员可以进行此操作。"


def handler(user, app: Application) -> str | None:
    if can_handle(user, app):
        return None
    return "只有承办单位的信息员、审核人或政务公开办工作人员可以办理此申请。"


def applicant(user, app) -> str | None:
    """The applicant acts from the tracking page, proven by the password, with no login."""
    return None if user is None else "只有申请人可以进行此操作。"


def applicant_or_handler(user, app: Application) -> str | None:
    return None if user is None else handler(user, app)


def system(user, app) -> str | None:
    return None if user is None else "该操作由系统按期限自动进行。"


# --- conditions (each rules its action out, as a wrong state would: the page does not offer it)


def correction_window_ends(app: Application):
    return workdays.add_workdays(app.received_on, conf.correction_request_window())


def _within_correction_window(app: Application) -> InvalidTransition | None:
    if workdays.today() <= correction_window_ends(app):
        return None
    return InvalidTransition(
        f"补正须在收到申请之日起{conf.correction_request_window()}个工作日内一次性告知，已超过期限。"
    )


def _no_correction_yet(app: Application) -> InvalidTransition | None:
    exists = app.pauses.filter(kind=ClockPause.Kind.CORRECTION).exists()
    return InvalidTransition("补正只能要求一次。") if exists else None


def _correction_deadline_passed(app: Application) -> InvalidTransition | None:
    if app.pause_deadline and workdays.today() > app.pause_deadline:
        return None
    return InvalidTransition(f"补正期限（{app.pause_deadline:%Y-%m-%d}）尚未届满。")


def _no_live_extension(app: Application) -> InvalidTransition | None:
    live = app.extensions.filter(status__in=[Extension.Status.PENDING, Extension.Status.APPROVED]).exists()
    return InvalidTransition("延期答复只能申请一次。") if live else None


def extension_too_late(app: Application) -> str | None:
    """Art. 33: an extension is approved, and the applicant told, within the original reply period; after its last
    day none can be asked or approved. Returns why, or None while the period runs."""
    if app.due_on and workdays.today() > app.due_on:
        return (
            f"原答复期限（{app.due_on:%Y-%m-%d}）已过，不能再申请或批准延期：延期须在原答复期限内经批准并告知申请人"
            "（条例第三十三条）。"
        )
    return None


def _in_original_period(app: Application) -> InvalidTransition | None:
    problem = extension_too_late(app)
    return InvalidTransition(problem) if problem else None


def _extension_pending(app: Application) -> InvalidTransition | None:
    pending = app.extensions.filter(status=Extension.Status.PENDING).exists()
    return None if pending else InvalidTransition("没有待审批的延期申请。")


def _no_unpaid_fee_notice(app: Application) -> InvalidTransition | None:
    exists = app.pauses.filter(kind=ClockPause.Kind.FEE).exists()
    return InvalidTransition("每件申请只能发出一次收费通知。") if exists else None


def _fee_deadline_passed(app: Application) -> InvalidTransition | None:
    if app.pause_deadline and workdays.today() > app.pause_deadline:
        return None
    return InvalidTransition(f"缴费期限（{app.pause_deadline:%Y-%m-%d}）尚未届满。")


RUNNING = tuple(Application.RUNNING_STATES)

APPLICATIONS = Workflow(
    model=Application,
    history=ApplicationEvent,
    history_fk="application",
    transitions=[
        Transition(A.CONFIRM_RECEIPT, (S.SUBMITTED,), S.PROCESSING, who=office),
        Transition(A.ASSIGN, (S.PROCESSING, S.CORRECTION, S.THIRD_PARTY, S.FEE), None, who=office),
        Transition(
            A.REQUEST_CORRECTION,
            (S.PROCESSING,),
            S.CORRECTION,
            who=handler,
            when=(_within_correction_window, _no_correction_yet),
        ),  # fmt: skip
        Transition(A.RECEIVE_CORRECTION, (S.CORRECTION,), S.PROCESSING, who=applicant_or_handler),
        Transition(A.LAPSE_CORRECTION, (S.CORRECTION,), S.CLOSED, who=system, when=(_correction_deadline_passed,)),
        Transition(A.ASK_THIRD_PARTY, (S.PROCESSING,), S.THIRD_PARTY, who=handler),
        Transition(A.THIRD_PARTY_ANSWER, (S.THIRD_PARTY,), S.PROCESSING, who=handler),
        # Art. 42: a fee notice stops the clock until payment; unpaid in time, the application is closed.
        Transition(A.ISSUE_FEE_NOTICE, (S.PROCESSING,), S.FEE, who=handler, when=(_no_unpaid_fee_notice,)),
        Transition(A.RECORD_FEE_PAYMENT, (S.FEE,), S.PROCESSING, who=handler),
        Transition(A.LAPSE_FEE, (S.FEE,), S.CLOSED, who=system, when=(_fee_deadline_passed,)),
        Transition(A.REQUEST_EXTENSION, RUNNING, None, who=handler, when=(_no_live_extension, _in_original_period)),
        Transition(
            A.APPROVE_EXTENSION,
            RUNNING,
            None,
            who=office,
            when=(_extension_pending, _in_original_period),
            label="批准延期",
        ),
        Transition(A.REJECT_EXTENSION, (ANY_STATE,), None, who=office, when=(_extension_pending,)),
        Transition(A.DRAFT_REPLY, RUNNING, S.DRAFTED, who=handler),
        # Four eyes: office staff approve and send a drafted reply, never the one who drafted it.
        Transition(
            A.APPROVE_REPLY,
            (S.DRAFTED,),
            S.REPLIED,
            label="审核发出答复",
            who=four_eyes(
                office,
                lambda app: app.reply_drafted_by_id,
                "答复须由拟稿人以外的政务公开办工作人员审核，不能审核本人拟写的答复。",
            ),
        ),
        Transition(A.RETURN_DRAFT, (S.DRAFTED,), S.PROCESSING, who=office),
        Transition(A.WITHDRAW, tuple(Application.OPEN_STATES), S.WITHDRAWN, who=applicant),
    ],
)
