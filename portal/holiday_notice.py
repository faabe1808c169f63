"""The State Council's yearly holiday notice (国务院办公厅关于YYYY年部分节假日安排的通知) read into calendar overrides.

The notice is published each November; until the chinesecalendar package knows the year, an administrator pastes
its text (``manage.py workdays import FILE`` or the admin's 「从通知导入」 page), checks the days found and saves
them as WorkdayOverride rows: every 放假 day not working, every 上班 day working.

A text is read completely or not at all: every numbered holiday line (「二、春节：……」) must be understood sentence
by sentence, the weekdays the notice prints in brackets must match the dates, and each 「共N天」 must match the
range; anything else is refused with the line that failed, so that a mistyped or cut-off notice can never leave
half a year's calendar wrong."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from datetime import date, timedelta

from django.db import transaction

from portal.models import WorkdayOverride
from portal.workflow import after_commit

_TITLE_YEAR = re.compile(r"关于(\d{4})年部分节假日安排的通知")
_ORDINAL_LINE = re.compile(r"^([一二三四五六七八九十]+)、([^:]+):(.*)$")
_DATE = re.compile(r"(?:(?P<y>\d{4})年)?(?:(?P<m>\d{1,2})月)?(?P<d>\d{1,2})日(?:\((?P<note>[^)]*)\))?")
_DATE_START = re.compile(r"^(?:\d{4}年)?\d{1,2}月\d{1,2}日")
_DAYS_OFF = re.compile(r"放假(?P<swap>调休)?(?:(?P<n>\d+)天)?")
_TOTAL = re.compile(r"共(\d+)天")
_WEEKDAY = re.compile(r"(?:周|星期)([一二三四五六日天])")
_WEEKDAYS = "一二三四五六日"
_NUMERALS = "一二三四五六七八九"


class NoticeError(ValueError):
    """A notice that cannot be read completely; the message (Chinese) names the line and why."""


@dataclass(frozen=True)
class Festival:
    name: str
    days_off: tuple[date, ...]
    workdays: tuple[date, ...]


@dataclass(frozen=True)
class Notice:
    year: int
    festivals: tuple[Festival, ...]

    def overrides(self) -> list[tuple[date, bool, str]]:
        """(date, is_workday, note) for every day the notice names, in date order."""
        rows = [(d, False, f"{f.name}放假") for f in self.festivals for d in f.days_off]
        rows += [(d, True, f"{f.name}调休上班") for f in self.festivals for d in f.workdays]
        return sorted(rows)

    @property
    def days_off(self) -> set[date]:
        return {d for f in self.festivals for d in f.days_off}

    @property
    def workdays(self) -> set[date]:
        return {d for f in self.festivals for d in f.workdays}


def _chinese_number(text: str) -> int:
    """一 … 九十九, as the notice numbers its items."""
    if "十" not in text:
        return _NUMERALS.index(text) + 1
    tens, _, units = text.partition("十")
    return (_NUMERALS.index(tens) + 1 if tens else 1) * 10 + (_NUMERALS.index(units) + 1 if units else 0)


def _normalise(line: str) -> str:
    # Full-width brackets, colons, commas and digits become ASCII; spaces (U+3000 indents too) go.
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", line))


def _entries(text: str) -> list[tuple[int, str, str]]:
    """(line number, original line, normalised entry) of every numbered holiday item. A line that a PDF copy or a
    narrow window wrapped is joined back to its item: one that follows an unfinished sentence, or starts with a
    date."""
    entries: list[list] = []
    current = None
    for number, raw in enumerate(text.splitlines(), start=1):
        line = _normalise(raw)
        if not line:
            current = None
        elif _ORDINAL_LINE.match(line):
            current = [number, raw.strip(), line]
            entries.append(current)
        elif current is not None and (not current[2].endswith("。") or _DATE_START.match(line)):
            current[1] += raw.strip()
            current[2] += line
        else:
            current = None
    return [tuple(entry) for entry in entries]


def notice_year(text: str, year: int | None = None) -> int:
    titled = {int(y) for y in _TITLE_YEAR.findall(_normalise(text))}
    if len(titled) > 1:
        raise NoticeError(f"通知标题中的年份不止一个：{'、'.join(str(y) for y in sorted(titled))}。")
    if titled and year and year not in titled:
        raise NoticeError(f"通知标题是{titled.pop()}年，与指定的{year}年不符。")
    if titled:
        return titled.pop()
    if year:
        return year
    raise NoticeError("无法确定年份：请粘贴含标题「国务院办公厅关于XXXX年部分节假日安排的通知」的全文，或指定年份。")


def parse_notice(text: str, year: int | None = None) -> Notice:
    """Read the notice; raises NoticeError naming the first line that cannot be read completely."""
    year = notice_year(text, year)
    entries = _entries(text)
    if not entries:
        raise NoticeError("没有找到节日安排：通知中应有「一、元旦：1月1日（周四）……放假」这样的编号行。")
    festivals = []
    for expected, (number, raw, line) in enumerate(entries, start=1):
        ordinal, name, body = _ORDINAL_LINE.match(line).groups()
        if _chinese_number(ordinal) != expected:
            raise NoticeError(f"第{number}行：编号「{ordinal}」不连续，可能缺少或重复了一行：{raw}")
        try:
            festivals.append(_festival(name, body, year))
        except NoticeError as exc:
            raise NoticeError(f"第{number}行无法完整识别（{exc}）：{raw}") from None
    _check_no_clash(festivals)
    return Notice(year, tuple(festivals))


def _festival(name: str, body: str, year: int) -> Festival:
    days_off: list[date] = []
    workdays: list[date] = []
    no_swap = False
    sentences = [s for s in body.split("。") if s]
    if not body.endswith("。"):
        raise NoticeError("句子不完整，缺少句号")
    for sentence in sentences:
        first, *rest = sentence.split(",")
        if first.endswith("上班") and not rest:
            workdays += _date_list(first.removesuffix("上班"), year)
        elif first.endswith("补休") and not rest:
            days_off += _date_list(first.removesuffix("补休"), year)
        elif _DAYS_OFF.search(first):
            off, no_swap_here = _days_off_sentence(first, rest, year)
            days_off += off
            no_swap = no_swap or no_swap_here
        else:
            raise NoticeError(f"看不懂「{sentence}」")
    if not days_off:
        raise NoticeError("没有放假日期")
    if no_swap and workdays:
        raise NoticeError("写明「不调休」却又列出了上班日期")
    return Festival(name, tuple(days_off), tuple(workdays))


def _days_off_sentence(first: str, rest: list[str], year: int) -> tuple[list[date], bool]:
    """「1月28日（农历除夕、周二）至2月4日（农历正月初七、周二）放假调休」 plus 「共8天」, 「不调休」, 「与周末连休」
    or 「1月2日（星期一）补休」 (older notices)."""
    start_match = _DATE.match(first)
    if not start_match:
        raise NoticeError(f"「{first}」没有以日期开头")
    start = _resolve(start_match, year, None)
    position = start_match.end()
    end = start
    if first.startswith("至", position):
        end_match = _DATE.match(first, position + 1)
        if not end_match:
            raise NoticeError(f"「{first}」的“至”后面不是日期")
        end = _resolve(end_match, start.year, start.month)
        position = end_match.end()
    tail = _DAYS_OFF.fullmatch(first, position)
    if not tail:
        raise NoticeError(f"看不懂「{first}」")
    if not start <= end <= start + timedelta(days=31):
        raise NoticeError(f"放假起止日期不对：{start:%Y-%m-%d}至{end:%Y-%m-%d}")
    days = [start + timedelta(days=i) for i in range((end - start).days + 1)]
    counts = [int(tail["n"])] if tail["n"] else []
    no_swap = False
    in_lieu: list[date] = []
    for clause in rest:
        total = _TOTAL.fullmatch(clause)
        if total:
            counts.append(int(total[1]))
        elif clause.endswith("补休"):
            in_lieu += _date_list(clause.removesuffix("补休"), year)
        elif clause == "不调休":
            no_swap = True
        elif clause != "与周末连休":  # the days joining a weekend are off anyway: only the named days are listed
            raise NoticeError(f"看不懂「{clause}」")
    for count in counts:
        if count != len(days):
            raise NoticeError(f"写明共{count}天，但{days[0]:%m月%d日}至{days[-1]:%m月%d日}是{len(days)}天")
    return days + in_lieu, no_swap


def _date_list(text: str, year: int) -> list[date]:
    """「1月26日（周日）、2月8日（周六）」: dates joined by 、, each taking the month and year before it if omitted."""
    days: list[date] = []
    position = 0
    while True:
        match = _DATE.match(text, position)
        if not match:
            raise NoticeError(f"「{text}」中有看不懂的日期")
        previous = days[-1] if days else None
        days.append(_resolve(match, previous.year if previous else year, previous.month if previous else None))
        position = match.end()
        if position == len(text):
            return days
        if not text.startswith("、", position):
            raise NoticeError(f"「{text}」中有看不懂的内容")
        position += 1


def _resolve(match: re.Match, year: int, month: int | None) -> date:
    """The date of one 「M月D日（…周X）」, checked against the weekday the notice prints with it."""
    y = int(match["y"]) if match["y"] else year
    m = int(match["m"]) if match["m"] else month
    if m is None:
        raise NoticeError(f"「{match[0]}」缺少月份")
    try:
        day = date(y, m, int(match["d"]))
    except ValueError:
        raise NoticeError(f"「{match[0]}」不是有效日期") from None
    weekday = _WEEKDAY.search(match["note"] or "")
    if weekday and _WEEKDAYS[day.weekday()] != weekday[1].replace("天", "日"):
        raise NoticeError(f"{day:%Y年%m月%d日}是周{_WEEKDAYS[day.weekday()]}，通知写的是周{weekday[1]}")
    return day


def _check_no_clash(festivals: list[Festival]) -> None:
    seen: dict[date, str] = {}
    for festival in festivals:
        for day in (*festival.days_off, *festival.workdays):
            if day in seen:
                raise NoticeError(f"{day:%Y年%m月%d日}在「{seen[day]}」和「{festival.name}」中重复出现。")
            seen[day] = festival.name


# --- Saving


@dataclass(frozen=True)
class ImportResult:
    created: int
    updated: int


def existing_overrides(notice: Notice) -> dict[date, WorkdayOverride]:
    """Rows already in the table for the days the notice names (they will be replaced)."""
    days = [day for day, _, _ in notice.overrides()]
    return {row.date: row for row in WorkdayOverride.objects.filter(date__in=days)}


@transaction.atomic
def import_notice(notice: Notice) -> ImportResult:
    """Save every day of the notice as an override (replacing rows for the same days; other rows stay, such as a
    county's own days off), then recompute stored due dates once, after commit."""
    rows = notice.overrides()
    existing = set(existing_overrides(notice))
    WorkdayOverride.objects.bulk_create(
        [WorkdayOverride(date=day, is_workday=working, note=note[:100]) for day, working, note in rows],
        update_conflicts=True,
        unique_fields=["date"],
        update_fields=["is_workday", "note", "updated_at"],
    )
    days = [day.isoformat() for day, _, _ in rows]
    # One recompute for the whole year rather than one per row; a broker that is down does not undo the import
    # (after_commit logs it, and the nightly recompute catches up).
    after_commit("portal.recompute_due_dates", days)
    return ImportResult(created=len(rows) - len(existing), updated=len(existing))
