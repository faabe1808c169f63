"""The failing marks of the national website check (国办秘函〔2019〕19号) as this site measures them itself, with the
items behind each mark and a link to fix each, plus the scored items the site can measure.

One build serves the dashboard (live), the nightly run's snapshot, its PDF and the warnings. It reads the domain apps
through their selectors, scoped to the user: office staff see every unit, a unit's staff see their own unit's items.
The number of queries does not grow with the number of columns, documents or findings."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import asdict, dataclass, field
from datetime import date, datetime, time, timedelta

from dateutil.relativedelta import relativedelta
from django.urls import reverse
from django.utils import timezone

from inspection import conf, freshness
from inspection.freshness import Stated
from inspection.models import InspectionRun, Link, LinkSource, WordingHit
from inspection.paths import path_to
from portal import workdays
from portal.scoping import scope_to_user

OK, DUE, FAILING = "ok", "due", "failing"
ITEMS_SHOWN = 20
STATE_LABELS = {OK: "正常", DUE: "临近", FAILING: "不合格"}
STATE_CSS = {OK: "clock-ok", DUE: "clock-soon", FAILING: "clock-overdue"}
FRESHNESS_STATES = {freshness.OK: OK, freshness.DUE: DUE, freshness.STALE: FAILING, freshness.EMPTY: FAILING}
SCORE_LABELS = {"ok": "达标", "attention": "需关注", "failing": "不达标", "unknown": "暂无数据"}
SCORE_CSS = {"ok": "clock-ok", "attention": "clock-soon", "failing": "clock-overdue", "unknown": "clock-none"}
# Page kinds findings sit on, and the staff page that fixes each.
PAGE_FIX_URLS = {"document": "disclosure:staff_detail", "account": "newmedia:staff_account"}


@dataclass
class Item(Stated):
    key: str
    label: str
    unit: str
    state: str
    detail: str
    url: str
    organization_id: int | None = None

    LABELS, CSS = STATE_LABELS, STATE_CSS


@dataclass
class Mark(Stated):
    code: str
    label: str
    rule: str
    veto: bool
    threshold: int
    count: int
    state: str
    items: list[Item] = field(default_factory=list)

    @property
    def key(self) -> str:
        return f"mark:{self.code}"

    @property
    def problems(self) -> list[Item]:
        return [item for item in self.items if item.state != OK]

    @property
    def shown(self) -> list[Item]:
        """The first problems, for the dashboard; the mark's own page lists them all."""
        return self.problems[:ITEMS_SHOWN]

    LABELS, CSS = STATE_LABELS, STATE_CSS


@dataclass
class Score(Stated):
    code: str
    label: str
    value: str
    state: str
    detail: str = ""
    items: list[Item] = field(default_factory=list)

    LABELS, CSS = SCORE_LABELS, SCORE_CSS


@dataclass
class Dashboard:
    today: date
    office: bool
    marks: list[Mark]
    scores: list[Score]
    columns: list[freshness.ColumnCheck]
    unit_columns: list[freshness.ColumnCheck]
    home: freshness.HomeCheck | None
    last_run: InspectionRun | None

    @property
    def vetoes(self) -> list[Mark]:
        return [m for m in self.marks if m.veto]

    @property
    def others(self) -> list[Mark]:
        return [m for m in self.marks if not m.veto]

    @property
    def failing(self) -> list[Mark]:
        return [m for m in self.vetoes if m.state == FAILING]

    def mark(self, code: str) -> Mark | None:
        return next((m for m in self.marks if m.code == code), None)

    @property
    def unit_summary(self) -> list[dict]:
        """Per unit, its own catalogue's columns by state (units with something to do, in unit order)."""
        rows: dict[int, dict] = {}
        for check in self.unit_columns:
            row = rows.setdefault(check.unit.pk, {"unit": check.unit, "stale": 0, "due": 0, "empty": 0, "ok": 0})
            row[check.state] += 1
        return [row for row in rows.values() if row["stale"] or row["due"] or row["empty"]]

    def snapshot(self) -> dict:
        """What a run keeps: the marks and their items, the scores and every column, as JSON."""
        return {
            "today": self.today.isoformat(),
            "marks": [
                {**asdict(m), "state_label": m.state_label, "items": [_item_json(i) for i in m.items]}
                for m in self.marks
            ],
            "scores": [{**asdict(s), "state_label": s.state_label} for s in self.scores],
            "columns": [_column_json(c) for c in self.columns + self.unit_columns],
        }


