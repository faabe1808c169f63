"""Reading the State Council's holiday notice into the override table: the 2025 and 2026 notices give exactly the
chinesecalendar package's days off and make-up working days; anything not read completely is refused whole."""

from datetime import date
from io import StringIO
from pathlib import Path

import chinese_calendar.constants as official
import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from portal import workdays
from portal.holiday_notice import NoticeError, parse_notice
from portal.models import WorkdayOverride

NOTICES = Path(__file__).resolve().parents[2] / "fixtures" / "holiday_notices"


def notice_text(year: int) -> str:
    return (NOTICES / f"{year}.txt").read_text(encoding="utf-8")


def one_line(line: str, year: int = 2026) -> str:
    return f"国务院办公厅关于{year}年部分节假日安排的通知\n{line}\n"


@pytest.mark.parametrize("year", [2025, 2026])
def test_the_notice_gives_exactly_the_official_days_off_and_make_up_days(year):
    notice = parse_notice(notice_text(year))

    assert notice.year == year
    assert notice.days_off == {d for d in official.holidays if d.year == year}
    assert notice.workdays == {d for d in official.workdays if d.year == year}


def test_festivals_are_named_as_in_the_notice():
    notice = parse_notice(notice_text(2025))
    assert [f.name for f in notice.festivals] == ["元旦", "春节", "清明节", "劳动节", "端午节", "国庆节、中秋节"]
    assert (date(2025, 1, 26), True, "春节调休上班") in notice.overrides()
    assert (date(2025, 10, 6), False, "国庆节、中秋节放假") in notice.overrides()


@pytest.mark.parametrize(
    "line, days_off, days_on",
    [
        # A cross-month range with lunar dates in the brackets, and a 、 list of make-up days.
        ("一、春节：1月28日（农历除夕、周二）至2月4日（农历正月初七、周二）放假调休，共8天。1月26日（周日）、2月8日（周六）上班。",
         ("2025-01-28", "2025-02-04"), ["2025-01-26", "2025-02-08"]),
        ("一、春节：2月15日（农历腊月二十八）至23日（农历正月初七）放假调休，共9天。2月14日（周六）、2月28日（周六）上班。",
         ("2026-02-15", "2026-02-23"), ["2026-02-14", "2026-02-28"]),
        # Older wording: 星期, 与周末连休 (only the named day is listed), 补休, years written out across New Year.
        ("一、元旦：1月1日（周五）放假，与周末连休。", ("2027-01-01", "2027-01-01"), []),
        ("一、元旦：2018年12月30日至2019年1月1日放假调休，共3天。2018年12月29日（星期六）上班。",
         ("2018-12-30", "2019-01-01"), ["2018-12-29"]),
    ],
)  # fmt: skip
def test_the_wordings_of_the_notices_are_read(line, days_off, days_on):
    first, last = (date.fromisoformat(d) for d in days_off)
    year = int(days_on[0][:4]) + 1 if "2018年" in line else first.year
    notice = parse_notice(one_line(line, year))
    assert sorted(notice.days_off) == [date.fromordinal(o) for o in range(first.toordinal(), last.toordinal() + 1)]
    assert sorted(notice.workdays) == [date.fromisoformat(d) for d in days_on]


def test_an_older_in_lieu_day_off_is_read():
    notice = parse_notice(one_line("一、元旦：1月1日放假，1月2日（星期一）补休。", 2017))
    assert (
        notice.days_off
        == {date(2017, 1, 1), date(2017, 1, 2)}
        == {d for d in official.holidays if d.year == 2017 and d.month == 1 and d.day < 3}
    )


