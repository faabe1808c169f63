from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from django.apps import AppConfig


@dataclass(frozen=True)
class NavLink:
    """A link an app contributes to the public navigation or the staff side navigation."""

    label: str
    url_name: str
    order: int = 100
    kwargs: dict = field(default_factory=dict)
    visible: Callable[[object], bool] | None = None  # staff links: who sees it (default: users with a staff role)
    page_param: str = ""  # footer links: the query parameter that carries the current page's address


class ProductAppConfig(AppConfig):
    """The base of every product app: what the app contributes to the site shell, declared here so that `portal`
    composes the apps without naming any (portal/registry.py). An app also registers its home blocks, workbench
    sections and calendar hooks in ``ready()``, and keeps its beat schedule in ``<app>/schedule.py`` and its demo
    content in ``<app>/demo.py`` (``seed(stdout)``)."""

    default = False  # Django's discovery skips this base when an app's apps.py imports it ...
    url_module: str | None = None  # included at the site root; defaults to "<app>.urls" when it exists
    public_nav: tuple[NavLink, ...] = ()
    staff_nav: tuple[NavLink, ...] = ()
    footer_links: tuple[NavLink, ...] = ()
    demo_order: int = 100  # seed_demo runs the apps' demo modules in this order

    def __init_subclass__(cls, **kwargs) -> None:
        super().__init_subclass__(**kwargs)
        cls.default = cls.__dict__.get("default", True)  # ... and picks the app's own subclass


class PortalConfig(AppConfig):
    name = "portal"
    verbose_name = "门户基础"

    def ready(self) -> None:
        from portal import checks, pagecache, signals  # noqa: F401 - registers system checks and signal handlers

        pagecache.connect_content_signals()
