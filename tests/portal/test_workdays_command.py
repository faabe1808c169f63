"""`manage.py workdays add|show`: the date alone on stdout, one-line errors and a non-zero exit on bad input."""

import subprocess
import sys
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from portal.models import WorkdayOverride

pytestmark = pytest.mark.django_db
BASE_DIR = Path(__file__).resolve().parents[2]


def run(*args: str) -> str:
    out = StringIO()
    call_command("workdays", *args, stdout=out)
    return out.getvalue()


def test_add_prints_the_date_alone():
    assert run("add", "2025-09-26", "15") == "2025-10-23\n"


def test_add_follows_the_override_table():
    WorkdayOverride.objects.create(date="2025-10-23", is_workday=False, note="临时放假")
    assert run("add", "2025-09-26", "15") == "2025-10-24\n"


def test_show_marks_the_days_off_and_names_them():
    lines = run("show", "2025-10").splitlines()
    assert lines[0] == "2025年10月（* 为休息日）"
    assert "* 2025-10-01 周三  国庆节放假" in lines
    assert "  2025-10-11 周六  国庆节调休上班" in lines
    assert "* 2025-10-12 周日" in lines
    assert "  2025-10-13 周一" in lines
    assert len(lines) == 1 + 31


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["add", "2025-13-01", "3"], "日期格式应为 YYYY-MM-DD"),
        (["add", "26/09/2025", "3"], "日期格式应为 YYYY-MM-DD"),
        (["add", "2025-09-26", "-1"], "工作日数应为非负整数"),
        (["add", "2025-09-26", "three"], "工作日数应为非负整数"),
        (["show", "2025-13"], "月份格式应为 YYYY-MM"),
        (["show", "October"], "月份格式应为 YYYY-MM"),
    ],
)
def test_bad_arguments_raise_a_one_line_message(args, message):
    with pytest.raises(CommandError) as error:
        run(*args)
    assert message in str(error.value)
    assert "\n" not in str(error.value)


def test_bad_input_exits_non_zero_with_one_line_on_stderr(tmp_path):
    # The date is checked before the database is touched, so no migrated database is needed here.
    env = {"PATH": "/usr/bin:/bin", "DATA_DIR": str(tmp_path), "DJANGO_SETTINGS_MODULE": "portal.settings"}
    bad = subprocess.run(
        [sys.executable, "manage.py", "workdays", "add", "2025-02-30", "3"],
        cwd=BASE_DIR, env=env, capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    assert bad.returncode != 0
    assert bad.stdout == ""
    assert bad.stderr.strip().splitlines() == ["CommandError: 日期格式应为 YYYY-MM-DD：'2025-02-30'"]


def test_before_migrate_it_answers_from_the_package_with_a_note(monkeypatch):
    WorkdayOverride.objects.create(date="2025-10-23", is_workday=False, note="临时放假")
    monkeypatch.setattr("django.db.connection.introspection.table_names", lambda *a, **k: [])
    out, err = StringIO(), StringIO()
    call_command("workdays", "add", "2025-09-26", "15", stdout=out, stderr=err)
    assert out.getvalue() == "2025-10-23\n"  # the override row is not consulted
    assert "尚未迁移" in err.getvalue()
    show = StringIO()
    call_command("workdays", "show", "2025-10", stdout=show, stderr=StringIO())
    assert "临时放假" not in show.getvalue() and "国庆节放假" in show.getvalue()
