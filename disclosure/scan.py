"""The automatic confidentiality scan (the county's 保密审查制度: nothing is published before it is checked for
secrets): runs on every submit and every review over the title, summary, body and the text of the attachments, and
reports each finding with its context so that a reviewer sees it highlighted where it occurs.

Finders: 密级 marks (绝密★ / 机密★ / 秘密★ with spacing variants, 密级：…, 内部★), 18-digit citizen ID numbers whose
check character is right (GB 11643: a wrong one is a random number, not a person), bank-card numbers that pass the
Luhn check, mobile numbers, and the administrators' sensitive-word list."""

from __future__ import annotations

import html
import re
import zipfile
from dataclasses import asdict, dataclass

from disclosure import conf
from portal.sanitize import html_to_text
from portal.validators import id_number_check_char, is_valid_id_number

KIND_LABELS = {
    "secret_mark": "密级标志",
    "id_number": "身份证号码",
    "bank_card": "银行卡号",
    "mobile": "手机号码",
    "word": "敏感词",
}

_STAR = r"[★☆✩✭*＊]"
_SECRET_MARK_RE = re.compile(
    rf"(?:(?:绝|机|秘)\s*密\s*{_STAR})"  # 机密★, 机 密 ★, 秘密＊
    rf"|(?:{_STAR}\s*(?:绝|机|秘)\s*密)"  # ★机密 (mark before the word)
    r"|(?:密\s*级\s*[:：]\s*(?:绝|机|秘)\s*密)"  # 密级：秘密
    rf"|(?:内\s*部\s*{_STAR})"  # 内部★
)
_ID_RE = re.compile(r"(?<![0-9A-Za-z])\d{17}[\dXx](?![0-9A-Za-z])")
# 16-19 digits, optionally grouped by fours with a space or hyphen, as cards are usually written.
_CARD_RE = re.compile(r"(?<![\d-])(?:\d{16,19}|\d{4}(?:[ -]\d{4}){3}(?:[ -]?\d{1,3})?)(?![\d-])")
_MOBILE_RE = re.compile(r"(?<!\d)(?:\+?86[ -]?)?1[3-9]\d(?:[ -]?\d{4}){2}(?!\d)")


@dataclass(frozen=True)
class Finding:
    kind: str
    match: str
    source: str  # where: 标题, 内容概述, 正文, 附件“…”
    before: str
    after: str
    blocking: bool
    start: int = 0

    @property
    def label(self) -> str:
        return KIND_LABELS.get(self.kind, self.kind)

    def as_dict(self) -> dict:
        return {**asdict(self), "label": self.label}


def luhn_ok(digits: str) -> bool:
    total = 0
    for i, ch in enumerate(reversed(digits)):
        n = int(ch)
        if i % 2 == 1:
            n = n * 2 - 9 if n > 4 else n * 2
        total += n
    return total % 10 == 0


def _looks_like_id(digits: str) -> bool:
    """An 18-digit number with a real birth date where an ID has one is a (mistyped) ID number, not a card."""
    return len(digits) == 18 and is_valid_id_number(digits[:17] + id_number_check_char(digits[:17]))


def _finding(kind: str, text: str, start: int, end: int, source: str, blocking: bool | None = None) -> Finding:
    span = conf.SCAN_CONTEXT_CHARS
    return Finding(
        kind=kind,
        match=text[start:end],
        source=source,
        before=text[max(0, start - span) : start],
        after=text[end : end + span],
        blocking=kind in conf.SCAN_BLOCKING_KINDS if blocking is None else blocking,
        start=start,
    )


def _scan_patterns(text: str, source: str) -> list[Finding]:
    found: list[Finding] = []
    taken: list[tuple[int, int]] = []

    def free(a: int, b: int) -> bool:
        return all(b <= x or a >= y for x, y in taken)

    for m in _SECRET_MARK_RE.finditer(text):
        found.append(_finding("secret_mark", text, m.start(), m.end(), source))
    for m in _ID_RE.finditer(text):
        if is_valid_id_number(m.group()):
            found.append(_finding("id_number", text, m.start(), m.end(), source))
            taken.append(m.span())
    for m in _CARD_RE.finditer(text):
        digits = re.sub(r"\D", "", m.group())
        if 16 <= len(digits) <= 19 and luhn_ok(digits) and free(*m.span()) and not _looks_like_id(digits):
            found.append(_finding("bank_card", text, m.start(), m.end(), source))
            taken.append(m.span())
    for m in _MOBILE_RE.finditer(text):
        if free(*m.span()):
            found.append(_finding("mobile", text, m.start(), m.end(), source))
    return found


