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
