"""The disclosure app's settings, each overridable in the environment-driven settings module."""

from django.conf import settings

# Working days each review level has, counted from the day the item reached it; the whole review is also capped by
# CONFIDENTIALITY_REVIEW_WORKDAYS (保密审查制度: the opinion within 10 working days of submission).
LEVEL_WORKDAYS: dict[str, int] = getattr(settings, "DISCLOSURE_LEVEL_WORKDAYS", {"first": 3, "second": 3, "final": 4})
CONFIDENTIALITY_REVIEW_WORKDAYS: int = getattr(settings, "CONFIDENTIALITY_REVIEW_WORKDAYS", 10)
# 条例 Art. 26: proactive disclosure within 20 working days of the information being formed.
PROACTIVE_DISCLOSURE_WORKDAYS: int = getattr(settings, "PROACTIVE_DISCLOSURE_WORKDAYS", 20)
# 政府网站发展指引: a policy's 解读 goes up with it, at the latest within 3 working days of the policy.
INTERPRETATION_WORKDAYS: int = getattr(settings, "INTERPRETATION_WORKDAYS", 3)

# Attachment types (portal.uploads kinds): "doc" covers the OLE2 family (doc, xls, wps, et).
ATTACHMENT_KINDS: set[str] = set(
    getattr(settings, "DISCLOSURE_ATTACHMENT_KINDS", {"pdf", "ofd", "doc", "docx", "xlsx", "zip", "jpeg", "png"})
)
COVER_IMAGE_KINDS: set[str] = {"jpeg", "png"}
MAX_ATTACHMENTS: int = getattr(settings, "DISCLOSURE_MAX_ATTACHMENTS", 20)

# Finding kinds of the confidentiality scan that stop 终审 (sensitive words decide per word). Mobile numbers are only
# flagged by default: a notice often gives a contact number on purpose.
SCAN_BLOCKING_KINDS: set[str] = set(
    getattr(settings, "DISCLOSURE_SCAN_BLOCKING_KINDS", {"secret_mark", "id_number", "bank_card"})
)
SCAN_CONTEXT_CHARS: int = 20

PAGE_SIZE: int = getattr(settings, "DISCLOSURE_PAGE_SIZE", 20)
HOME_ITEMS_PER_COLUMN: int = getattr(settings, "DISCLOSURE_HOME_ITEMS", 6)