def _item_json(item: Item) -> dict:
    return {**asdict(item), "state_label": item.state_label}


def _column_json(check: freshness.ColumnCheck) -> dict:
    last = freshness.local_date(check.last).isoformat() if check.last else ""
    return {
        "label": check.label, "class": check.class_label, "last": last,
        "state": check.state, "state_label": check.state_label, "detail": check.detail,
        "unit": check.unit.display_name if check.unit else "",
    }  # fmt: skip


def _count_state(count: int, due: int, threshold: int) -> str:
    """Failing at the threshold; "due" within one of it, or when the items about to fail would reach it."""
    if count >= threshold:
        return FAILING
    if (threshold > 1 and count >= threshold - 1) or count + due >= threshold:
        return DUE
    return OK


def _mark(code, label, rule, threshold, items: list[Item], veto: bool = True) -> Mark:
    count = sum(item.state == FAILING for item in items)
    due = sum(item.state == DUE for item in items)
    return Mark(code, label, rule, veto, threshold, count, _count_state(count, due, threshold), items)


def _column_item(check: freshness.ColumnCheck) -> Item:
    unit = check.unit.display_name if check.unit else ""
    organization_id = check.unit.pk if check.unit else None
    return Item(check.key, check.label, unit, FRESHNESS_STATES[check.state], check.detail, check.url, organization_id)


def _column_marks(checks: list[freshness.ColumnCheck]) -> list[Mark]:
    stale = [_column_item(c) for c in checks if c.state in (freshness.STALE, freshness.DUE)]
    empty = [_column_item(c) for c in checks if c.state == freshness.EMPTY]
    return [
        _mark("columns_stale", "栏目不更新", "动态要闻类栏目超过2周、通知公告和政策文件类栏目超过6个月未更新的栏目达5个及以上",
              conf.stale_columns_veto(), stale),
        _mark("columns_empty", "空白栏目", "无任何已发布信息的栏目达5个及以上", conf.empty_columns_veto(), empty),
    ]  # fmt: skip


def _home_mark(home: freshness.HomeCheck) -> Mark:
    state = FRESHNESS_STATES[home.state]
    url = path_to("inspection:column", home.columns[0].pk) if home.columns else reverse("inspection:dashboard")
    item = Item(home.key, "首页新闻栏目", "", state, home.detail, url)
    return Mark("home", "首页不更新", "首页超过2周未更新", True, 1, int(state == FAILING), state, [item])


def _message_mark(user, now: datetime, soon: datetime) -> Mark:
    """Valid messages unanswered past the red-flag months now (failing), or by the end of the warning window (due)."""
    from interaction import selectors

    late = set(selectors.red_flagged_messages(user, now).values_list("pk", flat=True))
    items = []
    for message in selectors.red_flagged_messages(user, soon).select_related("unit"):
        failing = message.pk in late
        received = f"{timezone.localtime(message.received_at):%Y-%m-%d}收到"
        detail = (
            f"{received}，{'超过3个月仍未答复' if failing else '即将超过3个月未答复'}（{message.get_status_display()}）"
        )
        unit = message.unit.display_name if message.unit else "未分办"
        url = path_to("interaction:staff_message_detail", message.pk)
        items.append(Item(f"message:{message.pk}", f"{message.tracking_number} {message.title}", unit,
                          FAILING if failing else DUE, detail, url, message.unit_id))  # fmt: skip
    return _mark("messages", "互动回应差", "有效留言超过3个月未办理答复", 1, items)


def _newmedia_mark(user, today: date) -> Mark:
    """Accounts silent two weeks running (failing), or silent last week (due: one more week fails)."""
    from newmedia import selectors

    _, rows = selectors.activity_dashboard(user, today, weeks=2)
    items = []
    for row in rows:
        if row.standing != "silent" and (row.posts[0] or 0) > 0:
            continue
        account = row.account
        failing = row.standing == "silent"
        detail = "连续两周未更新" if failing else "上周未更新，再有一周未更新即不合格"
        items.append(Item(f"account:{account.pk}", f"{account.name}（{account.get_platform_display()}）",
                          account.organization.display_name, FAILING if failing else DUE, detail,
                          path_to("newmedia:staff_account", account.pk), account.organization_id))  # fmt: skip
    return _mark("newmedia", "政务新媒体不更新", "政务新媒体账号连续2周未更新", 1, items)


