"""Every state change of the new-media app. Each action checks who acts and from which state, changes the rows,
writes the history row in the same transaction, and queues e-mail after commit (STYLE: one write path)."""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field
from datetime import date, timedelta

from django.core.files.base import File
from django.db import IntegrityError, transaction
from django.utils import timezone

from newmedia import conf
from newmedia.models import (
    Account,
    ActivityFlag,
    Filing,
    FilingHistory,
    Platform,
    PlatformException,
    WeeklyActivity,
)
from portal import workdays
from portal.errors import DomainError, InvalidTransition, NotAllowed
from portal.models import Organization

# The account fields a unit may change through a change filing (the platform and unit never change: a new platform
# is a new account).
CHANGEABLE_FIELDS = (
    "name",
    "platform_account_id",
    "homepage_url",
    "verification_subject",
    "chief_name",
    "chief_post",
    "chief_phone",
    "deputy_name",
    "deputy_post",
    "deputy_phone",
    "editor_name",
    "editor_post",
    "editor_phone",
    "operators",
    "is_outsourced",
    "outsourcer",
)
OPENING_FIELDS = ("platform", "opened_on", *CHANGEABLE_FIELDS)
IMAGE_FIELDS = {"avatar": "proposed_avatar", "qr_code": "proposed_qr_code"}

S = Filing.Status


# --- Clock


def filing_due_on(kind: str, start: date | None) -> date | None:
    """Seed 001 art. 39: file the opening within 10 working days, the closure within 5; a change has no clock."""
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


# --- Guards and helpers


def _require_officer(actor, account: Account) -> None:
    if not (actor.is_officer and actor.organization_id == account.organization_id):
        raise NotAllowed("只有本单位的信息员可以填报本单位的政务新媒体备案。")


def _require_principal_leader(actor, account: Account) -> None:
    if not (actor.is_unit_leader and actor.is_principal_leader and actor.organization_id == account.organization_id):
        raise NotAllowed("须由本单位主要领导审批政务新媒体备案。")


def _require_office(actor) -> None:
    if not actor.is_office_staff:
        raise NotAllowed("只有政务公开办工作人员可以办理备案审核。")


def _lock(filing: Filing) -> Filing:
    """Re-read the filing under a row lock so two clicks cannot both pass the state guard."""
    return Filing.objects.select_for_update().select_related("account").get(pk=filing.pk)


def _guard(filing: Filing, allowed: tuple, action: str) -> None:
    if filing.status not in allowed:
        raise InvalidTransition(f"该备案当前状态为“{filing.get_status_display()}”，不能{action}。")


def _log(filing: Filing, actor, action: str, from_state: str, opinion: str = "", **extra) -> FilingHistory:
    return FilingHistory.objects.create(
        filing=filing,
        actor=actor,
        action=action,
        from_state=from_state,
        to_state=filing.status,
        opinion=opinion,
        extra=extra,
    )


def _notify(filing: Filing, event: str) -> None:
    from newmedia.tasks import send_filing_notice

    filing_id = filing.pk
    transaction.on_commit(lambda: send_filing_notice.delay(filing_id, event))


def _queue_index(account_id: int) -> None:
    """Search (DESIGN §10): after an opening, change or closure is filed, index the account as the directory now
    shows it, or remove it once closed (one task does either)."""
    from portal.search.tasks import index_object

    transaction.on_commit(lambda: index_object.delay("newmedia.account", account_id))


def _required_opinion(opinion: str, what: str) -> str:
    opinion = (opinion or "").strip()
    if not opinion:
        raise DomainError(f"请填写{what}。")
    return opinion


# --- One account per unit per platform (REFERENCE §6)


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
    _require_office(actor)
    reason = _required_opinion(reason, "允许增设账号的理由")
    return PlatformException.objects.create(
        organization=organization, platform=platform, reason=reason, granted_by=actor
    )


# --- Opening (开设备案)


def create_account(
    *, actor, fields: dict, avatar: File | None = None, qr_code: File | None = None
) -> tuple[Account, Filing]:
    """The officer drafts a new account and its opening filing; nothing is public until office staff file it."""
    if not (actor.is_officer and actor.organization_id):
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
            _log(filing, actor, "创建开设备案", "")
    except IntegrityError as exc:
        raise DomainError("本单位在该平台已有账号，不能重复开设。") from exc
    return account, filing


