"""Permission-scoped reads (portal.scoping): a unit's staff see their unit's accounts and filings, office staff see all,
anyone else gets a 404. The public directory reads only filed, open accounts."""

from __future__ import annotations

from collections import OrderedDict
from dataclasses import dataclass
from datetime import date, timedelta

from django.db.models import Case, Count, IntegerField, Prefetch, Q, QuerySet, Sum, Value, When
from django.shortcuts import get_object_or_404

from newmedia import conf
from newmedia.models import Account, ActivityFlag, Filing, Platform, WeeklyActivity
from newmedia.services.activity import last_complete_week
from portal import workdays
from portal.models import Organization
from portal.scoping import get_for_user_or_404, scope_to_user

# --- Staff


def accounts_for(user) -> QuerySet[Account]:
    return scope_to_user(Account.objects.select_related("organization"), user)


def account_for_user_or_404(user, pk: int) -> Account:
    return get_for_user_or_404(Account.objects.select_related("organization"), user, pk=pk)


def filings_for(user) -> QuerySet[Filing]:
    return scope_to_user(
        Filing.objects.select_related("account__organization", "created_by"), user, "account__organization"
    )


def filing_for_user_or_404(user, pk: int) -> Filing:
    qs = Filing.objects.select_related(
        "account__organization", "created_by", "leader_approved_by", "decided_by", "successor__organization"
    ).prefetch_related(Prefetch("history", queryset=_history()))
    return get_for_user_or_404(qs, user, "account__organization", pk=pk)


def _history():
    from newmedia.models import FilingHistory

    return FilingHistory.objects.select_related("actor")


def open_filings_for(user) -> QuerySet[Filing]:
    return filings_for(user).filter(status__in=Filing.OPEN_STATUSES).order_by("due_on", "created_at")


def review_queue(user) -> QuerySet[Filing]:
    """The office's queue: filings approved by a unit's 主要领导 and waiting to be filed."""
    if not user.is_office_staff:
        return Filing.objects.none()
    return filings_for(user).filter(status=Filing.Status.SUBMITTED).order_by("leader_approved_at")


def leader_queue(user) -> QuerySet[Filing]:
    """Filings waiting for this 主要领导."""
    if not (user.is_unit_leader and user.is_principal_leader and user.organization_id):
        return Filing.objects.none()
    return (
        Filing.objects.select_related("account__organization", "created_by")
        .filter(account__organization_id=user.organization_id, status=Filing.Status.LEADER_REVIEW)
        .order_by("due_on", "created_at")
    )


def successor_choices(user) -> QuerySet[Account]:
    """Accounts a closing account may name as its successor: any filed account in the county."""
    return Account.objects.listed().select_related("organization")


def activity_accounts_for(user) -> QuerySet[Account]:
    """Accounts whose weekly posts this user may record."""
    return accounts_for(user).filter(status=Account.Status.ACTIVE)


# --- Activity dashboard


@dataclass
class ActivityRow:
    account: Account
    posts: list[int | None]  # one per week, newest first; None = not reported
    followers: int | None
    standing: str  # "good" | "low" | "silent"

    @property
    def standing_label(self) -> str:
        return {"good": "正常", "low": "周发布少于4条", "silent": "连续两周未更新"}[self.standing]


def activity_dashboard(user, on: date | None = None, weeks: int = 4) -> tuple[list[date], list[ActivityRow]]:
    on = on or workdays.today()
    last = last_complete_week(on)
    week_list = [last - timedelta(days=7 * i) for i in range(weeks)]
    accounts = list(activity_accounts_for(user))
    rows_by_key = {
        (r.account_id, r.week_start): r
        for r in WeeklyActivity.objects.filter(account__in=accounts, week_start__in=week_list).only(
            "account_id", "week_start", "posts", "followers"
        )
    }
    rows = []
    for account in accounts:
        posts = [getattr(rows_by_key.get((account.pk, w)), "posts", None) for w in week_list]
        latest = next((rows_by_key[(account.pk, w)] for w in week_list if (account.pk, w) in rows_by_key), None)
        rows.append(ActivityRow(account, posts, latest.followers if latest else None, _standing(posts)))
    return week_list, rows


def _standing(posts: list[int | None]) -> str:
    recent = [p or 0 for p in posts[: conf.SILENT_WEEKS]]
    if all(p == 0 for p in recent):
        return "silent"
    if recent[0] < conf.MIN_WEEKLY_POSTS:
        return "low"
    return "good"


def recent_flags(user, limit: int = 50) -> QuerySet[ActivityFlag]:
    return scope_to_user(ActivityFlag.objects.select_related("account__organization"), user, "account__organization")[
        :limit
    ]


# --- Annual report export (政府网站工作年度报表, 移动新媒体: accounts with posts and followers)


def annual_rows(user, year: int) -> list[dict]:
    accounts = (
        accounts_for(user)
        .filter(Q(status=Account.Status.ACTIVE) | Q(status=Account.Status.CLOSED, closed_on__year=year))
        .filter(opened_on__year__lte=year)
        .annotate(year_posts=Sum("activity__posts", filter=Q(activity__week_start__year=year)))
        .order_by("platform", "organization__order", "organization_id", "id")
    )
    followers = _latest_followers([a.pk for a in accounts], year)
    lateness = set(
        Filing.objects.filter(account__in=accounts, kind=Filing.Kind.OPENING, is_late=True).values_list(
            "account_id", flat=True
        )
    )
    return [
        {
            "account": a,
            "posts": a.year_posts or 0,
            "followers": followers.get(a.pk),
            "late": a.pk in lateness,
        }
        for a in accounts
    ]


