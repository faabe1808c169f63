"""Every state change of 解读回应: concerns (政务舆情) and their responses, interviews and their questions. Each runs
through its transition table (engagement.workflows): the row is locked, the table checked and the history row written
in one transaction; e-mails go after commit through the app's tasks, named, and a periodic sweep sends any a lost task
left (the row says what was sent)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from portal import mail
from portal.errors import DomainError, NotAllowed, require_text
from portal.local_urls import is_site_url
from portal.sanitize import clean_html
from portal.uploads import check_upload
from portal.workflow import after_commit, lock_row
from search.tasks import index_object

from . import conf
from .models import (
    Concern,
    ConcernClock,
    ConcernHistory,
    ConcernResponse,
    Interview,
    InterviewGuest,
    InterviewHistory,
    InterviewPhoto,
    Question,
    QuestionHistory,
)
from .workflows import CONCERNS, INTERVIEWS, QUESTIONS, can_draft_interview, is_office

CA = ConcernHistory.Action
IA = InterviewHistory.Action
QA = QuestionHistory.Action
SEARCH_LABEL = "engagement.interview"

# --- 政务舆情


@dataclass
class NewConcern:
    title: str
    summary: str
    source: str
    first_seen_at: datetime
    level: str
    organization: object
    units: list
    link: str = ""


def record_concern(data: NewConcern, *, actor) -> Concern:
    """The office records a concern; its clocks start now, in calendar hours (舆情回应制度 三), and the responsible
    units are told after commit."""
    if not is_office(actor):
        raise NotAllowed("只有政务公开办（电子政务室）工作人员可以登记政务舆情。")
    if data.level not in conf.CONCERN_CLOCKS:
        raise DomainError("请选择舆情级别。")
    now = timezone.now()
    if data.first_seen_at > now:
        raise DomainError("首次发现时间不能晚于现在。")
    with transaction.atomic():
        concern = Concern.objects.create(
            title=require_text(data.title, "请填写舆情事项。"), summary=require_text(data.summary, "请填写舆情概要。"),
            source=require_text(data.source, "请填写舆情来源。"), link=data.link.strip(),
            first_seen_at=data.first_seen_at, level=data.level, organization=data.organization, recorded_at=now,
            recorded_by=actor,
        )  # fmt: skip
        concern.units.set([u for u in data.units if u.pk != data.organization.pk])
        for clock in conf.CONCERN_CLOCKS[data.level]:
            ConcernClock.objects.create(
                concern=concern, code=clock["code"], label=clock["label"], hours=clock["hours"],
                met_by=list(clock.get("met_by", [])), due_at=now + timedelta(hours=clock["hours"]),
            )  # fmt: skip
        CONCERNS.record(concern, CA.RECORD, actor=actor, from_state="",
                        extra={"clocks": {c.code: c.due_at for c in concern.clocks.all()}})  # fmt: skip
        after_commit("engagement.notify_concern", concern.pk)
    return concern


@dataclass
class NewResponse:
    kind: str
    title: str
    responded_at: datetime
    link: str = ""
    is_public: bool = True


def check_link(link: str) -> str:
    """A page of this site (the published 回应 document) or an http(s) address (a new-media post)."""
    link = link.strip()
    if not link:
        return ""
    if is_site_url(link) or link.startswith(("http://", "https://")):
        return link
    raise DomainError("链接须是本站页面地址或以 http:// 、https:// 开头的网址。")


def respond(concern: Concern, data: NewResponse, *, actor) -> ConcernResponse:
    """Record a response; it meets every clock of the concern that its kind meets and that is still running."""
    made: list[ConcernResponse] = []

    def step(concern: Concern) -> dict:
        if data.kind not in ConcernResponse.Kind.values:
            raise DomainError("请选择回应方式。")
        if data.responded_at > timezone.now():
            raise DomainError("回应时间不能晚于现在。")
        if data.responded_at < concern.first_seen_at:
            raise DomainError("回应时间不能早于舆情首次发现时间。")
        if data.kind == ConcernResponse.Kind.DOCUMENT and not data.link.strip():
            raise DomainError("回应文件请填写已发布文件的链接。")
        unit = concern.organization if is_office(actor) else actor.organization
        made.append(ConcernResponse.objects.create(
            concern=concern, kind=data.kind, title=require_text(data.title, "请填写回应标题。"),
            link=check_link(data.link), responded_at=data.responded_at, organization=unit,
            is_public=data.is_public, recorded_by=actor,
        ))  # fmt: skip
        met = []
        for clock in concern.clocks.filter(met_at__isnull=True):
            if clock.met_by_kind(data.kind):
                clock.met_at = data.responded_at
                clock.save(update_fields=["met_at"])
                met.append({"clock": clock.code, "on_time": not clock.is_late()})
        return {"response": made[0].pk, "kind": data.kind, "met": met}

    CONCERNS.run(concern, CA.RESPOND, actor=actor, step=step, opinion=data.title)
    return made[0]


def close_concern(concern: Concern, *, actor, result: str) -> Concern:
    """舆情回应制度 三: the result of the investigation is made public; the office closes the concern with it."""

    def step(concern: Concern) -> None:
        concern.result = require_text(result, "请填写调查处置结果。")
        concern.closed_at = timezone.now()

    return CONCERNS.run(concern, CA.CLOSE, actor=actor, step=step, opinion=result.strip())


def _concern_recipients(concern: Concern, audience: str) -> list[str]:
    units = [concern.organization_id, *concern.units.values_list("pk", flat=True)]
    addresses = [a for unit in units for a in mail.unit_addresses(unit)]
    if audience == "office":
        addresses += mail.office_addresses()
    return addresses


def notify_concern(concern_id: int) -> bool:
    """Tell the responsible units of a newly recorded concern (once: ``notified_at`` says it was sent)."""
    with transaction.atomic():
        concern = Concern.objects.select_for_update().filter(pk=concern_id, notified_at__isnull=True).first()
        if concern is None:
            return False
        clocks = "；".join(f"{c.label}：{timezone.localtime(c.due_at):%Y-%m-%d %H:%M}前" for c in concern.clocks.all())
        body = (f"政务公开办登记了需要回应的政务舆情，请按时限回应并在工作台记录回应情况。\n\n舆情事项：{concern.title}\n"
                f"级别：{concern.get_level_display()}\n来源：{concern.source}\n回应时限：{clocks}")  # fmt: skip
        mail.send_each(f"【政务舆情回应】{concern.title}", body, _concern_recipients(concern, "units"))
        concern.notified_at = timezone.now()
        concern.save(update_fields=["notified_at"])
    return True


def reminder_step(clock: ConcernClock, recorded_at: datetime, now: datetime) -> int:
    """How many escalation steps of conf.CONCERN_REMINDERS are due by ``now`` for a clock still running."""
    period = clock.due_at - recorded_at
    return sum(1 for share, _ in conf.CONCERN_REMINDERS if recorded_at + period * share <= now)


def send_reminders(now: datetime | None = None) -> int:
    """The periodic sweep: tell the units (then the office too) as each running clock nears and passes its
    deadline, at most once per step; and send the first notice of any concern a lost task left untold."""
    now = now or timezone.now()
    for concern_id in Concern.objects.filter(notified_at__isnull=True).values_list("pk", flat=True):
        notify_concern(concern_id)
    sent = 0
    running = ConcernClock.objects.filter(met_at__isnull=True, concern__status__in=[Concern.Status.OPEN,
                                                                                    Concern.Status.RESPONDED])  # fmt: skip
    for clock in running.select_related("concern"):
        if reminder_step(clock, clock.concern.recorded_at, now) > clock.reminded:
            sent += _remind(clock.pk, now)
    return sent


def _remind(clock_id: int, now: datetime) -> int:
    with transaction.atomic():
        clock = ConcernClock.objects.select_for_update().select_related("concern").get(pk=clock_id)
        concern = clock.concern
        step = reminder_step(clock, concern.recorded_at, now)
        if clock.met_at or step <= clock.reminded:
            return 0
        _share, audience = conf.CONCERN_REMINDERS[step - 1]
        due = timezone.localtime(clock.due_at)
        overdue = now >= clock.due_at
        subject = f"【政务舆情{'已超时' if overdue else '回应提醒'}】{concern.title}"
        state = "已超过时限" if overdue else "即将到期"
        body = (f"政务舆情“{concern.title}”的{clock.label}时限（{due:%Y-%m-%d %H:%M}）{state}，尚未记录{clock.label}。"
                "请立即处理并在工作台记录回应情况。")  # fmt: skip
        mail.send_each(subject, body, _concern_recipients(concern, audience))
        clock.reminded = step
        clock.save(update_fields=["reminded"])
        CONCERNS.record(concern, CA.REMIND, actor=None, from_state=concern.status,
                        extra={"clock": clock.code, "step": step, "to": audience})  # fmt: skip
    return 1


# --- 在线访谈


@dataclass
class InterviewData:
    title: str
    organization: object
    starts_at: datetime
    preview: str
    guests: list[tuple[str, str]]
    policy: object = None
    transcript: str = ""


def _apply_interview(interview: Interview, data: InterviewData) -> None:
    interview.title = require_text(data.title, "请填写访谈主题。")
    interview.organization = data.organization
    interview.starts_at = data.starts_at
    interview.preview = require_text(data.preview, "请填写访谈预告。")
    interview.policy = data.policy
    interview.transcript = clean_html(data.transcript or "")
    if not data.guests:
        raise DomainError("请至少填写一位访谈嘉宾。")


def _set_guests(interview: Interview, guests: list[tuple[str, str]]) -> None:
    interview.guests.all().delete()
    InterviewGuest.objects.bulk_create(
        [InterviewGuest(interview=interview, name=n, post=p, order=i) for i, (n, p) in enumerate(guests)]
    )


def _queue_index(interview_id: int) -> None:
    """After commit, index the interview (or drop it from the index once cancelled): search.tasks.index_object."""
    after_commit(index_object, SEARCH_LABEL, interview_id)


def schedule_interview(data: InterviewData, *, actor) -> Interview:
    if not can_draft_interview(actor):
        raise NotAllowed("只有政务公开办或信息员可以安排在线访谈。")
    if not is_office(actor) and data.organization.pk != actor.organization_id:
        raise NotAllowed("只能为本单位安排在线访谈。")
    with transaction.atomic():
        interview = Interview(created_by=actor)
        _apply_interview(interview, data)
        interview.save()
        _set_guests(interview, data.guests)
        INTERVIEWS.record(interview, IA.CREATE, actor=actor, from_state="")
        _queue_index(interview.pk)
    return interview


def update_interview(interview: Interview, data: InterviewData, *, actor) -> Interview:
    def step(interview: Interview) -> None:
        organization = interview.organization
        _apply_interview(interview, data)
        if not is_office(actor) and interview.organization != organization:
            raise NotAllowed("只能为本单位安排在线访谈。")
        _set_guests(interview, data.guests)
        _queue_index(interview.pk)

    return INTERVIEWS.run(interview, IA.EDIT, actor=actor, step=step)


def start_interview(interview: Interview, *, actor) -> Interview:
    def step(interview: Interview) -> None:
        interview.started_at = timezone.now()
        _queue_index(interview.pk)

    return INTERVIEWS.run(interview, IA.START, actor=actor, step=step)


def end_interview(interview: Interview, *, actor) -> Interview:
    def step(interview: Interview) -> None:
        interview.ended_at = timezone.now()
        _queue_index(interview.pk)

    return INTERVIEWS.run(interview, IA.END, actor=actor, step=step)


def cancel_interview(interview: Interview, *, actor, reason: str) -> Interview:
    reason = require_text(reason, "请填写取消原因。")
    return INTERVIEWS.run(interview, IA.CANCEL, actor=actor, opinion=reason, step=lambda i: _queue_index(i.pk))


def add_photo(interview: Interview, *, actor, upload, caption: str = "") -> InterviewPhoto:
    added: list[InterviewPhoto] = []

    def step(interview: Interview) -> dict:
        try:
            check_upload(upload, conf.PHOTO_KINDS)
        except ValidationError as exc:
            raise DomainError(exc.messages[0]) from exc
        added.append(InterviewPhoto.objects.create(interview=interview, image=upload, caption=caption.strip()[:100]))
        return {"photo": added[0].pk}

    INTERVIEWS.run(interview, IA.PHOTO, actor=actor, step=step)
    return added[0]


def remove_photo(photo: InterviewPhoto, *, actor) -> None:
    """Take a photo off the interview (a wrong or unsuitable picture): the row goes at once, the file once the change
    is committed, and the interview's history keeps what was removed."""

    def step(interview: Interview) -> dict:
        if not InterviewPhoto.objects.filter(pk=photo.pk, interview=interview).exists():
            raise DomainError("这张图片已删除。")
        name, storage = photo.image.name, photo.image.storage
        InterviewPhoto.objects.filter(pk=photo.pk).delete()
        transaction.on_commit(lambda: storage.delete(name))
        return {"photo": photo.pk, "caption": photo.caption, "file": name}

    INTERVIEWS.run(photo.interview, IA.PHOTO_REMOVE, actor=actor, step=step)