def _scan_words(text: str, source: str, words: list[tuple[str, bool]]) -> list[Finding]:
    found = []
    for word, blocking in words:
        for m in re.finditer(re.escape(word), text):
            found.append(_finding("word", text, m.start(), m.end(), source, blocking=blocking))
    return found


def active_words() -> list[tuple[str, bool]]:
    from disclosure.models import SensitiveWord

    return list(SensitiveWord.objects.filter(is_active=True).values_list("word", "is_blocking"))


def scan_texts(texts: list[tuple[str, str]], words: list[tuple[str, bool]] | None = None) -> list[Finding]:
    """Scan (source, text) pairs; findings in reading order within each source."""
    words = active_words() if words is None else words
    findings: list[Finding] = []
    for source, text in texts:
        if not text:
            continue
        items = _scan_patterns(text, source) + _scan_words(text, source, words)
        findings.extend(sorted(items, key=lambda f: f.start))
    return findings


def document_texts(document) -> list[tuple[str, str]]:
    texts = [("标题", document.title), ("内容概述", document.summary), ("正文", html_to_text(document.body))]
    texts = [(source, html.unescape(text)) for source, text in texts]
    texts += [(f"附件“{a.name}”", a.extracted_text) for a in document.attachments.all()]
    return texts


def scan_document(document) -> list[Finding]:
    return scan_texts(document_texts(document))


# --- Text extraction from attachments (what the scan can read: docx, the text layer of a pdf, plain text).

_W_PARAGRAPH_END = re.compile(r"</w:p>")
_W_TEXT = re.compile(r"<w:t(?:\s[^>]*)?>([^<]*)</w:t>")
_W_BREAK = re.compile(r"<w:(?:tab|br|cr)\b[^>]*/>")


def docx_text(fileobj) -> str:
    """Paragraph text of a .docx (WordprocessingML), read with zipfile and a tag pattern: no extra package."""
    with zipfile.ZipFile(fileobj) as archive:
        parts = [n for n in archive.namelist() if re.fullmatch(r"word/(document|header\d*|footer\d*)\.xml", n)]
        xml = "\n".join(archive.read(n).decode("utf-8", "replace") for n in sorted(parts))
    paragraphs = []
    for chunk in _W_PARAGRAPH_END.split(xml):
        chunk = _W_BREAK.sub("<w:t> </w:t>", chunk)
        line = "".join(_W_TEXT.findall(chunk))
        if line.strip():
            paragraphs.append(html.unescape(line))
    return "\n".join(paragraphs)


def pdf_text(data: bytes) -> str:
    """The text layer in reading order (no -layout: column padding would split numbers and words apart)."""
    import subprocess
    import tempfile

    with tempfile.NamedTemporaryFile(suffix=".pdf") as tmp:
        tmp.write(data)
        tmp.flush()
        result = subprocess.run(  # noqa: S603 - fixed argv, our own temporary file
            ["pdftotext", "-enc", "UTF-8", tmp.name, "-"],  # noqa: S607
            capture_output=True,
            check=True,
            timeout=60,
        )
    return result.stdout.decode("utf-8", "replace")


def extract_text(kind: str, fileobj) -> str:
    """Best-effort text of an attachment for the scan and search; formats we cannot read give ""."""
    try:
        fileobj.seek(0)
        if kind == "docx":
            return docx_text(fileobj)
        if kind == "pdf":
            return pdf_text(fileobj.read())
        if kind == "txt":
            return fileobj.read().decode("utf-8", "replace")
    except Exception:  # noqa: BLE001 - a damaged file must not stop the upload; the reviewer reads it by hand
        return ""
    finally:
        fileobj.seek(0)
    return ""
