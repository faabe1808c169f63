"""Settings of the site self-inspection, read at call time (tests override them with pytest-django's ``settings``).

The limits are those of the national website check (国办秘函〔2019〕19号): the home page not updated for 2 weeks, 5 or
more columns stale or 5 or more empty, a valid message unanswered over 3 months, a serious wording error, a new-media
account silent for 2 weeks — each fails the site outright (单项否决)."""

from __future__ import annotations

from dateutil.relativedelta import relativedelta
from django.conf import settings

HOME_LIMIT = relativedelta(weeks=2)


def warn_workdays() -> int:
    """Warn this many working days before a column or the home page goes stale."""
    return getattr(settings, "INSPECTION_WARN_WORKDAYS", 3)


def stale_columns_veto() -> int:
    return getattr(settings, "INSPECTION_STALE_COLUMNS_VETO", 5)


def empty_columns_veto() -> int:
    return getattr(settings, "INSPECTION_EMPTY_COLUMNS_VETO", 5)


def score_months() -> int:
    """The scored items (on-time rates) look back this many months: a quarter, as the quarterly 巡查 does."""
    return getattr(settings, "INSPECTION_SCORE_MONTHS", 3)


def interpretation_workdays() -> int:
    """A policy's 解读 goes up with it, within 3 working days (政府网站发展指引)."""
    return getattr(settings, "INSPECTION_INTERPRETATION_WORKDAYS", 3)


# --- the nightly link check


def link_concurrency() -> int:
    """Requests in flight at once, over all hosts."""
    return getattr(settings, "LINK_CHECK_CONCURRENCY", 8)


def link_per_host() -> int:
    """Requests in flight at once to one host (host and port): other people's servers are not ours to load."""
    return getattr(settings, "LINK_CHECK_PER_HOST", 2)


def link_timeout() -> float:
    """Seconds to connect, and seconds between bytes of the answer."""
    return getattr(settings, "LINK_CHECK_TIMEOUT", 10.0)


def link_retries() -> int:
    """Further tries of a link that failed in a way that may pass (timeout, refused, 5xx, 429) before the night
    counts it as failed."""
    return getattr(settings, "LINK_CHECK_RETRIES", 2)


def link_retry_delay() -> float:
    return getattr(settings, "LINK_CHECK_RETRY_DELAY", 2.0)


def dead_after_nights() -> int:
    """A link is dead once it failed on this many nights in a row (one bad night may be the other server's)."""
    return getattr(settings, "LINK_CHECK_DEAD_AFTER_NIGHTS", 2)


MAX_REDIRECTS = 5
USER_AGENT = "Mozilla/5.0 (compatible; GovPortalLinkCheck/1.0; +site self-inspection)"


def link_proxy() -> str:
    return getattr(settings, "LINK_CHECK_PROXY", "")
