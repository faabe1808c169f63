"""The 备案 of new-media accounts: the opening (开设备案), a change (变更备案) and the closure (关闭备案). Each function
validates its input and runs the change through the filing workflow (newmedia.workflows.WORKFLOW): the row is locked,
the table checked, the rows changed and the history row written in one transaction; the e-mail to whoever acts next
and the search index update are queued after commit."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.core.files.base import File
from django.db import IntegrityError, transaction
from django.utils import timezone

from newmedia import conf
from newmedia.models import CHANGEABLE_FIELDS, Account, Filing, FilingHistory, Platform, PlatformException
from newmedia.workflows import WORKFLOW, account_filing_problem, may_open_account
from portal import workdays
from portal.errors import DomainError, InvalidTransition, NotAllowed, require_text
from portal.models import Organization
from portal.workflow import after_commit, lock_row
from search.tasks import index_object

OPENING_FIELDS = ("platform", "opened_on", *CHANGEABLE_FIELDS)
IMAGE_FIELDS = {"avatar": "proposed_avatar", "qr_code": "proposed_qr_code"}

S = Filing.Status
A = FilingHistory.Action


# --- Clock


def filing_due_on(kind: str, start: date | None) -> date | None:
    """The county's 政府网站及新媒体建设运营管理制度 art. 39: file the opening within 10 working days of opening, the
    closure within 5 of closing; a change has no clock."""
    if start is None:
        return None
    if kind == Filing.Kind.OPENING:
        return workdays.add_workdays(start, conf.FILING_WORKDAYS)
    if kind == Filing.Kind.CLOSURE:
        return workdays.add_workdays(start, conf.CLOSURE_WORKDAYS)
    return None


def recompute_due_dates(changed_dates: list[date]) -> int:
    """The calendar changed: recompute the due date of every filing not yet submitted whose clock may cross a changed
    date (all of them when no dates are given: the nightly sweep). Returns rows updated."""
    filings = Filing.objects.filter(status__in=Filing.OPEN_STATUSES, first_submitted_on__isnull=True).exclude(
        clock_start_on__isnull=True
    )
    if changed_dates:
        filings = filings.filter(clock_start_on__lt=max(changed_dates))
    updated = 0
    for filing in filings.only("id", "kind", "clock_start_on", "due_on"):
        due = filing_due_on(filing.kind, filing.clock_start_on)
        if due != filing.due_on:
            Filing.objects.filter(pk=filing.pk).update(due_on=due)
            updated += 1
    return updated


# --- Side effects and input


def _notify(filing: Filing, event: str) -> None:
    """E-mail whoever acts next (the task is named: the tasks module imports this one)."""
    after_commit("newmedia.send_filing_notice", filing.pk, event)


def _queue_index(account_id: int) -> None:
    """After an opening, change or closure is filed, index the account as the directory now shows it, or remove it
    once closed (one task does either)."""
    after_commit(index_object, "newmedia.account", account_id)


# --- One account per unit per platform (政务新媒体: at most one per unit per platform, unless the office allows
# another)


def _live_accounts(organization: Organization, platform: str, exclude: Account | None = None):
    qs = Account.objects.filter(organization=organization, platform=platform, status__in=Account.LIVE_STATUSES)
    return qs.exclude(pk=exclude.pk) if exclude else qs


def _exception_for(
    organization: Organization, platform: str, exclude: Account | None = None
) -> PlatformException | None:
    """None when the platform is free for this unit; an unused exception when one allows a further account;
    otherwise a DomainError naming the account already there."""
    existing = _live_accounts(organization, platform, exclude).first()
    if existing is None:
        return None
    spare = PlatformException.objects.filter(organization=organization, platform=platform, account__isnull=True).first()
    if spare is None:
        label = Platform(platform).label
        raise DomainError(
            f"本单位在{label}已有账号“{existing.name}”（{existing.get_status_display()}）。"
            "按规定每个单位在同一平台原则上只开设一个账号，确需增设的，请联系政务公开办登记例外。"
        )
    return spare


def grant_exception(*, actor, organization: Organization, platform: str, reason: str) -> PlatformException:
    if not actor.is_office_staff:
        raise NotAllowed("只有政务公开办工作人员可以登记同平台多账号例外。")
    reason = require_text(reason, "请填写允许增设账号的理由。")
    return PlatformException.objects.create(
        organization=organization, platform=platform, reason=reason, granted_by=actor
    )


# --- Opening (开设备案)


def create_account(
    *, actor, fields: dict, avatar: File | None = None, qr_code: File | None = None
) -> tuple[Account, Filing]:
    """The officer drafts a new account and its opening filing; nothing is public until office staff file it."""
    if not may_open_account(actor):
        raise NotAllowed("只有单位信息员可以填报政务新媒体开设备案。")
    organization = actor.organization
    values = {k: fields[k] for k in OPENING_FIELDS if k in fields}
    try:
        with transaction.atomic():
            # Lock the unit's row so two officers cannot both take the unit's one slot on a platform.
            Organization.objects.select_for_update().get(pk=organization.pk)
            exception = _exception_for(organization, values["platform"])
            account = Account(organization=organization, exception=exception, created_by=actor, **values)
            _set_images(account, avatar, qr_code)
            account.save()
            filing = Filing.objects.create(
                account=account,
                kind=Filing.Kind.OPENING,
                clock_start_on=account.opened_on,
                due_on=filing_due_on(Filing.Kind.OPENING, account.opened_on),
                created_by=actor,
            )
            WORKFLOW.record(filing, A.CREATE_OPENING, actor=actor, from_state="")
    except IntegrityError as exc:
        raise DomainError("本单位在该平台已有账号，不能重复开设。") from exc
    return account, filing


def _set_images(account: Account, avatar: File | None, qr_code: File | None) -> None:
    if avatar:
        account.avatar.save(avatar.name, avatar, save=False)
    if qr_code:
        account.qr_code.save(qr_code.name, qr_code, save=False)


def update_opening(
    filing: Filing, *, actor, fields: dict, avatar: File | None = None, qr_code: File | None = None
) -> Filing:
    values = {k: fields[k] for k in OPENING_FIELDS if k in fields}

    def step(filing: Filing) -> None:
        account = filing.account
        if values.get("platform", account.platform) != account.platform:
            account.exception = _exception_for(account.organization, values["platform"], exclude=account)
        for name, value in values.items():
            setattr(account, name, value)
        _set_images(account, avatar, qr_code)
        try:
            with transaction.atomic():
                account.save()
        except IntegrityError as exc:
            raise DomainError("本单位在该平台已有账号，不能重复开设。") from exc
        filing.clock_start_on = account.opened_on
        if filing.first_submitted_on is None:
            filing.due_on = filing_due_on(filing.kind, account.opened_on)

    return WORKFLOW.run(filing, A.UPDATE_OPENING, actor=actor, step=step)


# --- Changes (变更备案) and closures (关闭备案) of a filed account


def open_filing_for(account: Account) -> Filing | None:
    return account.filings.filter(status__in=Filing.OPEN_STATUSES).first()


def _lock_for_new_filing(account: Account, actor, kind: str) -> None:
    """Lock the account and check that ``actor`` may start a filing of ``kind`` on it now: one filing at a time."""
    lock_row(account)
    problem = account_filing_problem(actor, account, kind)
    if problem:
        raise problem
    current = open_filing_for(account)
    if current is not None:
        raise InvalidTransition(
            f"该账号已有一份{current.get_kind_display()}正在办理（{current.get_status_display()}），请办结后再提出新的备案。"
        )


def start_change(
    account: Account,
    *,
    actor,
    fields: dict,
    avatar: File | None = None,
    qr_code: File | None = None,
    note: str = "",
) -> Filing:
    """Propose changes to a filed account. The account keeps its filed values until office staff approve."""
    with transaction.atomic():
        _lock_for_new_filing(account, actor, Filing.Kind.CHANGE)
        filing = Filing(account=account, kind=Filing.Kind.CHANGE, created_by=actor, change_note=note.strip())
        _stage_change(filing, account, fields, avatar, qr_code)
        try:
            with transaction.atomic():
                filing.save()
        except IntegrityError as exc:
            raise InvalidTransition("该账号已有一份备案正在办理。") from exc
        WORKFLOW.record(filing, A.CREATE_CHANGE, actor=actor, from_state="", extra={"changes": dict(filing.changes)})
    return filing


def _stage_change(filing: Filing, account: Account, fields: dict, avatar, qr_code) -> None:
    filing.changes = {k: fields[k] for k in CHANGEABLE_FIELDS if k in fields and fields[k] != getattr(account, k)}
    if avatar:
        filing.proposed_avatar.save(avatar.name, avatar, save=False)
    if qr_code:
        filing.proposed_qr_code.save(qr_code.name, qr_code, save=False)
    if not filing.changes and not filing.proposed_avatar and not filing.proposed_qr_code:
        raise DomainError("没有发现任何变更内容，请修改需要变更的项目后再提交。")


def update_change(
    filing: Filing, *, actor, fields: dict, avatar: File | None = None, qr_code: File | None = None, note: str = ""
) -> Filing:
    def step(filing: Filing) -> dict:
        filing.change_note = note.strip()
        _stage_change(filing, filing.account, fields, avatar, qr_code)
        return {"changes": dict(filing.changes)}

    return WORKFLOW.run(filing, A.UPDATE_CHANGE, actor=actor, step=step)


def _apply_change(filing: Filing, account: Account) -> list[str]:
    changed = []
    for name, value in filing.changes.items():
        if name in CHANGEABLE_FIELDS:
            setattr(account, name, value)
            changed.append(name)
    for account_field, filing_field in IMAGE_FIELDS.items():
        proposed = getattr(filing, filing_field)
        if proposed:
            getattr(account, account_field).name = proposed.name  # the approved file becomes the account's
            changed.append(account_field)
    account.save(update_fields=[*changed, "updated_at"])
    return changed


@dataclass
class ClosureDetails:
    closed_on: date
    reason: str
    announcement_url: str
    successor: Account | None = None
    successor_note: str = ""


def _stage_closure(filing: Filing, details: ClosureDetails) -> dict:
    # Closing an account needs a public 停更公告 naming where readers go instead.
    if not details.reason.strip():
        raise DomainError("请填写关闭原因。")
    if not details.announcement_url.strip():
        raise DomainError("请填写停更公告的链接：关闭账号前应当发布停更公告。")
    if details.successor and details.successor.pk == filing.account_id:
        raise DomainError("接续账号不能是拟关闭的账号本身。")
    filing.clock_start_on = details.closed_on
    filing.due_on = filing_due_on(Filing.Kind.CLOSURE, details.closed_on)
    filing.closure_reason = details.reason.strip()
    filing.announcement_url = details.announcement_url.strip()
    filing.successor = details.successor
    filing.successor_note = details.successor_note.strip()
    return {"closed_on": details.closed_on.isoformat()}


def start_closure(account: Account, *, actor, details: ClosureDetails) -> Filing:
    with transaction.atomic():
        _lock_for_new_filing(account, actor, Filing.Kind.CLOSURE)
        filing = Filing(account=account, kind=Filing.Kind.CLOSURE, created_by=actor)
        extra = _stage_closure(filing, details)
        filing.save()
        WORKFLOW.record(filing, A.CREATE_CLOSURE, actor=actor, from_state="", extra=extra)
    return filing


def update_closure(filing: Filing, *, actor, details: ClosureDetails) -> Filing:
    return WORKFLOW.run(filing, A.UPDATE_CLOSURE, actor=actor, step=lambda filing: _stage_closure(filing, details))


# --- The flow shared by all three kinds


def submit_to_leader(filing: Filing, *, actor) -> Filing:
    return WORKFLOW.run(filing, A.SUBMIT, actor=actor, step=lambda filing: _notify(filing, "leader_review"))


def leader_approve(filing: Filing, *, actor, opinion: str = "") -> Filing:
    """The unit's 主要领导 approves, which files the request with the office."""

    def step(filing: Filing) -> dict:
        today = workdays.today()
        filing.leader_approved_by = actor
        filing.leader_approved_at = timezone.now()
        if filing.first_submitted_on is None:
            # Lateness is judged on the first filing with the office; a later return for corrections does not
            # change it.
            filing.first_submitted_on = today
            filing.is_late = filing.due_on is not None and today > filing.due_on
        _notify(filing, "submitted")
        return {"late": filing.is_late}

    return WORKFLOW.run(filing, A.LEADER_APPROVE, actor=actor, opinion=opinion.strip(), step=step)