def _set_images(account: Account, avatar: File | None, qr_code: File | None) -> None:
    if avatar:
        account.avatar.save(avatar.name, avatar, save=False)
    if qr_code:
        account.qr_code.save(qr_code.name, qr_code, save=False)


@transaction.atomic
def update_opening(
    filing: Filing, *, actor, fields: dict, avatar: File | None = None, qr_code: File | None = None
) -> Filing:
    filing = _lock(filing)
    account = filing.account
    _require_officer(actor, account)
    if filing.kind != Filing.Kind.OPENING:
        raise InvalidTransition("这不是开设备案。")
    _guard(filing, Filing.EDITABLE_STATUSES, "修改")
    values = {k: fields[k] for k in OPENING_FIELDS if k in fields}
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
    filing.save(update_fields=["clock_start_on", "due_on", "updated_at"])
    _log(filing, actor, "修改开设备案", filing.status)
    return filing


# --- Changes (变更备案)


def _diff(account: Account, fields: dict) -> dict:
    return {k: fields[k] for k in CHANGEABLE_FIELDS if k in fields and fields[k] != getattr(account, k)}


def _open_filing(account: Account) -> Filing | None:
    return account.filings.filter(status__in=Filing.OPEN_STATUSES).first()


def _require_no_open_filing(account: Account) -> None:
    current = _open_filing(account)
    if current is not None:
        raise InvalidTransition(
            f"该账号已有一份{current.get_kind_display()}正在办理（{current.get_status_display()}），请办结后再提出新的备案。"
        )


def _lock_account(account: Account) -> Account:
    return Account.objects.select_for_update().get(pk=account.pk)


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
        account = _lock_account(account)
        _require_officer(actor, account)
        if account.status != Account.Status.ACTIVE:
            raise InvalidTransition("只有已备案的账号可以提出变更。")
        _require_no_open_filing(account)
        filing = Filing(account=account, kind=Filing.Kind.CHANGE, created_by=actor, change_note=note.strip())
        _stage_change(filing, account, fields, avatar, qr_code)
        try:
            with transaction.atomic():
                filing.save()
        except IntegrityError as exc:
            raise InvalidTransition("该账号已有一份备案正在办理。") from exc
        _log(filing, actor, "创建变更备案", "", changes=dict(filing.changes))
    return filing


def _stage_change(filing: Filing, account: Account, fields: dict, avatar, qr_code) -> None:
    filing.changes = _diff(account, fields)
    if avatar:
        filing.proposed_avatar.save(avatar.name, avatar, save=False)
    if qr_code:
        filing.proposed_qr_code.save(qr_code.name, qr_code, save=False)
    if not filing.changes and not filing.proposed_avatar and not filing.proposed_qr_code:
        raise DomainError("没有发现任何变更内容，请修改需要变更的项目后再提交。")


@transaction.atomic
def update_change(
    filing: Filing, *, actor, fields: dict, avatar: File | None = None, qr_code: File | None = None, note: str = ""
) -> Filing:
    filing = _lock(filing)
    _require_officer(actor, filing.account)
    if filing.kind != Filing.Kind.CHANGE:
        raise InvalidTransition("这不是变更备案。")
    _guard(filing, Filing.EDITABLE_STATUSES, "修改")
    filing.change_note = note.strip()
    _stage_change(filing, filing.account, fields, avatar, qr_code)
    filing.save()
    _log(filing, actor, "修改变更备案", filing.status, changes=dict(filing.changes))
    return filing


def _apply_change(filing: Filing) -> list[str]:
    account = filing.account
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


# --- Closure (关闭备案)


@dataclass
class ClosureDetails:
    closed_on: date
    reason: str
    announcement_url: str
    successor: Account | None = None
    successor_note: str = ""


def _stage_closure(filing: Filing, details: ClosureDetails) -> None:
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


def start_closure(account: Account, *, actor, details: ClosureDetails) -> Filing:
    with transaction.atomic():
        account = _lock_account(account)
        _require_officer(actor, account)
        if account.status != Account.Status.ACTIVE:
            raise InvalidTransition("只有已备案的账号可以办理关闭备案。")
        _require_no_open_filing(account)
        filing = Filing(account=account, kind=Filing.Kind.CLOSURE, created_by=actor)
        _stage_closure(filing, details)
        filing.save()
        _log(filing, actor, "创建关闭备案", "", closed_on=details.closed_on.isoformat())
    return filing


