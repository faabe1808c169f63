"""The product apps as the site shell sees them: URL includes, navigation, footer links and demo seeders, read from
each app's ``ProductAppConfig`` (portal/apps.py). Adding an app is one line in INSTALLED_APPS."""

from __future__ import annotations

import importlib
import importlib.util
from types import ModuleType
from urllib.parse import urlsplit

from django.apps import apps
from django.urls import NoReverseMatch, Resolver404, resolve, reverse

from portal.apps import NavLink, ProductAppConfig
from portal.fasturls import include_at_root
from portal.models import Organization


def product_apps() -> list[ProductAppConfig]:
    return [config for config in apps.get_app_configs() if isinstance(config, ProductAppConfig)]


def _module(name: str) -> ModuleType | None:
    return importlib.import_module(name) if importlib.util.find_spec(name) else None


def url_includes() -> list:
    patterns = []
    for config in product_apps():
        module = config.url_module or (
            f"{config.name}.urls" if importlib.util.find_spec(f"{config.name}.urls") else None
        )
        if module:
            patterns.append(include_at_root(module))
    return patterns


def _links(attribute: str) -> list[NavLink]:
    links = [link for config in product_apps() for link in getattr(config, attribute)]
    return sorted(links, key=lambda link: link.order)


def _url(link: NavLink) -> str | None:
    try:
        return reverse(link.url_name, kwargs=link.kwargs or None)
    except NoReverseMatch:
        return None


def public_nav() -> list[tuple[str, str]]:
    return [(link.label, url) for link in _links("public_nav") if (url := _url(link))]


def footer_links() -> list[tuple[str, str, str]]:
    """(label, url, the query parameter for the current page's address or "")."""
    return [(link.label, url, link.page_param) for link in _links("footer_links") if (url := _url(link))]


def staff_nav(user) -> list[tuple[str, str]]:
    """The staff side navigation for ``user``: a link without its own rule is for users with a staff role."""
    links = [link for link in _links("staff_nav") if (link.visible or _has_role)(user)]
    return [(link.label, url) for link in links if (url := _url(link))]


def _has_role(user) -> bool:
    return user.is_portal_staff


def page_owner(address: str) -> int | None:
    """The id of the unit that owns a page of this site (a 纠错 report's page), or None when no app can tell.

    Each app answers for its own pages with ``selectors.page_owner(url_name, kwargs)``; the 机构 pages are portal's."""
    path = urlsplit(address or "").path
    try:
        match = resolve(path)
    except Resolver404:
        return None
    if match.view_name == "portal:organization_detail":
        return Organization.objects.filter(code=match.kwargs.get("code")).values_list("pk", flat=True).first()
    for config in product_apps():
        if match.app_name == config.label and (selectors := _module(f"{config.name}.selectors")):
            owner = getattr(selectors, "page_owner", None)
            return owner(match.url_name, match.kwargs) if owner else None
    return None


def demo_modules() -> list[tuple[str, ModuleType]]:
    configs = sorted(product_apps(), key=lambda config: config.demo_order)
    return [(config.name, module) for config in configs if (module := _module(f"{config.name}.demo"))]
