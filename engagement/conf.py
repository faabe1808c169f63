"""The engagement app's settings (解读回应: 政务舆情回应 and 在线访谈), each overridable in the settings module."""

from django.conf import settings

# 舆情回应制度 三: for a 特别重大 or 重大 event, a first release within 1 hour and a press conference within 24 hours; any
# other concern answered within 48 hours. Calendar hours from when the office recorded it (not working days). Each
# level lists its clocks: code, label, hours, and the response kinds that meet it (empty: any response).
CONCERN_CLOCKS: dict[str, list[dict]] = getattr(settings, "CONCERN_CLOCKS", {
    "major": [
        {"code": "release", "label": "首次信息发布", "hours": 1, "met_by": []},
        {"code": "conference", "label": "新闻发布会", "hours": 24, "met_by": ["conference"]},
    ],
    "general": [
        {"code": "response", "label": "回应", "hours": 48, "met_by": []},
    ],
})  # fmt: skip
CONCERN_LEVEL_LABELS: dict[str, str] = getattr(
    settings, "CONCERN_LEVEL_LABELS", {"major": "特别重大、重大", "general": "一般"}
)
# Reminders escalate as a clock runs down: at each share of its time used, who is told (units: the responsible units'
# staff; office: the 政务公开办 as well). 1.0 is the deadline itself (overdue).
CONCERN_REMINDERS: list[tuple[float, str]] = getattr(
    settings, "CONCERN_REMINDERS", [(0.5, "units"), (0.8, "office"), (1.0, "office")]
)

# 在线访谈: public questions per client and window go through portal.ratelimit (PUBLIC_FORM_RATE_LIMIT).
QUESTION_MAX = getattr(settings, "INTERVIEW_QUESTION_MAX", 500)
# How often the live page asks for new answers (seconds).
LIVE_POLL_SECONDS: int = getattr(settings, "INTERVIEW_LIVE_POLL_SECONDS", 5)
PHOTO_KINDS = {"jpeg", "png"}
PAGE_SIZE = 20
