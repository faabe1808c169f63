"""Column freshness, live: for each checked column (and each unit's own catalogue of the columns checked per unit)
the last publication, the day it goes stale, and its state.

A column of limit L last updated on day D is stale from the day after D + L; it is "due" when at most N working days
remain (N = INSPECTION_WARN_WORKDAYS), i.e. D + L falls before the (N+1)-th working day after today. A checked column
with nothing published is empty. The home page counts as updated when any of its news blocks (the columns shown on
the home page) publishes."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from zoneinfo import ZoneInfo

from django.conf import settings

from inspection import conf
from inspection.models import LIMITS, ColumnRule, UpdateClass
from inspection.paths import path_to
from portal import workdays
from portal.models import Organization

OK, DUE, STALE, EMPTY = "ok", "due", "stale", "empty"
STATE_LABELS = {OK: "正常", DUE: "即将超期", STALE: "超期未更新", EMPTY: "空白栏目"}
STATE_CSS = {OK: "clock-ok", DUE: "clock-soon", STALE: "clock-overdue", EMPTY: "clock-overdue"}


_ZONE = ZoneInfo(settings.TIME_ZONE)


class Stated:
    """A row with a ``state``: its Chinese label and its badge's CSS class, from the class's own tables."""

    LABELS: dict[str, str] = STATE_LABELS
    CSS: dict[str, str] = STATE_CSS
    state: str

    @property
    def state_label(self) -> str:
        return self.LABELS[self.state]

    @property
    def css(self) -> str:
        return self.CSS[self.state]


def local_date(moment: datetime) -> date:
    """The Shanghai date of a stored moment (timezone.localtime looks the zone up on every call: too slow for the
    thousands of rows a dashboard reads)."""
    return moment.astimezone(_ZONE).date()


@dataclass
class Window:
    """Today, and the first day that is more than N working days away (a due date before it is "due")."""

    today: date
    horizon: date

    @classmethod
    def for_today(cls, today: date | None = None) -> Window:
        today = today or workdays.today()
        return cls(today, workdays.add_workdays(today, conf.warn_workdays() + 1))

    def state(self, last: datetime | None, limit) -> tuple[str, date | None]:
        if last is None:
            return EMPTY, None
        due_on = local_date(last) + limit
        if self.today > due_on:
            return STALE, due_on
        return (DUE if due_on < self.horizon else OK), due_on


@dataclass
class ColumnCheck(Stated):
    column: object  # a disclosure Column
    path: str  # 政府信息公开 › 政策 › 规章
    update_class: str
    last: datetime | None
    state: str
    due_on: date | None
    today: date
    unit: Organization | None = None

    @property
    def key(self) -> str:
        return f"column:{self.column.pk}" + (f":unit:{self.unit.pk}" if self.unit else "")

    @property
    def label(self) -> str:
        return f"{self.path}（{self.unit.display_name}）" if self.unit else self.path

    @property
    def class_label(self) -> str:
        return UpdateClass(self.update_class).label

    @property
    def days_left(self) -> int | None:
        return (self.due_on - self.today).days if self.due_on else None

    @property
    def detail(self) -> str:
        if self.state == EMPTY:
            return "栏目内尚无已发布信息"
        last = f"最近更新{local_date(self.last):%Y-%m-%d}"
        if self.state == STALE:
            return f"{last}，已于{self.due_on:%Y-%m-%d}超期（{-self.days_left}天）"
        return f"{last}，{self.due_on:%Y-%m-%d}前须更新（剩{self.days_left}天）"

    @property
    def url(self) -> str:
        url = path_to("inspection:column", self.column.pk)
        return f"{url}?unit={self.unit.pk}" if self.unit else url


def default_class(column) -> str:
    """A column nobody has classed yet: news columns are checked as news, catalogue columns as notices."""
    return {"news": UpdateClass.NEWS, "catalogue": UpdateClass.NOTICE}.get(column.kind, UpdateClass.NONE)


@dataclass
class Tree:
    columns: list  # every column that takes documents, in tree order
    paths: dict[int, str]
    rules: dict[int, ColumnRule]

    @classmethod
    def load(cls) -> Tree:
        from disclosure import selectors

        roots, children = selectors.column_tree()
        columns, paths = [], {}
        stack = [(root, root.name) for root in reversed(roots)]
        while stack:
            column, path = stack.pop()
            paths[column.pk] = path
            if column.accepts_documents:
                columns.append(column)
            stack.extend((child, f"{path} › {child.name}") for child in reversed(children.get(column.pk, [])))
        return cls(columns, paths, {rule.column_id: rule for rule in ColumnRule.objects.all()})

    def update_class(self, column) -> str:
        rule = self.rules.get(column.pk)
        return rule.update_class if rule else default_class(column)

    def checked(self) -> list:
        return [c for c in self.columns if self.update_class(c) != UpdateClass.NONE]

    def per_unit(self) -> list:
        return [c for c in self.checked() if (rule := self.rules.get(c.pk)) and rule.per_unit]


def latest_publications(tree: Tree) -> dict[int, datetime]:
    """The newest publication of every checked column and every column shown on the home page."""
    from disclosure import selectors

    wanted = {c.pk for c in tree.checked()} | {c.pk for c in tree.columns if c.show_on_home}
    return selectors.latest_publications(sorted(wanted))


def site_columns(tree: Tree, window: Window, latest: dict[int, datetime]) -> list[ColumnCheck]:
    """Every checked column as the public sees it: the newest publication of any unit (``latest_publications()``)."""
    checks = []
    for column in tree.checked():
        update_class = tree.update_class(column)
        last = latest.get(column.pk)
        state, due_on = window.state(last, LIMITS[update_class])
        checks.append(ColumnCheck(column, tree.paths[column.pk], update_class, last, state, due_on, window.today))
    return checks


def unit_columns(tree: Tree, window: Window, organization_id: int | None = None) -> list[ColumnCheck]:
    """Each unit's own catalogue of the columns checked per unit: the newest publication of that unit."""
    from disclosure import selectors

    columns = tree.per_unit()
    if not columns:
        return []
    units = Organization.objects.active().order_by("kind", "order", "id")
    if organization_id is not None:
        units = units.filter(pk=organization_id)
    last_by = selectors.unit_publication_stats([c.pk for c in columns], organization_id)
    checks = []
    for unit in units:
        for column in columns:
            if not column.allows_unit(unit):
                continue
            update_class = tree.update_class(column)
            last = last_by.get((column.pk, unit.pk))
            state, due_on = window.state(last, LIMITS[update_class])
            path = tree.paths[column.pk]
            checks.append(ColumnCheck(column, path, update_class, last, state, due_on, window.today, unit))
    return checks


