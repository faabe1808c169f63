"""Context for every page: the site profile (cached), the main navigation and the reader's display modes."""

import logging

from django.core.cache import cache

from portal.models import SiteProfile

logger = logging.getLogger(__name__)

_CACHE_KEY = "portal:site_profile"
_CACHE_SECONDS = 300

# The main navigation (DESIGN §11). Paths of sections other apps serve are fixed by their issues.
NAV_ITEMS: tuple[tuple[str, str], ...] = (
    ("首页", "/"),
    ("政务要闻", "/columns/zwyw/"),
    ("通知公告", "/columns/tzgg/"),
    ("政府信息公开", "/disclosure/"),
    ("依申请公开", "/requests/new/"),
    ("政民互动", "/messages/"),
    ("政务新媒体", "/newmedia/"),
    ("机构设置", "/organizations/"),
)


def site_profile() -> SiteProfile:
    # The cache (Redis) being down must not take every page with it: read the row instead.
    try:
        profile = cache.get(_CACHE_KEY)
    except Exception:
        logger.warning("Cache unavailable; site profile read from the database", exc_info=True)
        return SiteProfile.get()
    if profile is None:
        profile = SiteProfile.get()
        try:
            cache.set(_CACHE_KEY, profile, _CACHE_SECONDS)
        except Exception:
            logger.warning("Cache unavailable; site profile not cached", exc_info=True)
    return profile


def clear_site_cache() -> None:
    try:
        cache.delete(_CACHE_KEY)
    except Exception:
        logger.warning("Cache unavailable; site profile not cleared", exc_info=True)


def _nav(path: str) -> list[dict]:
    """The nav items, the one whose path is the longest prefix of the current page marked current."""
    matches = [url for _, url in NAV_ITEMS if path == url or (url != "/" and path.startswith(url))]
    current = max(matches, key=len, default=None)
    return [{"label": label, "url": url, "current": url == current} for label, url in NAV_ITEMS]


def site(request) -> dict:
    """The site profile (cached; cleared when it is saved) and the reader's display modes (cookies)."""
    return {
        "site": site_profile(),
        "nav_items": _nav(request.path),
        "large_text": request.COOKIES.get("large_text") == "1",
        "high_contrast": request.COOKIES.get("high_contrast") == "1",
    }
