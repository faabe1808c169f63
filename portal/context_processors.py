from django.core.cache import cache

from portal.models import SiteProfile

_CACHE_KEY = "portal:site_profile"


def site(request) -> dict:
    """The site profile (cached; cleared when it is saved) and the reader's display modes (cookies)."""
    profile = cache.get(_CACHE_KEY)
    if profile is None:
        profile = SiteProfile.get()
        cache.set(_CACHE_KEY, profile, 300)
    return {
        "site": profile,
        "large_text": request.COOKIES.get("large_text") == "1",
        "high_contrast": request.COOKIES.get("high_contrast") == "1",
    }


def clear_site_cache() -> None:
    cache.delete(_CACHE_KEY)
