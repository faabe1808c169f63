"""What 解读回应 adds to the staff workbench: concerns still running a clock, and interviews with questions waiting."""

from __future__ import annotations

from django.urls import reverse
from django.utils import timezone

from portal.workbench import Section, Task, listed

from . import selectors
from .models import Interview, Question


def _concern_task(concern) -> Task:
    running = [c for c in concern.clocks.all() if not c.met_at]
    nearest = running[0] if running else None
    late = any(c.is_late() for c in concern.clocks.all())
    state = concern.get_status_display()
    if nearest:
        state += f"，{nearest.label}时限{timezone.localtime(nearest.due_at):%m-%d %H:%M}"
    if late:
        state += "（已超时）"
    return Task(title=concern.title, url=reverse("engagement:staff_concern", args=[concern.pk]),
                unit=concern.organization.display_name, state=state)  # fmt: skip


def workbench_sections(user) -> list[Section]:
    if not user.is_authenticated or not (user.organization_id or user.is_office_staff):
        return []
    sections = []
    count, tasks = listed(selectors.open_concerns(user), lambda rows: [_concern_task(c) for c in rows])
    links = [("登记舆情", reverse("engagement:staff_concern_create"))] if user.is_office_staff else []
    if count or links:
        sections.append(Section("政务舆情·待回应", url=reverse("engagement:staff_concerns"), count=count, tasks=tasks,
                                links=links, order=40))  # fmt: skip
    waiting = (
        selectors.interviews_visible_to(user)
        .filter(
            status__in=[Interview.Status.SCHEDULED, Interview.Status.LIVE], questions__status=Question.Status.PENDING
        )
        .distinct()
    )

    def rows(interviews):
        return [Task(title=i.title, url=reverse("engagement:staff_interview", args=[i.pk]),
                     unit=i.organization.display_name, state=f"{i.get_status_display()}，有待审核的网民提问")
                for i in interviews]  # fmt: skip

    count, tasks = listed(waiting.order_by("starts_at"), rows)
    if count:
        sections.append(Section("在线访谈·待审核提问", url=reverse("engagement:staff_interviews"), count=count,
                                tasks=tasks, order=41))  # fmt: skip
    return sections