def _page_url(kind: str, page_id: int) -> str:
    name = PAGE_FIX_URLS.get(kind)
    return path_to(name, page_id) if name else ""


_UNIT_FIELDS = ("organization_id", "organization__short_name", "organization__name")


def _unit_name(row: dict) -> str:
    return row["organization__short_name"] or row["organization__name"] or ""


def _wording_marks(user) -> list[Mark]:
    """The last night's findings (read as plain rows: there may be thousands)."""
    fields = ("pk", "page_kind", "page_id", "page_title", "label", "match", "suggestion", "source", "is_serious")
    serious, minor = [], []
    for hit in scope_to_user(WordingHit.objects.all(), user).values(*fields, *_UNIT_FIELDS):
        fix = f"，{hit['suggestion']}" if hit["suggestion"] else ""
        detail = f"{hit['label']}：“{hit['match']}”{fix}（{hit['source']}）"
        item = Item(f"hit:{hit['pk']}", hit["page_title"], _unit_name(hit), FAILING, detail,
                    _page_url(hit["page_kind"], hit["page_id"]), hit["organization_id"])  # fmt: skip
        (serious if hit["is_serious"] else minor).append(item)
    return [
        _mark("wording", "严重表述错误", "已发布内容存在严重错误表述（国家和党的名称、领导姓名职务等）", 1, serious),
        _mark("wording_minor", "错敏提示", "错别字、固定用语、过时机构名称等一般性问题", 1, minor, veto=False),
    ]


def _link_mark(user) -> Mark:
    """Links failing (one night: due) or dead (two nights: failing), each with the pages that hold it."""
    fields = ("link_id", "page_kind", "page_id", "page_title", "link__url", "link__status", "link__fail_nights",
              "link__first_failed_on", "link__last_error")  # fmt: skip
    sources = scope_to_user(LinkSource.objects.all(), user).filter(
        link__status__in=(Link.Status.DEAD, Link.Status.FAILING)
    )
    by_link: dict[int, list[dict]] = defaultdict(list)
    for source in sources.order_by("link_id", "page_id").values(*fields, *_UNIT_FIELDS):
        by_link[source["link_id"]].append(source)
    items = []
    for held in by_link.values():
        first = held[0]
        pages = "、".join(f"《{s['page_title']}》" for s in held[:3]) + (
            f"等{len(held)}个页面" if len(held) > 3 else ""
        )
        since = f"，{first['link__first_failed_on']:%Y-%m-%d}起" if first["link__first_failed_on"] else ""
        error = first["link__last_error"] or "无法访问"
        detail = f"{error}{since}连续{first['link__fail_nights']}晚失败；所在页面：{pages}"
        state = FAILING if first["link__status"] == Link.Status.DEAD else DUE
        items.append(Item(f"link:{first['link_id']}", first["link__url"], _unit_name(first), state, detail,
                          _page_url(first["page_kind"], first["page_id"]), first["organization_id"]))  # fmt: skip
    items.sort(key=lambda item: item.state != FAILING)
    return _mark("links", "不可用链接", "页面链接或附件连续两晚检查均无法访问", 1, items, veto=False)


def _rate(code: str, label: str, done: int, on_time: int, detail: str, items: list[Item] | None = None) -> Score:
    if not done:
        return Score(code, label, "—", "unknown", detail)
    value = f"{on_time}/{done}（{round(100 * on_time / done, 1)}%）"
    return Score(code, label, value, "ok" if on_time == done else "attention", detail, items or [])


def _interpretation_score(organization_id: int | None, since: datetime) -> Score:
    """A policy's 解读 goes up within 3 working days of the policy (counted over policies that have one)."""
    from disclosure import selectors

    days = conf.interpretation_workdays()
    done, late = 0, []
    for policy in selectors.interpreted_policies(since, organization_id):
        done += 1
        limit = workdays.add_workdays(policy.published_at, days)
        read_on = workdays.to_local_date(policy.first_interpretation)
        if read_on > limit:
            detail = f"政策{workdays.to_local_date(policy.published_at):%Y-%m-%d}发布，解读{read_on:%Y-%m-%d}发布"
            late.append(Item(f"policy:{policy.pk}", policy.title, policy.organization.display_name, FAILING, detail,
                             path_to("disclosure:staff_detail", policy.pk), policy.organization_id))  # fmt: skip
    detail = f"近{conf.score_months()}个月发布且已有解读的政策文件中，{days}个工作日内发布解读的"
    return _rate("interpretation", "政策解读同步发布", done, done - len(late), detail, late)


