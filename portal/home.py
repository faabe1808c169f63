"""The home page is composed of blocks that each app registers in its AppConfig.ready().

A block provider takes the request and returns ``(template_name, context)`` or None; blocks render in ``order``."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass


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
    blocks = [b for b in (p(request) for p in _providers.values()) if b is not None]
    return sorted(blocks, key=lambda b: b.order)
