"""Warnings before a failing mark trips: an e-mail to the office (and to the unit, for a unit's own column) when a
column or the home page comes within N working days of going stale or goes stale, and when a veto mark's count comes
within one of its threshold or reaches it. Each item is told once per change of state: the last state seen is kept
per item (ItemState), and every warning sent is recorded (SentWarning)."""

from __future__ import annotations

from dataclasses import dataclass

from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

from inspection.dashboard import DUE, FAILING, FRESHNESS_STATES, Dashboard
from inspection.models import ItemState, SentWarning
from portal import mail
from portal.models import SiteProfile

WARN_STATES = (DUE, FAILING)


@dataclass(frozen=True)
class Tracked:
    key: str
    state: str
    text: str
    organization_id: int | None  # the unit to tell besides the office


def tracked(dashboard: Dashboard) -> list[Tracked]:
    """The items warned about: the veto marks, the home page and every column (site-wide and each unit's own)."""
    found = []
    for mark in dashboard.vetoes:
        text = f"单项否决指标“{mark.label}”：{mark.count}项（达到{mark.threshold}项即不合格）"
        found.append(Tracked(mark.key, mark.state, text, None))
    if dashboard.home is not None:
        home = dashboard.home
        found.append(Tracked(home.key, FRESHNESS_STATES[home.state], f"首页：{home.detail}", None))
    for check in dashboard.columns + dashboard.unit_columns:
        text = f"栏目“{check.label}”{check.state_label}：{check.detail}"
        found.append(Tracked(check.key, FRESHNESS_STATES[check.state], text, check.unit.pk if check.unit else None))
    return found


def changes(items: list[Tracked]) -> list[Tracked]:
    """Record each item's state; return those that moved into a warning state since last seen (an item seen for
    the first time in a warning state counts as moved)."""
    now = timezone.now()
    known = dict(ItemState.objects.values_list("key", "state"))
    moved = [item for item in items if known.get(item.key) != item.state]
    ItemState.objects.bulk_create(
        [ItemState(key=i.key, state=i.state, changed_at=now) for i in moved if i.key not in known], batch_size=1000
    )
    for state in {i.state for i in moved}:
        keys = [i.key for i in moved if i.state == state and i.key in known]
        for start in range(0, len(keys), 900):
            ItemState.objects.filter(key__in=keys[start : start + 900]).update(state=state, changed_at=now)
    return [item for item in moved if item.state in WARN_STATES]


def send(warnings: list[Tracked]) -> int:
    """One e-mail per recipient listing what concerns them; a SentWarning row per item. Returns e-mails sent."""
    if not warnings:
        return 0
    office = mail.office_addresses()
    by_address: dict[str, list[Tracked]] = {address: list(warnings) for address in office}
    units: dict[int, list[str]] = {}
    for warning in warnings:
        if warning.organization_id and warning.organization_id not in units:
            units[warning.organization_id] = mail.unit_addresses(warning.organization_id)
        for address in units.get(warning.organization_id, []):
            by_address.setdefault(address, []).append(warning)
    site = SiteProfile.get()
    url = f"{site.site_domain}{reverse('inspection:dashboard')}"
    sent = 0
    for address, items in by_address.items():
        subject = f"【网站自查预警】{len(items)}项需要处理（{timezone.localdate():%Y-%m-%d}）"
        body = render_to_string("inspection/email/warnings.txt", {"items": items, "site": site, "url": url})
        sent += mail.send_each(subject, body, [address])
    SentWarning.objects.bulk_create(
        [
            SentWarning(
                key=w.key,
                state=w.state,
                text=w.text[:300],
                organization_id=w.organization_id,
                recipients="、".join(sorted(set(office) | set(units.get(w.organization_id, [])))),
            )
            for w in warnings
        ]  # fmt: skip
    )
    return sent


def warn(dashboard: Dashboard) -> int:
    return send(changes(tracked(dashboard)))
