"""Context for every page: the site profile (cached) and the main navigation. The reader's display modes are not
here: static/js/mode.js applies them from their cookies, so every reader gets the same HTML (portal/pagecache.py)."""

import functools
import logging

from django.urls import reverse

from portal import pagecache, registry
from portal.models import SiteProfile
from portal.staff import signed_in

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
    """The site profile, kept until public content (the profile included) changes; read from the row when the cache
    (Redis) is down."""
    return pagecache.per_generation(_CACHE_KEY, SiteProfile.get, _CACHE_SECONDS)


def clear_site_cache() -> None:
    """Saving the profile bumps the content generation already (portal.pagecache); this does it by hand."""
    pagecache.bump()


def _current_nav_url(path: str) -> str:
    """The nav item whose path is the longest prefix of the current page's ("" when none is)."""
    matches = [url for _, url in nav_items() if path == url or (url != "/" and path.startswith(url))]
    return max(matches, key=len, default="")


def site(request) -> dict:
    """The site profile (cached; cleared when it is saved), the navigation with the current item marked, and whether
    a user is signed in (the page shell is kept once per current item and signed-in state: templates/base.html)."""
    current = _current_nav_url(request.path)
    nav = [{"label": label, "url": url, "current": url == current} for label, url in nav_items()]
    return {
        "site": site_profile(),
        "nav_items": nav,
        "nav_current": current,
        "footer_links": footer_links(),
        "signed_in": signed_in(request),
    }