def leader_return(filing: Filing, *, actor, opinion: str) -> Filing:
    def step(filing: Filing) -> None:
        filing.return_reason = require_text(opinion, "请填写退回意见。")
        _notify(filing, "returned")

    return WORKFLOW.run(filing, A.LEADER_RETURN, actor=actor, opinion=(opinion or "").strip(), step=step)


def office_approve(filing: Filing, *, actor, opinion: str = "") -> Filing:
    """Office staff file it (已备案); only now does the public directory change."""

    def step(filing: Filing) -> dict:
        filing.decided_by = actor
        filing.decided_at = timezone.now()
        extra = _apply_approval(filing)
        _notify(filing, "approved")
        _queue_index(filing.account_id)
        return extra

    return WORKFLOW.run(filing, A.OFFICE_APPROVE, actor=actor, opinion=opinion.strip(), step=step)


def _apply_approval(filing: Filing) -> dict:
    account = filing.account
    lock_row(account)
    if filing.kind == Filing.Kind.OPENING:
        account.status = Account.Status.ACTIVE
        account.filed_at = filing.decided_at
        account.save(update_fields=["status", "filed_at", "updated_at"])
        return {}
    if filing.kind == Filing.Kind.CHANGE:
        return {"applied": _apply_change(filing, account)}
    account.status = Account.Status.CLOSED
    account.closed_on = filing.clock_start_on
    account.show_on_home = False
    account.save(update_fields=["status", "closed_on", "show_on_home", "updated_at"])
    return {"closed_on": account.closed_on.isoformat()}


def office_return(filing: Filing, *, actor, opinion: str) -> Filing:
    def step(filing: Filing) -> None:
        filing.return_reason = require_text(opinion, "请填写退回理由。")
        filing.decided_by = actor
        filing.decided_at = timezone.now()
        _notify(filing, "returned")

    return WORKFLOW.run(filing, A.OFFICE_RETURN, actor=actor, opinion=(opinion or "").strip(), step=step)


def withdraw(filing: Filing, *, actor, reason: str = "") -> Filing:
    """The unit drops a filing it has not sent on; withdrawing an opening withdraws the account (frees the slot)."""

    def step(filing: Filing) -> None:
        if filing.kind == Filing.Kind.OPENING:
            account = filing.account
            account.status = Account.Status.WITHDRAWN
            account.save(update_fields=["status", "updated_at"])

    return WORKFLOW.run(filing, A.WITHDRAW, actor=actor, opinion=reason.strip(), step=step)
