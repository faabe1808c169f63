"""Validators for Chinese identifiers, with the check characters of their national standards.

Each ``is_valid_*`` returns a bool; each ``validate_*`` raises ValidationError with a Chinese message, for forms and
model fields.
"""

import re
from datetime import date

from django.core.exceptions import ValidationError

# GB 11643-1999: citizen identity number, 17 digits + check character.
_ID_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
_ID_CHECK = "10X98765432"
ID_NUMBER_RE = re.compile(r"^\d{17}[\dXx]$")

# GB 32100-2015: unified social credit code, 18 characters from a 31-character alphabet (no I, O, Z, S, V).
_USCC_ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY"
_USCC_WEIGHTS = (1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28)
USCC_RE = re.compile(r"^[0-9A-HJ-NPQRTUWXY]{2}\d{6}[0-9A-HJ-NPQRTUWXY]{10}$")

# GB 11714-1997: organisation code, 8 characters + check character.
_ORG_WEIGHTS = (3, 7, 9, 10, 5, 8, 4, 2)
ORG_CODE_RE = re.compile(r"^[0-9A-Z]{8}[0-9X]$")

# Characters no form field may store: C0 controls but tab, line feed and carriage return (a textarea sends CR LF),
# DEL and C1 controls, and the bidirectional marks, embeddings, overrides and isolates (U+061C, U+200E-U+200F,
# U+202A-U+202E, U+2066-U+2069) that make "\u202egpj.exe" read as "exe.jpg" in a staff list or an export.
CONTROL_CHARACTERS_RE = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")

MOBILE_RE = re.compile(r"^1[3-9]\d{9}$")
POSTCODE_RE = re.compile(r"^\d{6}$")


def id_number_check_char(first17: str) -> str:
    total = sum(int(c) * w for c, w in zip(first17, _ID_WEIGHTS, strict=True))
    return _ID_CHECK[total % 11]


def is_valid_id_number(value: str) -> bool:
    value = (value or "").strip().upper()
    if not ID_NUMBER_RE.match(value):
        return False
    try:
        date(int(value[6:10]), int(value[10:12]), int(value[12:14]))
    except ValueError:
        return False
    return id_number_check_char(value[:17]) == value[17]


def uscc_check_char(first17: str) -> str:
    total = sum(_USCC_ALPHABET.index(c) * w for c, w in zip(first17, _USCC_WEIGHTS, strict=True))
    return _USCC_ALPHABET[(31 - total % 31) % 31]


def is_valid_uscc(value: str) -> bool:
    value = (value or "").strip().upper()
    return bool(USCC_RE.match(value)) and uscc_check_char(value[:17]) == value[17]


def org_code_check_char(first8: str) -> str:
    total = sum(int(c, 36) * w for c, w in zip(first8, _ORG_WEIGHTS, strict=True))
    check = 11 - total % 11
    return {10: "X", 11: "0"}.get(check, str(check))


def is_valid_org_code(value: str) -> bool:
    value = (value or "").strip().upper().replace("-", "")
    return bool(ORG_CODE_RE.match(value)) and org_code_check_char(value[:8]) == value[8]


def validate_id_number(value: str) -> None:
    if not is_valid_id_number(value):
        raise ValidationError("请输入有效的18位居民身份证号码（校验位不符或出生日期无效）。", code="invalid_id_number")


def validate_uscc(value: str) -> None:
    if not is_valid_uscc(value):
        raise ValidationError("请输入有效的18位统一社会信用代码（校验位不符）。", code="invalid_uscc")


def validate_organization_code(value: str) -> None:
    """An organisation's code in the 索引号: a 9-character 组织机构代码 or an 18-character 统一社会信用代码."""
    value = (value or "").strip().upper()
    if len(value) == 9 and is_valid_org_code(value):
        return
    if len(value) == 18 and is_valid_uscc(value):
        return
    raise ValidationError("机构代码须为9位组织机构代码或18位统一社会信用代码，且校验位正确。", code="invalid_org_code")


def validate_mobile(value: str) -> None:
    if not MOBILE_RE.match((value or "").strip()):
        raise ValidationError("请输入11位手机号码。", code="invalid_mobile")


def validate_postcode(value: str) -> None:
    if not POSTCODE_RE.match((value or "").strip()):
        raise ValidationError("邮政编码应为6位数字。", code="invalid_postcode")


def strip_control_characters(value: str) -> str:
    """``value`` without invisible control and direction characters; Chinese punctuation and line breaks stay."""
    return CONTROL_CHARACTERS_RE.sub("", value)
