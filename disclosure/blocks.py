"""What the disclosure app adds to the staff workbench and the home page (registered in DisclosureConfig.ready)."""

from __future__ import annotations

from django.db.models import Prefetch, prefetch_related_objects
from django.urls import reverse

from disclosure import selectors
from disclosure.models import Column, Document, DocumentHistory, ReviewLevel
from disclosure.workflows import WORKFLOW, may_draft
from portal.clocks import clock_state
from portal.home import Block
from portal.workbench import Section, Task, listed

TASKS_SHOWN = 10
QUEUE_TITLES = {
    ReviewLevel.FIRST: "信息发布·初审待办",
    ReviewLevel.SECOND: "信息发布·复审待办",
    ReviewLevel.FINAL: "信息发布·终审待办",
}


def _task(document: Document, state: str = "") -> Task:
    """A workbench row; the clock is the 保密审查 clock (10 working days from submission) while under review."""
    running = document.is_in_review and document.review_due_on
    return Task(
        title=document.title,
        url=reverse("disclosure:staff_detail", args=[document.pk]),
        unit=document.organization.display_name,
        state=state or document.get_status_display(),
        due_on=document.review_due_on if running else None,
        clock=clock_state(document.review_due_on) if running else None,
    )


def _queue_section(user, level: str, order: int) -> Section | None:
    queryset = selectors.review_queue(user, level)
    documents = list(queryset[:TASKS_SHOWN])
    if not documents:
        return None
    # The review rule reads each document's history (who drafted, edited or passed it this round): one query for all.
    rows = DocumentHistory.objects.only("document_id", "review_round", "actor_id", "action", "decision")
    prefetch_related_objects(documents, Prefetch("history", queryset=rows))
    tasks = []
    for document in documents:
        problem = WORKFLOW.problem(document, user, DocumentHistory.Action.REVIEW)
        level_due = f"，本级期限{document.level_due_on:%m-%d}" if document.level_due_on else ""
        state = f"{document.get_status_display()}{level_due}" + (f"（{problem}）" if problem else "")
        tasks.append(_task(document, state))
    url = reverse("disclosure:staff_queue", args=[level])
    return Section(QUEUE_TITLES[level], url=url, count=queryset.count(), tasks=tasks, order=order)


def workbench_sections(user) -> list[Section]:
    if not user.is_authenticated or not (user.organization_id or user.is_office_staff):
        return []
    sections: list[Section] = []
    for order, level in enumerate(ReviewLevel.values, 10):
        section = _queue_section(user, level, order)
        if section:
            sections.append(section)
    links = []
    if may_draft(user):
        links.append(("起草新信息", reverse("disclosure:staff_create")))
        drafts = selectors.my_drafts(user)
        shown = [_task(d) for d in drafts[:TASKS_SHOWN]]
        url = reverse("disclosure:staff_list") + "?mine=1"
        sections.append(Section("我的草稿与退回件", url=url, count=drafts.count(), tasks=shown, links=links, order=20))
    waiting = _interpretation_section(user)
    if waiting:
        sections.append(waiting)
    counts = selectors.state_counts(user)
    state_links = [
        (f"{label}（{counts[value]}）", reverse("disclosure:staff_list") + f"?status={value}")
        for value, label in Document.Status.choices
    ]
    title = "全县信息发布" if user.is_office_staff else "本单位信息发布"
    # The badge counts work still open (drafts, returned, under review), not the archive of published items, and
    # the list shows those same items.
    count, tasks = listed(selectors.open_documents(user), lambda rows: [_task(d) for d in rows])
    url = reverse("disclosure:staff_list") + f"?status={selectors.OPEN_FILTER}"
    sections.append(Section(title, url=url, count=count, tasks=tasks, links=state_links, order=30))
    return sections


def _interpretation_section(user) -> Section | None:
    """Published policies still without their 解读, each on its 3-working-day clock (overdue ones first)."""

    def rows(policies: list[Document]) -> list[Task]:
        return [
            Task(
                title=p.title,
                url=reverse("disclosure:staff_detail", args=[p.pk]),
                unit=p.organization.display_name,
                state="待配发解读",
                due_on=p.interpretation_due_on,
                clock=clock_state(p.interpretation_due_on),
            )  # fmt: skip
            for p in policies
        ]

    count, tasks = listed(selectors.policies_without_interpretation(user), rows)
    if not count:
        return None
    return Section("政策文件·待配发解读", count=count, tasks=tasks, order=25)


HOME_COLUMNS = ("zwyw", "tzgg", "xzdt", "bmdt")


def home_block(request) -> Block | None:
    columns = list(Column.objects.filter(slug__in=HOME_COLUMNS + ("zcjd",), is_active=True))
    if not columns:
        return None
    latest = selectors.latest_by_column(columns)
    order = {slug: i for i, slug in enumerate(HOME_COLUMNS + ("zcjd",))}
    panels = [{"column": c, "documents": latest.get(c.pk, [])} for c in sorted(columns, key=lambda c: order[c.slug])]
    return Block("disclosure/home_block.html", {"news_panels": panels}, order=10)


PICTURE_NEWS_COLUMNS = ("zwyw", "xzdt", "bmdt")
PICTURE_NEWS_SHOWN = 5


def picture_news_block(request) -> Block | None:
    """图片新闻: the newest news items that carry a picture, for the home page's slideshow (one query)."""
    documents = list(selectors.picture_news(PICTURE_NEWS_COLUMNS, PICTURE_NEWS_SHOWN))
    if not documents:
        return None
    return Block("disclosure/picture_news.html", {"picture_news": documents}, order=5)