@transaction.atomic
def update_closure(filing: Filing, *, actor, details: ClosureDetails) -> Filing:
    filing = _lock(filing)
    _require_officer(actor, filing.account)
    if filing.kind != Filing.Kind.CLOSURE:
        raise InvalidTransition("这不是关闭备案。")
    _guard(filing, Filing.EDITABLE_STATUSES, "修改")
    _stage_closure(filing, details)
    filing.save()
    _log(filing, actor, "修改关闭备案", filing.status, closed_on=details.closed_on.isoformat())
    return filing


# --- The flow shared by all three kinds


@transaction.atomic
def submit_to_leader(filing: Filing, *, actor) -> Filing:
    filing = _lock(filing)
    _require_officer(actor, filing.account)
    _guard(filing, Filing.EDITABLE_STATUSES, "报送主要领导审批")
    if filing.kind == Filing.Kind.OPENING and not (filing.account.avatar and filing.account.qr_code):
        raise DomainError("请先上传账号头像和二维码，再报送审批。")
    before = filing.status
    filing.status = S.LEADER_REVIEW
    filing.save(update_fields=["status", "updated_at"])
    _log(filing, actor, "报送主要领导审批", before)
    _notify(filing, "leader_review")
    return filing


@transaction.atomic
def leader_approve(filing: Filing, *, actor, opinion: str = "") -> Filing:
    """The unit's 主要领导 approves (seed 001 art. 39), which files the request with the office."""
    filing = _lock(filing)
    _require_principal_leader(actor, filing.account)
    _guard(filing, (S.LEADER_REVIEW,), "审批")
    before = filing.status
    today = workdays.today()
    filing.status = S.SUBMITTED
    filing.leader_approved_by = actor
    filing.leader_approved_at = timezone.now()
    if filing.first_submitted_on is None:
        # Lateness is judged on the first filing with the office; a later return for corrections does not change it.
        filing.first_submitted_on = today
        filing.is_late = filing.due_on is not None and today > filing.due_on
    filing.save()
    _log(filing, actor, "主要领导审批同意", before, opinion.strip(), late=filing.is_late)
    _notify(filing, "submitted")
    return filing


@transaction.atomic
def leader_return(filing: Filing, *, actor, opinion: str) -> Filing:
    filing = _lock(filing)
    _require_principal_leader(actor, filing.account)
    _guard(filing, (S.LEADER_REVIEW,), "退回")
    opinion = _required_opinion(opinion, "退回意见")
    before = filing.status
    filing.status = S.RETURNED
    filing.return_reason = opinion
    filing.save(update_fields=["status", "return_reason", "updated_at"])
    _log(filing, actor, "主要领导退回", before, opinion)
    _notify(filing, "returned")
    return filing


@transaction.atomic
def office_approve(filing: Filing, *, actor, opinion: str = "") -> Filing:
    """Office staff file it (已备案); only now does the public directory change."""
    filing = _lock(filing)
    _require_office(actor)
    _guard(filing, (S.SUBMITTED,), "备案通过")
    before = filing.status
    filing.status = S.APPROVED
    filing.decided_by = actor
    filing.decided_at = timezone.now()
    filing.save(update_fields=["status", "decided_by", "decided_at", "updated_at"])
    extra = _apply_approval(filing)
    _log(filing, actor, "备案通过", before, opinion.strip(), **extra)
    _notify(filing, "approved")
    _queue_index(filing.account_id)
    return filing


def _apply_approval(filing: Filing) -> dict:
    account = Account.objects.select_for_update().get(pk=filing.account_id)
    filing.account = account
    if filing.kind == Filing.Kind.OPENING:
        account.status = Account.Status.ACTIVE
        account.filed_at = filing.decided_at
        account.save(update_fields=["status", "filed_at", "updated_at"])
        return {}
    if filing.kind == Filing.Kind.CHANGE:
        return {"applied": _apply_change(filing)}
    account.status = Account.Status.CLOSED
    account.closed_on = filing.clock_start_on
    account.show_on_home = False
    account.save(update_fields=["status", "closed_on", "show_on_home", "updated_at"])
    return {"closed_on": account.closed_on.isoformat()}


