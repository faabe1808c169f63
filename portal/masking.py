"""Masking of personal data on public pages and in e-mails (DESIGN §8: never a phone, e-mail or ID in full)."""

import re

_ID_IN_TEXT = re.compile(r"(?<![0-9])(\d{6})\d{8}(\d{3}[\dXx])(?![0-9])")
_MOBILE_IN_TEXT = re.compile(r"(?<![0-9])(1[3-9]\d)\d{4}(\d{4})(?![0-9])")
_EMAIL_IN_TEXT = re.compile(r"([A-Za-z0-9._%+-])[A-Za-z0-9._%+-]*(@[A-Za-z0-9.-]+\.[A-Za-z]{2,})")
# The ways people also write them: mobiles with separators or a country code (138-1234-5678, +86 138 ...), ID
# numbers with spaces and the old 15-digit ones, landlines with an area code (0954-1234567, (0954)1234567).
# Already-masked text (138****5678) never matches again.
_SEP = r"[ \-]?"
_MOBILE_LOOSE = re.compile(rf"(?<![\d*])(\+?86{_SEP})?(1[3-9]\d){_SEP}\d{{4}}{_SEP}(\d{{4}})(?!\d)")
_ID_LOOSE = re.compile(r"(?<![\d*])(\d{6})[ \-]?\d{8}[ \-]?(\d{3}[\dXx])(?![\dXx])")
_ID_OLD = re.compile(r"(?<![\d*])(\d{6})\d{6}(\d{3})(?!\d)")
_LANDLINE = re.compile(r"(?<![\d*])(\(?0\d{2,3}\)?)([ \-]?)(\d{7,8})(?!\d)")


def mask_phone(value: str) -> str:
    """138****5678; short numbers keep only their last 2 characters."""
    value = (value or "").strip()
    if len(value) >= 11:
        return f"{value[:3]}{'*' * (len(value) - 7)}{value[-4:]}"
    return f"{'*' * max(len(value) - 2, 0)}{value[-2:]}" if len(value) > 2 else "*" * len(value)


def mask_email(value: str) -> str:
    value = (value or "").strip()
    if "@" not in value:
        return "*" * len(value)
    local, domain = value.split("@", 1)
    return f"{local[:1]}***@{domain}"


def mask_id_number(value: str) -> str:
    """Keep the first 6 (region) and last 4 characters: 640422********123X."""
    value = (value or "").strip()
    if len(value) <= 10:
        return "*" * len(value)
    return f"{value[:6]}{'*' * (len(value) - 10)}{value[-4:]}"


def mask_name(value: str) -> str:
    value = (value or "").strip()
    return f"{value[:1]}{'*' * (len(value) - 1)}" if len(value) > 1 else value


def _keep_last_two(digits: str) -> str:
    return f"{'*' * (len(digits) - 2)}{digits[-2:]}"


def mask_text(text: str) -> str:
    """Mask every ID number, phone number (mobile or landline with its area code) and e-mail address found in free
    text, in the usual spellings."""
    text = _ID_IN_TEXT.sub(lambda m: f"{m.group(1)}********{m.group(2)}", text or "")
    text = _MOBILE_IN_TEXT.sub(lambda m: f"{m.group(1)}****{m.group(2)}", text)
    text = _EMAIL_IN_TEXT.sub(lambda m: f"{m.group(1)}***{m.group(2)}", text)
    text = _ID_LOOSE.sub(lambda m: f"{m.group(1)}********{m.group(2)}", text)
    text = _ID_OLD.sub(lambda m: f"{m.group(1)}******{m.group(2)}", text)
    text = _MOBILE_LOOSE.sub(lambda m: f"{m.group(1) or ''}{m.group(2)}****{m.group(3)}", text)
    return _LANDLINE.sub(lambda m: f"{m.group(1)}{m.group(2)}{_keep_last_two(m.group(3))}", text)
