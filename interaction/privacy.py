"""Masking for the public pages of 政民互动 (DESIGN §8: a public page never shows a phone number, e-mail or ID in
full). portal.masking finds 18-digit IDs, plain mobile numbers and e-mail addresses; citizens also write numbers
as 138-1234-5678, +86 138..., 0954-1234567 or (0954)1234567, and their own number in whatever form, so here:
the writer's own phone and e-mail wherever they appear, then the common forms portal.masking misses."""

from __future__ import annotations

import re

from portal import masking

_SEP = r"[ \-]?"
# Mobiles with separators or a country code; masked text (138****5678) never matches again.
_MOBILE_LOOSE = re.compile(rf"(?<![\d*])(\+?86{_SEP})?(1[3-9]\d){_SEP}\d{{4}}{_SEP}(\d{{4}})(?!\d)")
# ID numbers written with spaces (640422 19900101 123X) and the old 15-digit ones.
_ID_LOOSE = re.compile(r"(?<![\d*])(\d{6})[ \-]?\d{8}[ \-]?(\d{3}[\dXx])(?![\dXx])")
_ID_OLD = re.compile(r"(?<![\d*])(\d{6})\d{6}(\d{3})(?!\d)")
# Landlines with an area code: 0954-1234567, 0954 1234567, (0954)1234567, 09541234567.
_LANDLINE = re.compile(r"(?<![\d*])(\(?0\d{2,3}\)?)([ \-]?)(\d{7,8})(?!\d)")


def _mask_digits(digits: str) -> str:
    return f"{'*' * (len(digits) - 2)}{digits[-2:]}"


def _mask_own(digits: str) -> str:
    """A mobile keeps the usual 139****5678 shape (as portal.masking writes it); anything else its last two."""
    if len(digits) == 11 and digits.startswith("1"):
        return f"{digits[:3]}****{digits[-4:]}"
    return _mask_digits(digits)


def _own_phone_patterns(phone: str) -> list[re.Pattern]:
    digits = re.sub(r"\D", "", phone or "")
    if len(digits) < 5:
        return []
    variants = {digits}
    if digits.startswith("0") and len(digits) >= 10:  # the local part of a landline, written without area code
        variants |= {digits[3:], digits[4:]}
    return [
        re.compile(r"(?<!\d)" + _SEP.join(re.escape(d) for d in v) + r"(?!\d)")
        for v in sorted(variants, key=len, reverse=True)
        if len(v) >= 5
    ]


def mask_public(text: str, owner=None) -> str:
    """``text`` with every ID, phone number and e-mail address masked; ``owner`` (a message, an opinion) adds its
    writer's own phone and e-mail in any spelling."""
    text = text or ""
    if owner is not None:
        for pattern in _own_phone_patterns(getattr(owner, "phone", "")):
            text = pattern.sub(lambda m: _mask_own(re.sub(r"\D", "", m.group(0))), text)
        email = (getattr(owner, "email", "") or "").strip()
        if email:
            text = re.sub(re.escape(email), masking.mask_email(email), text, flags=re.IGNORECASE)
    text = masking.mask_text(text)
    text = _ID_LOOSE.sub(lambda m: f"{m.group(1)}********{m.group(2)}", text)
    text = _ID_OLD.sub(lambda m: f"{m.group(1)}******{m.group(2)}", text)
    text = _MOBILE_LOOSE.sub(lambda m: f"{m.group(1) or ''}{m.group(2)}****{m.group(3)}", text)
    return _LANDLINE.sub(lambda m: f"{m.group(1)}{m.group(2)}{_mask_digits(m.group(3))}", text)
