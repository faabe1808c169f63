"""The confidentiality scan (DESIGN §6) and the override path."""

import io
import zipfile

import pytest

from disclosure import scan, services
from disclosure.models import Document, SensitiveWord
from portal.errors import InvalidTransition, NotAllowed
from portal.validators import id_number_check_char
from tests.disclosure.conftest import YES, passed, submitted

VALID_ID = "11010519491231002" + id_number_check_char("11010519491231002")
INVALID_ID = "11010519491231002" + ("0" if VALID_ID[-1] != "0" else "1")
VALID_CARD = "6222021234567890128"  # 19 digits, passes Luhn
INVALID_CARD = "6222021234567890123"


def kinds(text: str, words=()) -> list[str]:
    return [f.kind for f in scan.scan_texts([("正文", text)], words=list(words))]


@pytest.mark.parametrize(
    "text",
    ["机密★1年", "绝密★", "秘密★5年", "机 密 ★", "秘　密　★", "机密 ＊", "★机密", "密级：秘密", "密 级: 机密", "内部★"],
)
def test_secret_marks_and_their_spacing_variants_are_flagged(text):
    assert kinds(f"本文件{text}请注意") == ["secret_mark"]


@pytest.mark.parametrize("text", ["机密文件管理办法的解读", "保守国家秘密法", "内部控制制度", "秘密地"])
def test_ordinary_words_are_not_secret_marks(text):
    assert kinds(text) == []


def test_valid_id_number_is_flagged_and_invalid_checksum_is_not():
    assert kinds(f"申请人身份证号{VALID_ID}。") == ["id_number"]
    assert kinds(f"编号{INVALID_ID}。") == []


def test_lowercase_x_check_character_counts():
    base = next(f"1101051949123100{i}" for i in range(10) if id_number_check_char(f"1101051949123100{i}") == "X")
    assert kinds(f"证件号{base}x") == ["id_number"]


def test_bank_cards_pass_luhn_to_be_flagged():
    assert kinds(f"账号{VALID_CARD}") == ["bank_card"]
    assert kinds(f"账号{INVALID_CARD}") == []
    assert kinds("卡号 6222 0212 3456 7890 128") == ["bank_card"]


def test_luhn():
    assert scan.luhn_ok("4539578763621486")
    assert not scan.luhn_ok("4539578763621487")


def test_mobile_numbers_are_flagged_but_do_not_block():
    findings = scan.scan_texts([("正文", "联系电话：13912345678，或 139-1234-5678")], words=[])
    assert [f.kind for f in findings] == ["mobile", "mobile"]
    assert not any(f.blocking for f in findings)


def test_landline_and_dates_are_not_mobiles():
    assert kinds("电话：0951-5012345，日期20261120，编号12345678901234") == []


def test_sensitive_words_block_per_their_setting():
    findings = scan.scan_texts([("标题", "关于维稳工作和内部讨论的说明")], words=[("维稳", True), ("内部讨论", False)])
    assert [(f.match, f.blocking) for f in findings] == [("维稳", True), ("内部讨论", False)]


def test_finding_carries_its_context():
    (finding,) = scan.scan_texts([("正文", f"申请人张三，身份证号{VALID_ID}，住城关镇。")], words=[])
    assert finding.before.endswith("身份证号") and finding.after.startswith("，住城关镇")
    assert finding.match == VALID_ID and finding.source == "正文"


def _docx(text: str) -> io.BytesIO:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        z.writestr(
            "word/document.xml",
            '<?xml version="1.0"?><w:document xmlns:w="x"><w:body>'
            f'<w:p><w:r><w:t>第一段</w:t></w:r></w:p><w:p><w:r><w:t xml:space="preserve">{text}</w:t></w:r></w:p>'
            "</w:body></w:document>",
        )
    buf.seek(0)
    return buf


def test_docx_text_is_extracted():
    assert scan.docx_text(_docx("机密★")) == "第一段\n机密★"


def test_pdf_text_layer_is_extracted():
    from portal.pdf import render_pdf

    pdf = render_pdf("pdf/base.html", {})
    assert scan.extract_text("pdf", io.BytesIO(pdf)) == scan.pdf_text(pdf)


# --- In the workflow


@pytest.mark.django_db
def test_submit_stores_findings_and_a_blocking_one_stops_final_review(
    officer, reviewer, leader, office_staff, news_column
):
    document = submitted(officer, news_column, body=f"<p>户主身份证号{VALID_ID}</p>")
    assert document.scan_blocking and document.scan_findings[0]["kind"] == "id_number"
    document = passed(document, reviewer, leader)
    with pytest.raises(InvalidTransition, match="阻断"):
        passed(document, office_staff)
    assert Document.objects.get(pk=document.pk).status == Document.Status.PENDING_FINAL


@pytest.mark.django_db
def test_redacting_the_text_clears_the_block(officer, reviewer, second_reviewer, leader, office_staff, news_column):
    document = passed(submitted(officer, news_column, body=f"<p>身份证号{VALID_ID}</p>"), reviewer, leader)
    document = services.update_document(document, actor=office_staff, body="<p>身份证号110105********002X</p>")
    assert not document.scan_blocking and document.status == Document.Status.PENDING_FIRST
    assert passed(document, reviewer, leader, second_office(office_staff)).status == Document.Status.PUBLISHED


def second_office(office_staff):
    from portal.models import Role
    from tests.conftest import make_user

    return make_user("office_b", office_staff.organization, Role.OFFICE)


@pytest.mark.django_db
def test_office_staff_override_with_a_reason_is_recorded(officer, reviewer, leader, office_staff, news_column):
    document = passed(submitted(officer, news_column, body="<p>秘密★ 已解密文件</p>"), reviewer, leader)
    with pytest.raises(NotAllowed):
        services.override_scan(document, actor=leader, reason="已按规定解密")
    document = services.override_scan(document, actor=office_staff, reason="该文件已于2026年解密，附解密通知。")
    row = document.history.last()
    assert row.action == "override" and "解密" in row.opinion and row.extra["scan"]
    assert passed(document, office_staff).status == Document.Status.PUBLISHED


@pytest.mark.django_db
def test_override_without_blocking_findings_is_refused(officer, reviewer, leader, office_staff, news_column):
    document = passed(submitted(officer, news_column), reviewer, leader)
    with pytest.raises(InvalidTransition):
        services.override_scan(document, actor=office_staff, reason="无需放行的测试理由")


@pytest.mark.django_db
def test_admin_word_list_is_used_at_review(officer, reviewer, news_column):
    document = submitted(officer, news_column, body="<p>关于某某专项行动的通知</p>")
    assert not document.scan_blocking
    SensitiveWord.objects.create(word="专项行动", is_blocking=True)
    document = services.review(document, actor=reviewer, decision="pass", checklist=YES)
    assert document.scan_blocking
    assert document.history.last().extra["scan"][0]["match"] == "专项行动"