def _latest_followers(account_ids: list[int], year: int) -> dict[int, int]:
    result: dict[int, int] = {}
    rows = (
        WeeklyActivity.objects.filter(account_id__in=account_ids, week_start__year=year, followers__isnull=False)
        .order_by("account_id", "-week_start")
        .values_list("account_id", "followers")
    )
    for account_id, count in rows:
        result.setdefault(account_id, count)
    return result


# --- Public

# The county government office's accounts lead the directory and the home strip.
_OFFICE_FIRST = Case(
    When(organization__kind=Organization.Kind.COUNTY_OFFICE, then=Value(0)),
    default=Value(1),
    output_field=IntegerField(),
)


def directory_accounts() -> QuerySet[Account]:
    return Account.objects.listed().select_related("organization").filter(organization__is_active=True)


def directory_by_platform() -> list[tuple[str, list[Account]]]:
    groups: OrderedDict[str, list[Account]] = OrderedDict((p.value, []) for p in Platform)
    for account in directory_accounts().order_by(
        _OFFICE_FIRST, "organization__order", "organization_id", "order", "id"
    ):
        groups[account.platform].append(account)
    return [(Platform(k).label, v) for k, v in groups.items() if v]


def directory_by_unit() -> list[tuple[Organization, list[Account]]]:
    groups: OrderedDict[int, tuple[Organization, list[Account]]] = OrderedDict()
    for account in directory_accounts().order_by(
        _OFFICE_FIRST, "organization__order", "organization_id", "order", "id"
    ):
        groups.setdefault(account.organization_id, (account.organization, []))[1].append(account)
    return list(groups.values())


def public_account_or_404(pk: int) -> Account:
    """A filed account, or a closed one (its page says so and names the successor); never a draft."""
    return get_object_or_404(
        Account.objects.select_related("organization").filter(
            status__in=[Account.Status.ACTIVE, Account.Status.CLOSED]
        ),
        pk=pk,
    )


def closure_of(account: Account) -> Filing | None:
    return (
        account.filings.filter(kind=Filing.Kind.CLOSURE, status=Filing.Status.APPROVED)
        .select_related("successor")
        .order_by("-decided_at")
        .first()
    )


def home_strip() -> list[Account]:
    """The main accounts for the home page: those marked for it, else the county office's and then others."""
    accounts = directory_accounts().order_by("-show_on_home", _OFFICE_FIRST, "organization__order", "order", "id")
    return list(accounts[: conf.HOME_STRIP_SIZE])


# --- Figures for the office's 通报, 考核 and 网站工作年度报表 (read by the evaluation app)


def activity_unit_figures(start: date, end: date) -> dict[int, dict]:
    """Per unit: posts its accounts reported for the weeks starting in [start, end), and the failing marks of the
    weekly check for those weeks (fewer than 4 posts, or two weeks silent)."""
    figures: dict[int, dict] = {}
    posts = (
        WeeklyActivity.objects.filter(week_start__gte=start, week_start__lt=end)
        .order_by()
        .values_list("account__organization_id")
        .annotate(n=Sum("posts"))
    )
    for unit_id, n in posts:
        figures.setdefault(unit_id, {"posts": 0, "flags": 0})["posts"] = n or 0
    flags = (
        ActivityFlag.objects.filter(week_start__gte=start, week_start__lt=end)
        .order_by()
        .values_list("account__organization_id")
        .annotate(n=Count("id"))
    )
    for unit_id, n in flags:
        figures.setdefault(unit_id, {"posts": 0, "flags": 0})["flags"] = n
    return figures


def annual_platform_figures(year: int) -> list[dict]:
    """The 移动新媒体 lines of the 网站工作年度报表: per platform, the filed accounts open at some time in ``year``
    (names), the posts their weekly records report for weeks starting in the year, and their followers as last
    recorded in the year (None when no account of the platform recorded any: the office enters the figure)."""
    first, last = date(year, 1, 1), date(year, 12, 31)
    accounts = list(
        Account.objects.filter(opened_on__lte=last)
        .filter(Q(status=Account.Status.ACTIVE) | Q(status=Account.Status.CLOSED, closed_on__gte=first))
        .annotate(year_posts=Sum("activity__posts", filter=Q(activity__week_start__range=(first, last))))
        .order_by("platform", "organization__order", "organization_id", "id")
    )
    followers: dict[int, int] = {}
    recorded = (
        WeeklyActivity.objects.filter(account__in=accounts, week_start__range=(first, last), followers__isnull=False)
        .order_by("account_id", "-week_start")
        .values_list("account_id", "followers")
    )
    for account_id, n in recorded:
        followers.setdefault(account_id, n)
    result = []
    for platform, label in Platform.choices:
        mine = [a for a in accounts if a.platform == platform]
        if not mine:
            continue
        known = [followers[a.pk] for a in mine if a.pk in followers]
        result.append({
            "platform": platform, "label": label, "accounts": [a.name for a in mine],
            "posts": sum(a.year_posts or 0 for a in mine), "followers": sum(known) if known else None,
        })  # fmt: skip
    return result
