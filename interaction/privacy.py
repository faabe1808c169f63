"""Masking for the public pages of 政民互动 (a public page never shows a phone number, e-mail or ID in
full). ``portal.masking.mask_text`` finds IDs, phone numbers and e-mail addresses in their usual spellings; a
writer also types their own number in whatever form (a landline without its area code, say), so here their own
phone and e-mail are masked wherever they appear first."""

from __future__ import annotations

import re

from portal import masking

_SEP = r"[ \-]?"


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
    return masking.mask_text(text)
