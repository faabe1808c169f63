"""Masking of personal data on public pages and in e-mails (DESIGN §8: never a phone, e-mail or ID in full)."""

import re

_ID_IN_TEXT = re.compile(r"(?<![0-9])(\d{6})\d{8}(\d{3}[\dXx])(?![0-9])")
_MOBILE_IN_TEXT = re.compile(r"(?<![0-9])(1[3-9]\d)\d{4}(\d{4})(?![0-9])")
_EMAIL_IN_TEXT = re.compile(r"([A-Za-z0-9._%+-])[A-Za-z0-9._%+-]*(@[A-Za-z0-9.-]+\.[A-Za-z]{2,})")


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


def mask_text(text: str) -> str:
    """Mask every ID number, mobile number and e-mail address found in free text."""
    text = _ID_IN_TEXT.sub(lambda m: f"{m.group(1)}********{m.group(2)}", text or "")
    text = _MOBILE_IN_TEXT.sub(lambda m: f"{m.group(1)}****{m.group(2)}", text)
    return _EMAIL_IN_TEXT.sub(lambda m: f"{m.group(1)}***{m.group(2)}", text)
