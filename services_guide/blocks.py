"""What 办事服务 adds to the home page, the 机构 pages and the staff workbench (registered in ServicesGuideConfig)."""

from __future__ import annotations

from django.urls import reverse

from portal.home import Block
from portal.review import ReviewLevel
from portal.workbench import Section, Task
from services_guide import conf, selectors
from services_guide.models import GuideVersion
from services_guide.workflows import review_rows, reviewer_problem

TASKS_SHOWN = 10
QUEUE_TITLES = {
    ReviewLevel.FIRST: "办事指南·初审待办",
    ReviewLevel.SECOND: "办事指南·复审待办",
    ReviewLevel.FINAL: "办事指南·终审待办",
}


def home_block(request) -> Block | None:
    """The 办事服务 entrance: 个人办事 and 法人办事 by theme, and a search of the catalogue."""
    summary = selectors.home_summary()
    if not summary["total"]:
        return None
    return Block("services_guide/home_block.html", {"services": summary}, order=15)


def organization_block(request, organization) -> Block | None:
    versions, total = selectors.unit_items(organization, conf.ORGANIZATION_ITEMS_SHOWN)
    if not versions:
        return None
    return Block("services_guide/organization_block.html", {"service_versions": versions, "service_total": total,
                                                             "service_unit": organization})  # fmt: skip


def _task(version: GuideVersion, state: str = "") -> Task:
    return Task(
        title=version.name,
        url=reverse("services_guide:staff_version", args=[version.pk]),
        unit=version.item.organization.display_name,
        state=state or version.get_status_display(),
    )


def _queue_section(user, level: str, order: int) -> Section | None:
    queryset = selectors.review_queue(user, level)
    versions = list(queryset[:TASKS_SHOWN])
    if not versions:
        return None
    tasks = []
    for version in versions:
        problem = reviewer_problem(user, version, review_rows(version))
        tasks.append(_task(version, version.get_status_display() + (f"（{problem}）" if problem else "")))
    url = reverse("services_guide:staff_queue", args=[level])
    return Section(QUEUE_TITLES[level], url=url, count=queryset.count(), tasks=tasks, order=order)


def workbench_sections(user) -> list[Section]:
    if not user.is_authenticated or not (user.organization_id or user.is_office_staff):
        return []
    sections = [
        section
        for level, order in ((ReviewLevel.FIRST, 21), (ReviewLevel.SECOND, 22), (ReviewLevel.FINAL, 23))
        if (section := _queue_section(user, level, order))
    ]
    drafts = list(selectors.my_open_versions(user)[:TASKS_SHOWN])
    if drafts or user.is_officer:
        sections.append(
            Section(
                "我的办事指南草稿",
                url=reverse("services_guide:staff_list"),
                count=len(drafts),
                tasks=[_task(v) for v in drafts],
                links=[("新建事项", reverse("services_guide:staff_create"))] if user.is_officer else [],
                order=24,
            )
        )
    return sections
