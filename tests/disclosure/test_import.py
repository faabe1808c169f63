"""The import command: a folder of old documents published through the same services."""

import shutil
from datetime import date
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from disclosure.models import Document
from tests.disclosure.test_scan import _docx

pytestmark = pytest.mark.django_db
# Three texts of the laws corpus, kept in the repository so the test needs nothing outside it.
LAWS = Path(__file__).resolve().parents[2] / "fixtures" / "laws"


@pytest.fixture
def folder(tmp_path):
    for name in ("0005.txt", "0010.txt", "0013.txt"):
        shutil.copy(LAWS / name, tmp_path / name)
    (tmp_path / "notice.html").write_text(
        "<html><head><title>x</title><script>alert(1)</script></head><body><h1>关于做好冬季供暖工作的通知</h1>"
        "<p>城政办发〔2025〕12号</p><p onclick='x()'>各村（社区）：请做好供暖保障。</p></body></html>",
        encoding="utf-8",
    )
    (tmp_path / "plan.docx").write_bytes(_docx("做好春耕备耕工作。").getvalue())
    (tmp_path / "empty.txt").write_text("\n\n", encoding="utf-8")
    (tmp_path / "broken.docx").write_bytes(b"PK\x03\x04not really a zip")
    (tmp_path / "tool.exe").write_bytes(b"MZ\x90\x00")
    (tmp_path / "gbk.txt").write_bytes("关于春节值班安排的通知\n全镇各单位：春节期间安排值班。".encode("gbk"))
    return tmp_path


def run(*args):
    out, err = StringIO(), StringIO()
    call_command("import_documents", *args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def test_import_publishes_good_files_and_reports_bad_ones(folder, township, office_staff):
    out, err = run(str(folder), "--column", "qtwj", "--org", township.code, "--written-date", "2025-01-02")
    documents = Document.objects.order_by("index_number")
    assert documents.count() == 6
    assert all(d.status == Document.Status.PUBLISHED for d in documents)
    assert [d.index_number[-5:] for d in documents] == ["00001", "00002", "00003", "00004", "00005", "00006"]
    first_law = (LAWS / "0005.txt").read_text(encoding="utf-8").splitlines()[0].strip()
    assert documents.filter(title=first_law).exists()
    notice = documents.get(title="关于做好冬季供暖工作的通知")
    assert notice.doc_number == "城政办发〔2025〕12号" and "onclick" not in notice.body and "alert" not in notice.body
    assert notice.written_date == date(2025, 1, 2) and notice.published_late
    assert documents.filter(title="关于春节值班安排的通知").exists()
    row = notice.history.get()
    assert row.action == "import" and row.extra["source_file"] == "notice.html" and row.actor == office_staff
    for bad in ("empty.txt", "broken.docx", "tool.exe"):
        assert f"跳过 {bad}" in err
    assert "导入 6 个，跳过 3 个" in out


def test_import_into_a_normative_column_skips_files_without_a_doc_number(folder, township, office_staff):
    out, err = run(str(folder), "--column", "gfxwj", "--org", township.code, "--written-date", "2025-01-02")
    assert list(Document.objects.values_list("doc_number", flat=True)) == ["城政办发〔2025〕12号"]
    assert "跳过 0005.txt：“行政规范性文件”栏目的信息须有文号才能发布" in err
    assert "导入 1 个，跳过 8 个" in out


def test_import_refuses_unknown_column_or_unit(folder, township, office_staff):
    with pytest.raises(CommandError, match="栏目"):
        run(str(folder), "--column", "nope", "--org", township.code)
    with pytest.raises(CommandError, match="机构代码"):
        run(str(folder), "--column", "tzgg", "--org", "XXXXXXXXX")


def test_import_into_a_column_the_unit_may_not_use_skips_every_file(folder, township, office_staff):
    out, err = run(str(folder), "--column", "bmdt", "--org", township.code)
    assert Document.objects.count() == 0 and "不能在栏目" in err
