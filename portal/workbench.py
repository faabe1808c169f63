"""The staff workbench (/staff/) is composed of sections that each app registers in its AppConfig.ready().

A provider takes the user and returns a list of ``Section`` (empty when the user has nothing there). Providers must
scope their queries with the app's selectors, and keep to a fixed number of queries."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field


@dataclass
class Task:
    title: str
    url: str
    unit: str = ""
    state: str = ""
    due_on: object = None  # a date
    clock: object = None  # a portal.clocks.ClockState


@dataclass
class Section:
    title: str
    url: str = ""  # the app's full list
    count: int = 0
    tasks: list[Task] = field(default_factory=list)
    links: list[tuple[str, str]] = field(default_factory=list)  # (label, url) quick actions
    order: int = 100


TASKS_SHOWN = 10


def listed(queryset, to_tasks: Callable[[list], list[Task]], limit: int = TASKS_SHOWN) -> tuple[int, list[Task]]:
    """A section's badge and list from one queryset, so that the badge counts exactly what the list is drawn from:
    the first ``limit`` rows are shown (``to_tasks`` turns them into rows), the section's link opens the rest."""
    rows = list(queryset[:limit])
    count = len(rows) if len(rows) < limit else queryset.count()
    return count, to_tasks(rows)


Provider = Callable[[object], list[Section]]
_providers: dict[str, Provider] = {}


def register(name: str, provider: Provider) -> None:
    _providers[name] = provider


def sections_for(user) -> list[Section]:
    sections: list[Section] = []
    for provider in _providers.values():
        sections.extend(provider(user))
    return sorted(sections, key=lambda s: s.order)