@pytest.mark.parametrize(
    "line, reason",
    [
        ("一、元旦：1月1日（周五）至3日（周六）放假调休，共3天。1月4日（周日）上班。", "2026年01月01日是周四，通知写的是周五"),
        ("一、元旦：1月1日（周四）至3日（周六）放假调休，共4天。", "写明共4天"),
        ("一、元旦：1月1日（周四）放假1天，不调休。1月4日（周日）上班。", "不调休"),
        ("一、元旦：1月1日（周四）至3日（周六）放假调休，共3天。1月4日（周日）上班", "缺少句号"),
        ("一、元旦：1月1日（周四）至3日（周六）放假调休，共3天。另行通知。", "看不懂「另行通知」"),
        ("一、元旦：元月一日放假。", "没有以日期开头"),
        ("一、元旦：1月1日（周四）至3日（周六）放假调休，共3天，酌情安排。", "看不懂「酌情安排」"),
        ("一、元旦：2月30日放假。", "不是有效日期"),
        ("一、元旦：1月4日（周日）上班。", "没有放假日期"),
    ],
)  # fmt: skip
def test_a_line_that_cannot_be_read_completely_refuses_the_whole_notice(line, reason):
    with pytest.raises(NoticeError) as caught:
        parse_notice(one_line(line))
    assert "第2行无法完整识别" in str(caught.value) and reason in str(caught.value)
    assert line in str(caught.value)


def test_a_missing_item_is_noticed_by_the_numbering():
    text = notice_text(2026).replace("　　三、清明节：4月4日（周六）至6日（周一）放假，共3天。\n", "")
    with pytest.raises(NoticeError, match="编号「四」不连续"):
        parse_notice(text)


def test_the_same_day_in_two_items_is_refused():
    text = one_line("一、元旦：1月1日（周四）放假。\n二、春节：1月1日（周四）放假。")
    with pytest.raises(NoticeError, match="重复出现"):
        parse_notice(text)


def test_the_year_comes_from_the_title_or_the_option():
    body = "一、元旦：1月1日（周五）放假，与周末连休。"
    assert parse_notice(body, year=2027).year == 2027
    with pytest.raises(NoticeError, match="无法确定年份"):
        parse_notice(body)
    with pytest.raises(NoticeError, match="通知标题是2026年，与指定的2027年不符"):
        parse_notice(notice_text(2026), year=2027)


def test_a_text_without_any_item_is_refused():
    with pytest.raises(NoticeError, match="没有找到节日安排"):
        parse_notice("国务院办公厅关于2027年部分节假日安排的通知\n经国务院批准，现将……通知如下。")


def test_a_line_wrapped_by_a_copy_from_a_pdf_is_joined_back():
    text = notice_text(2026).replace("放假调休，共9天。2月14日", "放假调休，\n共9天。\n2月14日")
    assert parse_notice(text).workdays == parse_notice(notice_text(2026)).workdays


# --- manage.py workdays import


def run(*args: str) -> str:
    out = StringIO()
    call_command("workdays", "import", *args, stdout=out)
    return out.getvalue()


@pytest.mark.django_db
def test_the_command_shows_the_days_and_saves_nothing_unless_confirmed(monkeypatch):
    monkeypatch.setattr("builtins.input", lambda question: "n")
    out = run(str(NOTICES / "2026.txt"))
    assert out.splitlines()[0] == "2026年节假日安排：放假33天，调休上班6天。"
    assert "上班 2026-02-14 周六  春节调休上班" in out and "放假 2026-02-23 周一  春节放假" in out
    assert "未保存。" in out
    assert not WorkdayOverride.objects.exists()


@pytest.mark.django_db
def test_the_command_saves_every_day_when_confirmed(monkeypatch, django_capture_on_commit_callbacks):
    monkeypatch.setattr("builtins.input", lambda question: "y")
    WorkdayOverride.objects.create(date=date(2026, 2, 14), is_workday=False, note="录错的")
    WorkdayOverride.objects.create(date=date(2026, 3, 2), is_workday=False, note="本县民族节日")
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        out = run(str(NOTICES / "2026.txt"))
    assert "（替换原有：2026-02-14 休息 录错的）" in out
    assert "新增38条，更新1条" in out
    assert WorkdayOverride.objects.count() == 40
    assert WorkdayOverride.objects.get(date=date(2026, 2, 14)).is_workday is True
    assert WorkdayOverride.objects.get(date=date(2026, 3, 2)).note == "本县民族节日"  # the county's own day stays
    assert len(callbacks) == 1  # one recompute of due dates for the whole import