def _missing_interpretation_score(organization_id: int | None, today: date) -> Score:
    """Published policies still without a 解读: past their 3-working-day limit (failing) or still within it (due)."""
    from disclosure import selectors

    items = []
    for policy in selectors.policies_without_interpretation_of(organization_id):
        late = policy.interpretation_due_on < today
        detail = (f"政策{workdays.to_local_date(policy.published_at):%Y-%m-%d}发布，解读应于"
                  f"{policy.interpretation_due_on:%Y-%m-%d}前发布{'，已超期' if late else ''}")  # fmt: skip
        items.append(Item(f"policy-missing:{policy.pk}", policy.title, policy.organization.display_name,
                          FAILING if late else DUE, detail, path_to("disclosure:staff_detail", policy.pk),
                          policy.organization_id))  # fmt: skip
    overdue = sum(1 for item in items if item.state == FAILING)
    state = "failing" if overdue else ("attention" if items else "ok")
    value = f"{len(items)}件（其中超期{overdue}件）" if items else "无"
    return Score("interpretation_missing", "政策文件待配发解读", value, state, "已发布但尚未发布解读的政策文件", items)


def _probe_scores(probes: dict) -> list[Score]:
    scores = []
    for code, label in (("search", "站内搜索可用"), ("elder", "长者模式可用")):
        probe = probes.get(code)
        if probe is None:
            scores.append(Score(code, label, "—", "unknown", "每晚自查时检查"))
        else:
            scores.append(Score(code, label, "可用" if probe["ok"] else "不可用", "ok" if probe["ok"] else "failing",
                                probe["detail"]))  # fmt: skip
    return scores


def _scores(user, organization_id: int | None, now: datetime, run: InspectionRun | None, probes: dict | None):
    from interaction import selectors

    if probes is None:
        probes = (run.stats or {}).get("probes", {}) if run else {}
    since = now - relativedelta(months=conf.score_months())
    months = conf.score_months()
    answered, on_time = selectors.reply_timeliness(user, since)
    handled, fixed = selectors.correction_timeliness(user, since)
    return [
        *_probe_scores(probes),
        _interpretation_score(organization_id, since),
        _missing_interpretation_score(organization_id, workdays.to_local_date(now)),
        _rate("messages", "留言按时答复", answered, on_time, f"近{months}个月答复的留言中，在办理时限内答复的"),
        _rate("corrections", "纠错按时办理", handled, fixed, f"近{months}个月办结的纠错中，按时转办并按时办理的"),
    ]


def last_run() -> InspectionRun | None:
    return InspectionRun.objects.filter(status=InspectionRun.Status.DONE).order_by("-started_at", "-id").first()


class SiteWide:
    """The whole site as office staff see it, for the nightly run (no one is logged in)."""

    is_authenticated = is_active = is_office_staff = is_portal_staff = True
    organization_id = None
    pk = id = None


def build(user, *, probes: dict | None = None) -> Dashboard:
    """The dashboard for ``user``: every unit for office staff, the user's own unit otherwise. ``probes`` are
    tonight's search and 长者模式 checks (otherwise the last finished run's)."""
    now = timezone.now()
    today = workdays.to_local_date(now)
    office = user.is_office_staff
    organization_id = None if office else user.organization_id
    with workdays.preloaded(today - timedelta(days=400), today + timedelta(days=240)):
        window = freshness.Window.for_today(today)
        tree = freshness.Tree.load()
        columns, home, marks = [], None, []
        if office:
            latest = freshness.latest_publications(tree)
            columns = freshness.site_columns(tree, window, latest)
            home = freshness.home(tree, window, latest)
            marks.append(_home_mark(home))
        unit_columns = freshness.unit_columns(tree, window, organization_id)
        marks += _column_marks(columns if office else unit_columns)
        soon = timezone.make_aware(datetime.combine(window.horizon, time.min))
        marks += [_message_mark(user, now, soon), *_wording_marks(user), _newmedia_mark(user, today)]
        marks.append(_link_mark(user))
        run = last_run()
        scores = _scores(user, organization_id, now, run, probes)
    vetoes = [m for m in marks if m.veto] + [m for m in marks if not m.veto]
    return Dashboard(today, office, vetoes, scores, columns, unit_columns, home, run)
