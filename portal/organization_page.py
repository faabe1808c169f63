"""Blocks that apps add to a unit's 机构 page (its service items, its accounts ...), registered in AppConfig.ready()
the same way as the home page's (portal/home.py): a provider takes the request and the Organization and returns a
``Block`` or None; blocks render in ``order`` below the unit's own details, and a failing provider is left out."""

from __future__ import annotations

from collections.abc import Callable

from portal.home import Block, collect

OrganizationBlockProvider = Callable[[object, object], Block | None]
_providers: dict[str, OrganizationBlockProvider] = {}


def register(name: str, provider: OrganizationBlockProvider) -> None:
    _providers[name] = provider


def blocks_for(request, organization) -> list[Block]:
    return collect(_providers, request, organization)
