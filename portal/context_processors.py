"""Context for every page: the site profile (cached) and the main navigation. The reader's display modes are not
here: static/js/mode.js applies them from their cookies, so every reader gets the same HTML (portal/pagecache.py)."""

import functools
import logging

from django.core.cache import cache
from django.urls import reverse

from portal import registry
from portal.models import SiteProfile

logger = logging.getLogger(__name__)

_CACHE_KEY = "portal:site_profile"
_CACHE_SECONDS = 300


@functools.cache
def nav_items() -> tuple[tuple[str, str], ...]:
    """The main navigation: the home page, what the product apps declare (portal/registry.py), the organisations."""
    return (("首页", reverse("portal:home")), *registry.public_nav(), ("机构设置", reverse("portal:organization_list")))


@functools.cache
def footer_links() -> tuple[tuple[str, str, str], ...]:
    return (
        ("机构设置", reverse("portal:organization_list"), ""),
        *registry.footer_links(),
        ("网站地图", reverse("portal:sitemap"), ""),
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
    items = nav_items()
    matches = [url for _, url in items if path == url or (url != "/" and path.startswith(url))]
    current = max(matches, key=len, default=None)
    return [{"label": label, "url": url, "current": url == current} for label, url in items]


def site(request) -> dict:
    """The site profile (cached; cleared when it is saved) and the navigation."""
    return {"site": site_profile(), "nav_items": _nav(request.path), "footer_links": footer_links()}