@pytest.mark.django_db
def test_an_imported_2027_notice_makes_deadlines_right_beyond_the_package(tmp_path):
    """The reason for the import: from 2027 the package knows nothing and counts weekdays only."""
    path = tmp_path / "notice.txt"
    path.write_text(one_line("一、元旦：1月1日（周五）放假，与周末连休。", 2027), encoding="gb18030")  # Windows
    assert workdays.add_workdays(date(2026, 12, 31), 1) == date(2027, 1, 1)
    run(str(path), "--yes")
    assert workdays.add_workdays(date(2026, 12, 31), 1) == date(2027, 1, 4)


@pytest.mark.django_db
def test_the_command_refuses_an_unreadable_notice_with_the_line(tmp_path):
    path = tmp_path / "notice.txt"
    path.write_text(one_line("一、元旦：1月1日（周四）至3日（周六）放假调休，共4天。"), encoding="utf-8")
    with pytest.raises(CommandError, match="未导入：第2行无法完整识别"):
        run(str(path), "--yes")
    assert not WorkdayOverride.objects.exists()
    with pytest.raises(CommandError, match="无法读取文件"):
        run(str(tmp_path / "missing.txt"))


# --- the admin: paste, preview, confirm

IMPORT = "/admin/portal/workdayoverride/import/"


@pytest.fixture
def admin_client(client, admin_user):
    client.force_login(admin_user)
    return client


@pytest.mark.django_db
def test_the_changelist_links_to_the_import_page(admin_client):
    assert IMPORT in admin_client.get("/admin/portal/workdayoverride/").content.decode()
    assert "通知全文" in admin_client.get(IMPORT).content.decode()


@pytest.mark.django_db
def test_the_admin_previews_then_saves_on_confirmation(admin_client):
    preview = admin_client.post(IMPORT, {"text": notice_text(2025)})
    html = preview.content.decode()
    assert "放假 28 天，调休上班 5 天" in html and "2025-01-26" in html and "确认保存 33 条" in html
    assert not WorkdayOverride.objects.exists()  # a preview saves nothing

    confirm_form = preview.context["confirm_form"]
    response = admin_client.post(IMPORT + "confirm/", {"text": confirm_form.initial["text"], "year": ""})
    assert response.status_code == 302 and response.url == "/admin/portal/workdayoverride/?year=2025"
    saved = WorkdayOverride.objects.all()
    assert {o.date for o in saved if not o.is_workday} == {d for d in official.holidays if d.year == 2025}
    assert {o.date for o in saved if o.is_workday} == {d for d in official.workdays if d.year == 2025}


@pytest.mark.django_db
def test_the_admin_shows_which_line_failed_and_keeps_the_text(admin_client):
    text = notice_text(2026).replace("共5天", "共6天")
    response = admin_client.post(IMPORT, {"text": text})
    html = response.content.decode()
    assert "无法完整识别" in html and "写明共6天" in html and "四、劳动节" in html
    assert response.context["form"]["text"].value() == text
    assert "确认保存" not in html
    assert admin_client.post(IMPORT + "confirm/", {"text": text}).status_code == 200
    assert not WorkdayOverride.objects.exists()


@pytest.mark.django_db
def test_only_administrators_who_may_edit_the_table_can_import(client, office_staff):
    office_staff.is_staff = True
    office_staff.save()
    client.force_login(office_staff)
    assert client.get(IMPORT).status_code == 403
    assert client.post(IMPORT + "confirm/", {"text": notice_text(2026)}).status_code == 403
    assert not WorkdayOverride.objects.exists()
