"""Weekly activity of the filed accounts: the units report their posts (by form or CSV), and a weekly check flags
the accounts below the county's minimum (政府网站及新媒体建设运营管理制度 art. 40: at least 4 posts a week) and those
silent for two weeks (a failing mark of the national website checks)."""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field
from datetime import date, timedelta

from django.db import transaction

from newmedia import conf
from newmedia.models import Account, ActivityFlag, WeeklyActivity
from portal import workdays
from portal.errors import DomainError, NotAllowed
from portal.workflow import after_commit


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
    for flag_id in new_ids:
        # Named, not imported: the tasks module imports this one. A lost notice is sent by the hourly sweep.
        after_commit("newmedia.send_flag_notice", flag_id)
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
