"""`manage.py workdays add YYYY-MM-DD N` prints the N-th working day after the date; `workdays show YYYY-MM` prints
the month with the days off marked."""

from datetime import date
from functools import partial

from django.core.management.base import BaseCommand, CommandError
from django.db import DatabaseError, connection

from portal import workdays
from portal.models import WorkdayOverride

_WEEKDAYS = "一二三四五六日"


def _parse_date(value: str) -> date:
    try:
        return date.fromisoformat(value)
    except ValueError as exc:
        raise CommandError(f"日期格式应为 YYYY-MM-DD：{value!r}") from exc


class Command(BaseCommand):
    help = "工作日计算：add YYYY-MM-DD N | show YYYY-MM"
    # The output is meant for scripts (the date alone): no system-check chatter.
    requires_system_checks: list = []

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True)
        add = sub.add_parser("add", help="第N个工作日（不含起始日）")
        add.add_argument("start")
        add.add_argument("n")
        show = sub.add_parser("show", help="显示一个月的工作日与休息日")
        show.add_argument("month")

    def handle(self, *args, **options):
        # Arguments first: a bad one is a one-line error whatever the state of the database.
        if options["action"] == "add":
            start = _parse_date(options["start"])
            n = _parse_count(options["n"])
            work = partial(self._add, start, n)
        else:
            work = partial(self._show, *_parse_month(options["month"]))
        if _override_table_exists():
            work()
            return
        self.stderr.write(
            "提示：数据库尚未迁移（manage.py migrate），本次仅按国务院节假日安排计算，未计入工作日调整表。"
        )
        with workdays.package_only():
            work()

    def _add(self, start: date, n: int) -> None:
        self.stdout.write(workdays.add_workdays(start, n).isoformat())

    def _show(self, year: int, month: int) -> None:
        self.stdout.write(f"{year}年{month}月（* 为休息日）")
        for day, working, note in workdays.month_days(year, month):
            mark = " " if working else "*"
            suffix = f"  {note}" if note else ""
            self.stdout.write(f"{mark} {day:%Y-%m-%d} 周{_WEEKDAYS[day.weekday()]}{suffix}")


def _parse_count(value: str) -> int:
    try:
        n = int(value)
    except ValueError as exc:
        raise CommandError(f"工作日数应为非负整数：{value!r}") from exc
    if n < 0:
        raise CommandError(f"工作日数应为非负整数：{n}")
    return n


def _parse_month(value: str) -> tuple[int, int]:
    try:
        year, month = (int(p) for p in value.split("-"))
        date(year, month, 1)
    except ValueError as exc:
        raise CommandError(f"月份格式应为 YYYY-MM：{value!r}") from exc
    return year, month


def _override_table_exists() -> bool:
    try:
        return WorkdayOverride._meta.db_table in connection.introspection.table_names()
    except DatabaseError:
        return False