@transaction.atomic
def office_return(filing: Filing, *, actor, opinion: str) -> Filing:
    filing = _lock(filing)
    _require_office(actor)
    _guard(filing, (S.SUBMITTED,), "退回")
    opinion = _required_opinion(opinion, "退回理由")
    before = filing.status
    filing.status = S.RETURNED
    filing.return_reason = opinion
    filing.decided_by = actor
    filing.decided_at = timezone.now()
    filing.save(update_fields=["status", "return_reason", "decided_by", "decided_at", "updated_at"])
    _log(filing, actor, "政务公开办退回", before, opinion)
    _notify(filing, "returned")
    return filing


@transaction.atomic
def withdraw(filing: Filing, *, actor, reason: str = "") -> Filing:
    """The unit drops a filing it has not sent on; withdrawing an opening withdraws the account (frees the slot)."""
    filing = _lock(filing)
    _require_officer(actor, filing.account)
    _guard(filing, Filing.EDITABLE_STATUSES, "撤销")
    before = filing.status
    filing.status = S.WITHDRAWN
    filing.save(update_fields=["status", "updated_at"])
    if filing.kind == Filing.Kind.OPENING:
        account = filing.account
        account.status = Account.Status.WITHDRAWN
        account.save(update_fields=["status", "updated_at"])
    _log(filing, actor, "撤销备案", before, reason.strip())
    return filing


# --- Activity (seed 001 art. 40; REFERENCE §5)


def week_start(d: date) -> date:
    """The Monday of d's week."""
    return d - timedelta(days=d.weekday())


def record_activity(
    account: Account,
    *,
    actor,
    week: date,
    posts: int,
    followers: int | None = None,
    source: str = WeeklyActivity.Source.FORM,
) -> WeeklyActivity:
    if not (actor.is_office_staff or actor.organization_id == account.organization_id):
        raise NotAllowed("只能填报本单位账号的发布情况。")
    monday = week_start(week)
    if monday > workdays.today():
        raise DomainError("不能填报尚未开始的周。")
    if posts < 0:
        raise DomainError("发布条数不能为负数。")
    row, _ = WeeklyActivity.objects.update_or_create(
        account=account,
        week_start=monday,
        defaults={"posts": posts, "followers": followers, "source": source, "recorded_by": actor},
    )
    return row


@dataclass
class ImportResult:
    imported: int = 0
    errors: list[str] = field(default_factory=list)


_CSV_COLUMNS = {"account": "账号编号", "week": "周起始日期", "posts": "发布条数", "followers": "关注量"}


def import_activity_csv(data: bytes, *, actor, accounts) -> ImportResult:
    """Import weekly counts from CSV (columns 账号编号, 周起始日期, 发布条数, optional 关注量). All rows or none:
    when any row is wrong nothing is saved and every wrong row is reported, so a corrected file can be re-uploaded.

    ``accounts`` is the queryset the actor may record for (scoped by the caller's selector)."""
    result = ImportResult()
    text = _decode(data)
    if text is None:
        result.errors.append("无法识别文件编码，请以 UTF-8 或 GBK 编码的 CSV 格式保存后上传。")
        return result
    reader = csv.DictReader(io.StringIO(text))
    missing = [c for k, c in _CSV_COLUMNS.items() if k != "followers" and c not in (reader.fieldnames or [])]
    if missing:
        result.errors.append(f"表头缺少列：{'、'.join(missing)}。第一行应为：账号编号,周起始日期,发布条数,关注量")
        return result
    known = {a.pk: a for a in accounts}
    parsed = []
    seen: set[tuple[int, date]] = set()
    for line, row in enumerate(reader, start=2):
        if not any((v or "").strip() for v in row.values() if isinstance(v, str)):
            continue
        item, problems = _parse_row(row, known)
        if item and (item[0].pk, item[1]) in seen:
            problems.append("与前面的行重复（同一账号同一周）")
        if problems:
            result.errors.append(f"第{line}行：" + "；".join(problems) + "。")
        else:
            seen.add((item[0].pk, item[1]))
            parsed.append(item)
    if not parsed and not result.errors:
        result.errors.append("文件中没有数据行。")
    if result.errors:
        return result
    with transaction.atomic():
        for account, week, posts, followers in parsed:
            record_activity(
                account, actor=actor, week=week, posts=posts, followers=followers, source=WeeklyActivity.Source.CSV
            )
    result.imported = len(parsed)
    return result


