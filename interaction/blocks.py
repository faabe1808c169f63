"""What the 政民互动 app adds to the staff workbench and the home page (registered in AppConfig.ready)."""

from __future__ import annotations

from django.db.models import Count, Q
from django.urls import reverse
from django.utils import timezone

from portal.clocks import PageClock
from portal.home import Block
from portal.workbench import Section, Task, listed

from .models import Consultation, Correction, Message, page_clock

S = Message.Status


def workbench_sections(user) -> list[Section]:
    if not (user.is_authenticated and user.is_active):
        return []
    sections = []
    if user.is_office_staff:
        sections += _office_sections(user)
    if user.organization_id:
        sections += _unit_sections(user)
    return sections


def _office_sections(user) -> list[Section]:
    counts = Message.objects.aggregate(
        submitted=Count("id", filter=Q(status=S.SUBMITTED)),
        accepted=Count("id", filter=Q(status=S.ACCEPTED)),
        review=Count("id", filter=Q(status=S.REPLY_REVIEW)),
        replied=Count("id", filter=Q(status=S.REPLIED)),
        processing=Count("id", filter=Q(status=S.PROCESSING)),
    )
    red = Message.objects.red_flagged().count()
    # The office's own steps: screening, dispatch, reply review, and publishing or closing answered messages.
    queue = Message.objects.filter(status__in=(S.SUBMITTED, S.ACCEPTED, S.REPLY_REVIEW, S.REPLIED))
    count, tasks = listed(queue.order_by("received_at", "id"), lambda rows: [_office_message_task(m) for m in rows])
    base = reverse("interaction:staff_message_list")
    messages = Section(
        title="政民互动留言",
        url=base,
        count=count,
        tasks=tasks,
        links=[
            (f"待审核（{counts['submitted']}）", f"{base}?status=submitted"),
            (f"待分办（{counts['accepted']}）", f"{base}?status=accepted"),
            (f"答复待审核（{counts['review']}）", f"{base}?status=reply_review"),
            (f"待公开或办结（{counts['replied']}）", f"{base}?status=replied"),
            (f"各单位办理中（{counts['processing']}）", f"{base}?status=processing"),
            (f"超3个月未答复（{red}）", f"{base}?flag=red"),
            ("留言统计", reverse("interaction:staff_stats")),
        ],
        order=40,
    )
    received = Correction.objects.filter(status=Correction.Status.RECEIVED).order_by("forward_due_on", "id")
    count, tasks = listed(received, _correction_tasks)
    corrections = Section(
        title="网站纠错待转办",
        url=reverse("interaction:staff_correction_list"),
        count=count,
        tasks=tasks,
        links=[("全部纠错", reverse("interaction:staff_correction_list"))],
        order=42,
    )
    # Published and still without the feedback on the opinions (collecting, or closed and awaiting it).
    waiting = Consultation.objects.filter(status=Consultation.Status.PUBLISHED, feedback_published_at=None)
    waiting = waiting.select_related("contact_unit")
    count, tasks = listed(waiting.order_by("ends_at", "id"), lambda rows: [_consultation_task(c) for c in rows])
    consultations = Section(
        title="意见征集",
        url=reverse("interaction:staff_consultation_list"),
        count=count,
        tasks=tasks,
        links=[("发起意见征集", reverse("interaction:staff_consultation_create"))],
        order=44,
    )
    return [messages, corrections, consultations]


def _unit_sections(user) -> list[Section]:
    inbox = (
        Message.objects.filter(unit_id=user.organization_id, status__in=(S.PROCESSING, S.REPLY_REVIEW))
        .select_related("unit")
        .order_by("due_on", "id")
    )
    fixes = (
        Correction.objects.filter(unit_id=user.organization_id, status=Correction.Status.FORWARDED)
        .select_related("unit")
        .order_by("fix_due_on", "id")
    )
    inbox_count, inbox_tasks = listed(inbox, _message_tasks)
    fixes_count, fixes_tasks = listed(fixes, _correction_tasks)
    sections = []
    if inbox_count or not user.is_office_staff:
        url = reverse("interaction:staff_message_list")
        sections.append(Section("本单位待答复留言", url=url, count=inbox_count, tasks=inbox_tasks, order=41))
    if fixes_count:
        url = reverse("interaction:staff_correction_list")
        sections.append(Section("本单位网站纠错待处理", url=url, count=fixes_count, tasks=fixes_tasks, order=43))
    return sections


def _office_message_task(m: Message) -> Task:
    return Task(m.title, reverse("interaction:staff_message_detail", args=[m.pk]), state=m.get_status_display())


def _consultation_task(c: Consultation) -> Task:
    url = reverse("interaction:staff_consultation_detail", args=[c.pk])
    return Task(c.title, url, unit=c.contact_unit.name, state=c.phase_label, due_on=timezone.localdate(c.ends_at))


def _message_tasks(rows: list[Message]) -> list[Task]:
    clocks = page_clock(rows)  # one calendar read for the rows shown
    return [_message_task(m, clocks) for m in rows]


def _correction_tasks(rows: list[Correction]) -> list[Task]:
    clocks = page_clock(rows)
    return [_correction_task(c, clocks) for c in rows]


def _message_task(m: Message, clocks: PageClock) -> Task:
    return Task(
        title=m.title,
        url=reverse("interaction:staff_message_detail", args=[m.pk]),
        unit=m.unit.name if m.unit_id else "",
        state=m.get_status_display(),
        due_on=m.due_on,
        clock=m.clock(clocks),
    )


def _correction_task(c: Correction, clocks: PageClock) -> Task:
    return Task(
        title=f"{c.get_kind_display()}：{c.page_url}",
        url=reverse("interaction:staff_correction_detail", args=[c.pk]),
        unit=c.unit.name if c.unit_id else "",
        state=c.get_status_display(),
        due_on=c.clock_due_on,
        clock=c.clock(clocks),
    )


def home_block(request) -> Block | None:
    latest = list(Message.objects.published().select_related("unit").order_by("-published_at", "-id")[:5])
    consultations = list(
        Consultation.objects.filter(status=Consultation.Status.PUBLISHED).order_by("-starts_at", "-id")[:3]
    )
    return Block(
        "interaction/home_block.html", {"latest_messages": latest, "latest_consultations": consultations}, order=60
    )
