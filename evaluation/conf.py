"""Settings and fixed lists of the evaluation app (通报、考核与网站工作年度报表, visit counting)."""

from __future__ import annotations

from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

# --- Visit counting

# Public page views only: these areas are the staff's, the admin's or files, never counted.
EXCLUDED_PATH_PREFIXES = ("/staff/", "/admin/", "/captcha/", "/visits/")
# Crawlers, monitors and scripts announce themselves in the user agent (any of these words, in any case); an empty
# user agent is a script too.
CRAWLER_WORDS = (
    "bot", "spider", "crawl", "slurp", "scrap", "archiv", "curl", "wget", "python", "java/", "go-http", "httpclient",
    "okhttp", "libwww", "perl", "ruby", "headless", "phantom", "selenium", "puppeteer", "playwright", "lighthouse",
    "monitor", "uptime", "pingdom", "check", "scan", "preview", "feed", "yisou", "sogou", "bytespider", "petalbot",
    "yandex", "baiduspider", "360spider", "facebookexternalhit", "embedly", "whatsapp", "telegram",
)  # fmt: skip
PATH_MAX = 300  # longer paths are cut: every counted page of the site has a short address
# A web process keeps at most this many distinct (day, path) counters and visitors between two writes; beyond it
# further views are dropped (the counters are unreachable for that long, or someone is flooding made-up paths).
BUFFER_MAX = 50_000
# Days kept in Redis before the nightly task has copied them to the database (a week of missed runs is caught up).
REDIS_KEEP_DAYS = 8
# Failures of the counters are logged at most this often per process.
LOG_INTERVAL_SECONDS = 60


def flush_seconds() -> float:
    """How often a web process writes its buffered views to the counters; 0 writes them with each view (tests)."""
    return float(getattr(settings, "VISIT_FLUSH_SECONDS", 2.0))


# --- Units

# The monthly 通报 and the yearly 考核 cover every active unit except the county government office, which issues them
# (县政府办公室每月通报一次各乡镇、各部门的政务公开工作).
OFFICE_KIND = "office"


# --- 考核 grades


@dataclass(frozen=True)
class Grade:
    name: str
    minimum: float


def grades() -> list[Grade]:
    """The four grades of the 考核, highest first, from EVALUATION_GRADES ("name:minimum" each). The county's 考核制度
    (art. 5) names 优秀、合格、基本合格、不合格 and then describes 优秀、良好、合格、不合格: either is a setting away."""
    parsed = []
    for item in getattr(settings, "EVALUATION_GRADES", ["优秀:90", "良好:80", "合格:60", "不合格:0"]):
        name, _, minimum = str(item).partition(":")
        try:
            parsed.append(Grade(name.strip(), float(minimum)))
        except ValueError as exc:
            raise ImproperlyConfigured(f"EVALUATION_GRADES: “{item}” should be 等次名称:最低分, e.g. 优秀:90") from exc
    parsed.sort(key=lambda grade: -grade.minimum)
    if len(parsed) != 4 or not all(grade.name for grade in parsed) or parsed[-1].minimum > 0:
        raise ImproperlyConfigured("EVALUATION_GRADES needs four grades, the lowest starting at 0.")
    return parsed


def grade_for(score: float, scale: list[Grade] | None = None) -> str:
    for grade in scale or grades():
        if score >= grade.minimum:
            return grade.name
    return (scale or grades())[-1].name


# The county's 绩效考核 gives 政务公开 a weight of at least 4% (深化政务公开实施方案: 分值权重不低于4%).
MIN_PERFORMANCE_WEIGHT = 4

# --- 网站工作年度报表: published by 31 January of the next year (国办函〔2018〕12号).
WEB_REPORT_DUE_MONTH_DAY = (1, 31)