def _decode(data: bytes) -> str | None:
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    return None


def _parse_row(row: dict, known: dict[int, Account]):
    problems: list[str] = []
    raw_id = (row.get(_CSV_COLUMNS["account"]) or "").strip()
    account = known.get(int(raw_id)) if raw_id.isdigit() else None
    if account is None:
        problems.append(f"账号编号“{raw_id}”不存在或不属于本单位" if raw_id else "账号编号为空")
    raw_week = (row.get(_CSV_COLUMNS["week"]) or "").strip()
    week = _parse_date(raw_week)
    if week is None:
        problems.append(f"周起始日期“{raw_week}”不是有效日期（格式：2024-03-04）")
    elif week_start(week) > workdays.today():
        problems.append(f"周起始日期“{raw_week}”所在周尚未开始")
    posts = _parse_count(row.get(_CSV_COLUMNS["posts"]), "发布条数", problems, required=True)
    followers = _parse_count(row.get(_CSV_COLUMNS["followers"]), "关注量", problems, required=False)
    if problems:
        return None, problems
    return (account, week_start(week), posts, followers), problems


def _parse_date(value: str) -> date | None:
    for sep in ("-", "/", "."):
        parts = value.split(sep)
        if len(parts) == 3 and all(p.isdigit() for p in parts):
            try:
                return date(int(parts[0]), int(parts[1]), int(parts[2]))
            except ValueError:
                return None
    return None


def _parse_count(value, label: str, problems: list[str], *, required: bool) -> int | None:
    value = (value or "").strip()
    if not value:
        if required:
            problems.append(f"{label}为空")
        return None
    if not value.isdigit():
        problems.append(f"{label}“{value}”应为不小于0的整数")
        return None
    return int(value)


def last_complete_week(on: date) -> date:
    """The Monday of the last full week (Monday to Sunday) before ``on``."""
    return week_start(on) - timedelta(days=7)


def run_activity_check(on: date | None = None) -> list[int]:
    """The weekly check: flag filed accounts with fewer than MIN_WEEKLY_POSTS posts in the last full week, and those
    with none for SILENT_WEEKS weeks (the national failing mark, which replaces the weekly one). A week with no
    report counts as no posts. Returns the ids of new flags; each is e-mailed once, after commit."""
    on = on or workdays.today()
    week = last_complete_week(on)
    weeks = [week - timedelta(days=7 * i) for i in range(conf.SILENT_WEEKS)]
    accounts = list(Account.objects.listed().filter(opened_on__lte=week).only("id", "opened_on"))
    counts = {
        (a, w): p
        for a, w, p in WeeklyActivity.objects.filter(
            account__in=[a.pk for a in accounts], week_start__in=weeks
        ).values_list("account_id", "week_start", "posts")
    }
    new_ids = []
    for account in accounts:
        kind = _flag_kind(account, weeks, counts)
        if kind is None:
            continue
        flag, created = ActivityFlag.objects.get_or_create(
            account=account, kind=kind, week_start=week, defaults={"posts": counts.get((account.pk, week), 0)}
        )
        if created:
            new_ids.append(flag.pk)
    if new_ids:
        from newmedia.tasks import send_flag_notice

        for flag_id in new_ids:
            transaction.on_commit(lambda fid=flag_id: send_flag_notice.delay(fid))
    return new_ids


def _flag_kind(account: Account, weeks: list[date], counts: dict) -> str | None:
    posts = counts.get((account.pk, weeks[0]), 0)
    if posts >= conf.MIN_WEEKLY_POSTS:
        return None
    covered = account.opened_on <= weeks[-1]
    if covered and all(counts.get((account.pk, w), 0) == 0 for w in weeks):
        return ActivityFlag.Kind.SILENT
    return ActivityFlag.Kind.LOW


def flags_to_notify():
    """Flags whose notice has not gone out (a lost task): the weekly job and the sweep send them."""
    return ActivityFlag.objects.filter(notified_at__isnull=True).values_list("id", flat=True)


def open_filing_for(account: Account) -> Filing | None:
    return _open_filing(account)


def accounts_blocking(organization: Organization, platform: str) -> bool:
    """True when the unit cannot open another account on the platform without an exception."""
    try:
        _exception_for(organization, platform)
    except DomainError:
        return True
    return False