@dataclass
class HomeCheck:
    last: datetime | None
    state: str
    due_on: date | None
    columns: list

    key = "home"
    label = "首页"

    @property
    def detail(self) -> str:
        if self.last is None:
            return "首页新闻栏目尚无已发布信息"
        last = f"首页新闻栏目最近更新{local_date(self.last):%Y-%m-%d}"
        return f"{last}，{'已于' if self.state == STALE else ''}{self.due_on:%Y-%m-%d}{'超期' if self.state == STALE else '前须更新'}"


def home(tree: Tree, window: Window, latest: dict[int, datetime]) -> HomeCheck:
    """The home page is updated when any column shown on it publishes (its news blocks)."""
    shown = [c for c in tree.columns if c.show_on_home]
    dates = [latest[c.pk] for c in shown if c.pk in latest]
    last = max(dates) if dates else None
    state, due_on = window.state(last, conf.HOME_LIMIT)
    return HomeCheck(last, STALE if state == EMPTY else state, due_on, shown)


def one_column(tree: Tree, window: Window, column, unit: Organization | None = None) -> ColumnCheck | None:
    """One column's check, site-wide or for one unit's own catalogue; None for a column that is not checked."""
    from disclosure import selectors

    update_class = tree.update_class(column)
    if update_class == UpdateClass.NONE:
        return None
    if unit is None:
        last = selectors.latest_publications([column.pk]).get(column.pk)
    else:
        last = selectors.unit_publication_stats([column.pk], unit.pk).get((column.pk, unit.pk))
    state, due_on = window.state(last, LIMITS[update_class])
    return ColumnCheck(column, tree.paths[column.pk], update_class, last, state, due_on, window.today, unit)