@dataclass
class NewQuestion:
    name: str
    content: str
    phone: str = ""
    submitter_ip: str | None = None


def submit_question(interview: Interview, data: NewQuestion) -> Question:
    """A question from the public, kept out of sight until the host accepts or answers it."""
    if not interview.takes_questions:
        raise DomainError("本期访谈已结束，不再接受提问。")
    with transaction.atomic():
        question = Question.objects.create(
            interview=interview, name=require_text(data.name, "请填写昵称。")[:50],
            content=require_text(data.content, "请填写问题。")[: conf.QUESTION_MAX], phone=data.phone.strip()[:20],
            submitter_ip=data.submitter_ip,
        )  # fmt: skip
        QUESTIONS.record(question, QA.SUBMIT, actor=None, from_state="")
    return question


def accept_question(question: Question, *, actor) -> Question:
    return QUESTIONS.run(question, QA.ACCEPT, actor=actor)


def reject_question(question: Question, *, actor, reason: str = "") -> Question:
    return QUESTIONS.run(question, QA.REJECT, actor=actor, opinion=reason.strip())


def answer_question(question: Question, *, actor, answer: str, answered_by: str) -> Question:
    """Publish a question-and-answer pair: from now on the public page shows it."""

    def step(question: Question) -> None:
        question.answer = require_text(answer, "请填写答复内容。")
        question.answered_by = require_text(answered_by, "请选择答复嘉宾。")[:50]
        question.answered_at = timezone.now()
        _queue_index(question.interview_id)

    return QUESTIONS.run(question, QA.ANSWER, actor=actor, step=step)


