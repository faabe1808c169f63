"""Settings of the 政民互动 app, each overridable in the environment's settings (read at call time, so tests can
override them with pytest-django's ``settings`` fixture)."""

from django.conf import settings


def reply_workdays() -> int:
    """The county's 政民互动 rules: a dispatched message is answered within 3 working days."""
    return getattr(settings, "MESSAGE_REPLY_WORKDAYS", 3)


def extension_workdays() -> int:
    """The one extension office staff may grant a unit (not fixed by the county's rules: a setting)."""
    return getattr(settings, "MESSAGE_EXTENSION_WORKDAYS", 3)


def reply_review_required() -> bool:
    """When on, a unit's reply waits for office staff's review before it reaches the writer."""
    return getattr(settings, "MESSAGE_REPLY_REVIEW", False)


def due_soon_workdays() -> int:
    """The workbench marks a message "due soon" when at most this many working days remain."""
    return getattr(settings, "MESSAGE_DUE_SOON_WORKDAYS", 1)


def red_flag_months() -> int:
    """The national website checks: a valid message left unanswered for over 3 months is a failing mark in the national checks."""
    return getattr(settings, "MESSAGE_RED_FLAG_MONTHS", 3)


def correction_forward_workdays() -> int:
    """The county's 政府网站 rules, art. 20: a 纠错 report is forwarded within 1 working day ..."""
    return getattr(settings, "CORRECTION_FORWARD_WORKDAYS", 1)


def correction_fix_workdays() -> int:
    """... and fixed and answered within 2 working days after that."""
    return getattr(settings, "CORRECTION_FIX_WORKDAYS", 2)


def attachment_max_bytes() -> int:
    return getattr(settings, "MESSAGE_ATTACHMENT_MAX_BYTES", settings.IMAGE_MAX_BYTES)


# Limits stated on the forms (characters).
TITLE_MAX = 100
CONTENT_MAX = 2000
REPLY_MAX = 5000
OPINION_MAX = 2000
CORRECTION_MAX = 1000
ATTACHMENT_KINDS = {"jpeg", "png", "pdf"}
DRAFT_ATTACHMENT_KINDS = {"pdf", "docx", "doc", "ofd"}
