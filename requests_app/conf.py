"""Settings of the 依申请公开 app, each overridable in the project settings or the environment's settings module.

The reply clock lengths themselves (REQUEST_REPLY_WORKDAYS / REQUEST_EXTENSION_WORKDAYS) live in portal/settings.py."""

from django.conf import settings


def _get(name: str, default):
    return getattr(settings, name, default)


def reply_workdays() -> int:
    return _get("REQUEST_REPLY_WORKDAYS", 15)


def extension_workdays() -> int:
    return _get("REQUEST_EXTENSION_WORKDAYS", 15)


def correction_request_window() -> int:
    """Art. 30: the 补正 notice must go out within 7 working days of receipt."""
    return _get("REQUEST_CORRECTION_WINDOW_WORKDAYS", 7)


def correction_default_workdays() -> int:
    """The default time given to the applicant to correct (a 'reasonable' period, Art. 30)."""
    return _get("REQUEST_CORRECTION_DEFAULT_WORKDAYS", 15)


def third_party_workdays() -> int:
    """Art. 32: the third party has 15 working days to answer."""
    return _get("REQUEST_THIRD_PARTY_WORKDAYS", 15)


def description_max_chars() -> int:
    return _get("REQUEST_DESCRIPTION_MAX_CHARS", 2000)


def max_supporting_files() -> int:
    return _get("REQUEST_MAX_SUPPORTING_FILES", 5)


def page_size() -> int:
    return _get("REQUEST_LIST_PAGE_SIZE", 30)


def regulation_name() -> str:
    return _get("REQUEST_REGULATION_NAME", "《中华人民共和国政府信息公开条例》（国务院令第711号）")


ALLOWED_UPLOADS = {"pdf", "ofd", "doc", "docx", "xlsx", "jpeg", "png", "zip"}


# --- 信息处理费 (条例 art. 42; 国办函〔2020〕109号《政府信息公开信息处理费管理办法》)
# By count: the same applicant's applications in one calendar month; up to 10 free; the 11th to the 30th 100 元
# each; from the 31st, each further band of 10 raises the charge by 100 元 each (31-40: 200, 41-50: 300 ...).
# By volume, per application, charged by the part: up to 30 pages free; pages 31-100 10 元 each, 101-200 20 元 each,
# above 200 40 元 each.


def fee_by_count() -> dict:
    return _get("REQUEST_FEE_BY_COUNT", {"free": 10, "first_band_end": 30, "first_fee": 100, "band": 10, "step": 100})


def fee_by_volume() -> list[tuple[int | None, int]]:
    """(last page of the band, or None for the rest; 元 per page), in order."""
    return _get("REQUEST_FEE_BY_VOLUME", [(30, 0), (100, 10), (200, 20), (None, 40)])


def fee_payment_workdays() -> int:
    """Unpaid this many working days after the notice: the application is no longer handled (109号 art. 9)."""
    return _get("REQUEST_FEE_PAYMENT_WORKDAYS", 20)
