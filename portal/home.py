"""The home page is composed of blocks that each app registers in its AppConfig.ready().

A provider takes the request and returns ``Block(template, context, order)`` or None; blocks render in ``order``,
and the block's template sees ``context`` as top-level variables (see templates/portal/home.html). A provider that
fails is logged and left out, so one broken app cannot take the home page down (in DEBUG it raises).

The home page is the same for every reader: its blocks are built once per change of public content and kept
(portal.views.home), so a provider must not show anything that depends on who asks."""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass

from django.conf import settings

logger = logging.getLogger(__name__)


@dataclass
class Block:
    template: str
    context: dict
    order: int = 100


BlockProvider = Callable[[object], Block | None]
_providers: dict[str, BlockProvider] = {}


def register(name: str, provider: BlockProvider) -> None:
    _providers[name] = provider


def blocks_for(request) -> list[Block]:
    return collect(_providers, request)


def collect(providers: dict[str, Callable[..., Block | None]], *args) -> list[Block]:
    """Call every provider with ``args`` and return their blocks in order; a failing provider is logged and left out
    (in DEBUG it raises). Other pages built of blocks (the 机构 page, portal/organization_page.py) use it too."""
    blocks = []
    for name, provider in providers.items():
        try:
            block = provider(*args)
        except Exception:
            if settings.DEBUG:
                raise
            logger.exception("block provider %s failed", name)
            continue
        if block is not None:
            blocks.append(block)
    return sorted(blocks, key=lambda b: b.order)
