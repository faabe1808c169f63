"""`manage.py workdays add YYYY-MM-DD N` prints the N-th working day after the date; `workdays show YYYY-MM` prints
the month with the days off marked; `workdays import FILE` reads the State Council's holiday notice into the override
table after showing the days it found."""

import sys
from datetime import date
from functools import partial
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.db import DatabaseError, connection

from portal import holiday_notice, workdays
from portal.models import WorkdayOverride

_WEEKDAYS = "一二三四五六日"


def _parse_date(value: str) -> date:
    try:
        return date.fromisoformat(value)
    except ValueError as exc:
        raise CommandError(f"日期格式应为 YYYY-MM-DD：{value!r}") from exc


class Command(BaseCommand):
    help = "工作日计算：add YYYY-MM-DD N | show YYYY-MM | import 通知文本文件 [--year YYYY] [--yes]"
    # The output is meant for scripts (the date alone): no system-check chatter.
    requires_system_checks: list = []

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True)
        add = sub.add_parser("add", help="第N个工作日（不含起始日）")
        add.add_argument("start")
        add.add_argument("n")
        show = sub.add_parser("show", help="显示一个月的工作日与休息日")
        show.add_argument("month")
        notice = sub.add_parser("import", help="导入国务院办公厅节假日安排通知（文本文件，- 为标准输入）")
        notice.add_argument("file")
        notice.add_argument("--year", type=int, help="通知年份（通知全文含标题时可省略）")
        notice.add_argument("--yes", action="store_true", help="不询问，直接保存")

    def handle(self, *args, **options):
        if options["action"] == "import":
            self._import(options["file"], options["year"], options["yes"])
            return
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

    def _import(self, path: str, year: int | None, yes: bool) -> None:
        if not _override_table_exists():
            raise CommandError("数据库尚未迁移（manage.py migrate），无法保存工作日调整。")
        try:
            notice = holiday_notice.parse_notice(_read_text(path), year)
        except holiday_notice.NoticeError as exc:
            raise CommandError(f"未导入：{exc}") from exc
        self._print_notice(notice)
        if not yes and not _confirmed("确认保存到工作日调整表？[y/N] "):
            self.stdout.write("未保存。")
            return
        result = holiday_notice.import_notice(notice)
        self.stdout.write(f"已保存{notice.year}年节假日安排：新增{result.created}条，更新{result.updated}条。")

    def _print_notice(self, notice) -> None:
        off, work = len(notice.days_off), len(notice.workdays)
        self.stdout.write(f"{notice.year}年节假日安排：放假{off}天，调休上班{work}天。")
        existing = holiday_notice.existing_overrides(notice)
        for day, working, note in notice.overrides():
            mark = "上班" if working else "放假"
            replaced = f"  （替换原有：{existing[day]}）" if day in existing else ""
            self.stdout.write(f"{mark} {day:%Y-%m-%d} 周{_WEEKDAYS[day.weekday()]}  {note}{replaced}")


def _confirmed(question: str) -> bool:
    try:
        answer = input(question)
    except EOFError:  # no terminal (a script without --yes): nothing is saved
        return False
    return answer.strip().lower() in ("y", "yes", "是")


def _read_text(path: str) -> str:
    """The notice from a file (or standard input for "-"): UTF-8, or GB18030 as saved by Chinese Windows."""
    try:
        data = sys.stdin.buffer.read() if path == "-" else Path(path).read_bytes()
    except OSError as exc:
        raise CommandError(f"无法读取文件：{path}（{exc.strerror}）") from exc
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise CommandError(f"文件不是 UTF-8 或 GB18030 编码的文本：{path}")


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
