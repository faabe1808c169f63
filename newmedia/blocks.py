"""What the new-media app adds to the staff workbench and the home page (registered in NewmediaConfig.ready)."""

from __future__ import annotations

from django.urls import reverse

from newmedia import selectors
from newmedia.models import Filing
from newmedia.workflows import may_open_account
from portal import clocks
from portal.home import Block
from portal.workbench import Section, Task


def filing_clock(filing: Filing):
    # The unit's clock stops when the filing reaches the office; say whether it did so in time rather than
    # "已办结", because the office still has to review it.
    if filing.first_submitted_on is not None:
        if filing.is_late:
            return clocks.ClockState("done", "已报送（逾期）", "clock-overdue", None)
        return clocks.ClockState("done", "已按时报送", "clock-done", None)
    return clocks.clock_state(filing.due_on)


def home_block(request) -> Block | None:
    accounts = selectors.home_strip()
    if not accounts:
        return None
    return Block("newmedia/home_strip.html", {"newmedia_accounts": accounts}, order=70)


def workbench_sections(user) -> list[Section]:
    if not (user.is_office_staff or user.organization_id):
        return []
    open_filings = list(selectors.open_filings_for(user)[:8])
    tasks = [
        Task(
            title=f"{f.account.name}（{f.get_kind_display()}）",
            url=reverse("newmedia:filing_detail", args=[f.pk]),
            unit=f.account.organization.display_name,
            state=f.get_status_display(),
            due_on=f.due_on,
            clock=filing_clock(f),
        )
        for f in open_filings
    ]
    links = [("政务新媒体账号", reverse("newmedia:staff_index")), ("发布情况", reverse("newmedia:activity"))]
    if may_open_account(user):
        links.insert(0, ("开设备案", reverse("newmedia:account_new")))
    if user.is_office_staff:
        links.append(("备案审核", reverse("newmedia:review_queue")))
    return [
        Section(
            title="政务新媒体",
            url=reverse("newmedia:staff_index"),
            count=selectors.open_filings_for(user).count(),
            tasks=tasks,
            links=links,
            order=60,
        )
    ]
