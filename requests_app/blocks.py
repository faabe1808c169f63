"""What 依申请公开 adds to the staff workbench and the home page (registered in AppConfig.ready)."""

from __future__ import annotations

from django.urls import reverse

from portal import workdays
from portal.clocks import PageClock
from portal.context_processors import site_profile
from portal.home import Block
from portal.workbench import Section, Task
from requests_app import conf, selectors


def workbench_sections(user) -> list[Section]:
    if not getattr(user, "is_portal_staff", False):
        return []
    qs = selectors.open_for_workbench(user)
    rows = list(qs[:8])
    handles = user.is_office_staff or user.is_officer or user.is_unit_reviewer
    if not rows and not handles:
        return []
    count = qs.count() if rows else 0
    clock = PageClock([a.clock_due_on for a in rows])
    tasks = [
        Task(
            title=f"{a.tracking_number} {a.info_title or a.info_description[:24]}",
            url=reverse("requests_app:staff_detail", args=[a.pk]),
            unit=a.handling_unit.display_name if a.handling_unit else "未交办",
            state=a.get_status_display(),
            due_on=a.clock_due_on,
            clock=clock.state(a.clock_due_on),
        )
        for a in rows
    ]
    links = [
        ("全部申请", reverse("requests_app:staff_list")),
        ("年报统计（表三）", reverse("requests_app:staff_stats")),
    ]
    if user.is_office_staff:
        links.insert(0, ("登记申请", reverse("requests_app:staff_register")))
    return [
        Section(
            title="依申请公开", url=reverse("requests_app:staff_list") + "?status=open", count=count, tasks=tasks,
            links=links, order=30,
        )
    ]  # fmt: skip


def home_block(request) -> Block | None:
    """The 依申请公开 box: how to apply in three steps, the entries, and this year's figures."""
    year = workdays.today().year
    context = {"site": site_profile(), "year": year, "figures": selectors.year_figures(year)}
    context["reply_days"] = conf.reply_workdays()
    return Block("requests_app/home_block.html", context, order=60)
