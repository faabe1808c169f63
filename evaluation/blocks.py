"""What the evaluation app adds to the staff workbench (registered in EvaluationConfig)."""

from __future__ import annotations

from django.urls import reverse

from evaluation import selectors
from evaluation.models import Bulletin
from evaluation.ranking import Reading
from portal.clocks import clock_state
from portal.workbench import Section, Task


def _office_section() -> Section:
    bulletins = list(Bulletin.objects.filter(status__in=[Bulletin.Status.DRAFT, Bulletin.Status.APPROVED])[:10])
    tasks = [
        Task(b.title, reverse("evaluation:staff_bulletin", args=[b.pk]), state=b.get_status_display())
        for b in bulletins
    ]
    for report in selectors.open_web_reports()[:5]:
        clock = clock_state(report.due_on)
        tasks.append(Task(report.title, reverse("evaluation:staff_report", args=[report.pk]),
                          state=report.get_status_display(), due_on=report.due_on, clock=clock))  # fmt: skip
    return Section("通报与年度报表", url=reverse("evaluation:staff_index"), count=len(tasks), tasks=tasks, order=60)


def _unit_section(user) -> Section | None:
    bulletin = selectors.latest_sent_bulletin()
    if bulletin is None:
        return None
    line = next((line for line in Reading(bulletin).lines if line.unit_id == user.organization_id), None)
    state = f"第{line.rank}名，{line.total:g}分" if line else ""
    task = Task(bulletin.title, reverse("evaluation:staff_bulletin", args=[bulletin.pk]), state=state)
    return Section("月度通报", url=reverse("evaluation:staff_index"), count=1, tasks=[task], order=60)


def workbench_sections(user) -> list[Section]:
    if not user.is_authenticated or not user.is_portal_staff:
        return []
    if user.is_office_staff:
        return [_office_section()]
    section = _unit_section(user) if user.organization_id else None
    return [section] if section else []
