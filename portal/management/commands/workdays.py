"""`manage.py workdays add YYYY-MM-DD N` prints the N-th working day after the date; `workdays show YYYY-MM` prints
the month with the days off marked."""

from datetime import date

from django.core.management.base import BaseCommand, CommandError

from portal import workdays

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
        if options["action"] == "add":
            start = _parse_date(options["start"])
            try:
                n = int(options["n"])
            except ValueError as exc:
                raise CommandError(f"工作日数应为非负整数：{options['n']!r}") from exc
            if n < 0:
                raise CommandError(f"工作日数应为非负整数：{n}")
            self.stdout.write(workdays.add_workdays(start, n).isoformat())
        else:
            self._show(options["month"])

    def _show(self, value: str) -> None:
        try:
            year, month = (int(p) for p in value.split("-"))
            date(year, month, 1)
        except ValueError as exc:
            raise CommandError(f"月份格式应为 YYYY-MM：{value!r}") from exc
        self.stdout.write(f"{year}年{month}月（* 为休息日）")
        for day, working, note in workdays.month_days(year, month):
            mark = " " if working else "*"
            suffix = f"  {note}" if note else ""
            self.stdout.write(f"{mark} {day:%Y-%m-%d} 周{_WEEKDAYS[day.weekday()]}{suffix}")