def host_question(interview: Interview, *, actor, content: str, answer: str, answered_by: str) -> Question:
    """A question the host puts (主持人), answered at once."""
    with transaction.atomic():
        lock_row(interview)
        question = Question.objects.create(interview=interview, name="主持人", from_host=True,
                                           content=require_text(content, "请填写问题。"))  # fmt: skip
        QUESTIONS.record(question, QA.SUBMIT, actor=actor, from_state="")
        return answer_question(question, actor=actor, answer=answer, answered_by=answered_by)


def forward_question(question: Question, *, actor) -> Question:
    """After the interview, an unanswered question becomes a 政民互动 message dispatched to the host unit, which
    answers it within the message clock (interaction's rules)."""
    from interaction import services as interaction

    def step(question: Question) -> dict:
        interview = question.interview
        message, _password = interaction.submit_message(interaction.NewMessage(
            kind="consult", title=f"在线访谈提问：{interview.title}"[:50], content=question.content,
            name=question.name, phone=question.phone or "未留", agrees_to_publish=True,
        ))  # fmt: skip
        instruction = f"在线访谈“{interview.title}”中网民提问，访谈时未及答复，请按留言办理时限答复。"
        interaction.dispatch_message(message, actor=actor, unit=interview.organization, instruction=instruction)
        question.forwarded_to = message.tracking_number
        return {"message": message.tracking_number}

    return QUESTIONS.run(question, QA.FORWARD, actor=actor, step=step)
