"""Demo 解读回应: a past 在线访谈 with its answered questions, transcript and a photo, one scheduled with questions
waiting for moderation; a 政务舆情 answered in time and closed, one answered late, and one whose clock is running.
Built through the services, then moved back in time (the services stamp the present). Idempotent by title."""

from __future__ import annotations

from datetime import timedelta
from io import BytesIO

from django.core.files.uploadedfile import SimpleUploadedFile
from django.db.models import F
from django.utils import timezone
from PIL import Image

from disclosure import selectors as disclosure
from portal.models import Organization, Role, User

from . import services
from .models import Concern, ConcernClock, Interview

PAST = "“一事一议”筹资筹劳政策解读在线访谈"
NEXT = "农村供水工程运行管理办法解读在线访谈"
TRANSCRIPT = (
    "<p><strong>主持人：</strong>各位网友，大家好！欢迎来到清河县人民政府门户网站在线访谈栏目。今天我们邀请到城关镇的负责"
    "同志，就村级公益事业“一事一议”筹资筹劳管理办法与大家交流。</p>"
    "<p><strong>张建国：</strong>主持人好，各位网友好。办法明确了议事范围、筹资标准和监督方式，筹资筹劳事项须经村民会议"
    "或村民代表会议讨论通过，并向村民公示。</p>"
    "<p><strong>主持人：</strong>感谢嘉宾的解读，也感谢各位网友的参与，本期访谈到此结束。</p>"
)


def _photo() -> SimpleUploadedFile:
    buffer = BytesIO()
    Image.new("RGB", (640, 400), (180, 40, 40)).save(buffer, "PNG")
    return SimpleUploadedFile("访谈现场.png", buffer.getvalue(), content_type="image/png")


def _shift_interview(interview: Interview, delta: timedelta) -> None:
    Interview.objects.filter(pk=interview.pk).update(
        starts_at=F("starts_at") - delta, started_at=F("started_at") - delta, ended_at=F("ended_at") - delta
    )
    interview.questions.update(submitted_at=F("submitted_at") - delta)
    interview.questions.exclude(answered_at=None).update(answered_at=F("answered_at") - delta)


def _past_interview(office: User, unit: Organization) -> None:
    policy = disclosure.public_documents().filter(organization=unit, title__contains="一事一议").first()
    now = timezone.now()
    interview = services.schedule_interview(services.InterviewData(
        title=PAST, organization=unit, starts_at=now, policy=policy, transcript=TRANSCRIPT,
        preview="城关镇负责同志走进访谈间，解读村级公益事业“一事一议”筹资筹劳管理办法，回答网民关心的问题。",
        guests=[("张建国", "城关镇人民政府镇长"), ("李秀兰", "城关镇人民政府副镇长")],
    ), actor=office)  # fmt: skip
    asked = [
        ("清河老乡", "一事一议筹资的标准是多少？会不会增加农民负担？", "张建国",
         "筹资标准由村民会议讨论决定，且不得超过县里规定的上限，每人每年不超过15元。"),
        ("龙泉村民", "筹来的钱怎么监督使用？", "李秀兰", "资金实行村账乡代管，使用情况每季度在村务公开栏公示。"),
        ("网友小王", "外出务工人员也要出工吗？", "张建国", "外出务工人员可以以资代劳，具体标准同样由村民会议议定。"),
    ]  # fmt: skip
    questions = [services.submit_question(interview, services.NewQuestion(name=n, content=c)) for n, c, _, _ in asked]
    services.submit_question(interview, services.NewQuestion(name="热心网友", content="我们村的道路硬化什么时候能立项？",
                                                             phone="13800000000"))  # fmt: skip
    services.start_interview(interview, actor=office)
    for question, (_n, _c, guest, answer) in zip(questions, asked, strict=True):
        services.accept_question(question, actor=office)
        services.answer_question(question, actor=office, answer=answer, answered_by=guest)
    services.end_interview(interview, actor=office)
    services.add_photo(interview, actor=office, upload=_photo(), caption="访谈现场")
    _shift_interview(interview, timedelta(days=12))


def _next_interview(office: User, unit: Organization) -> None:
    interview = services.schedule_interview(services.InterviewData(
        title=NEXT, organization=unit, starts_at=timezone.now().replace(minute=0, second=0, microsecond=0)
        + timedelta(days=5, hours=1),
        preview="城关镇负责同志将解读农村供水工程运行管理办法，欢迎网友提前提问。",
        guests=[("张建国", "城关镇人民政府镇长")],
    ), actor=office)  # fmt: skip
    for name, content in (("老李", "供水管网坏了找谁报修？"), ("网友", "水费标准会调整吗？")):
        services.submit_question(interview, services.NewQuestion(name=name, content=content))


def _backdate_concern(concern: Concern, delta: timedelta) -> None:
    Concern.objects.filter(pk=concern.pk).update(
        recorded_at=F("recorded_at") - delta, first_seen_at=F("first_seen_at") - delta
    )
    ConcernClock.objects.filter(concern=concern).update(due_at=F("due_at") - delta)
    concern.refresh_from_db()


def _concern(office: User, unit: Organization, title: str, level: str, ago: timedelta) -> Concern:
    concern = services.record_concern(services.NewConcern(
        title=title, summary=f"网民在本地论坛反映“{title}”，浏览量较大。", source="本地论坛", level=level,
        first_seen_at=timezone.now() - timedelta(minutes=40), organization=unit, units=[],
        link="https://bbs.example.cn/thread/1024",
    ), actor=office)  # fmt: skip
    _backdate_concern(concern, ago)
    return concern


def _concerns(office: User, unit: Organization, responder: User) -> None:
    on_time = _concern(office, unit, "网传城关镇部分小区自来水浑浊", "general", timedelta(days=6))
    services.respond(on_time, services.NewResponse(
        kind="newmedia", title="关于部分小区自来水浑浊问题的情况说明", link="https://mp.example.cn/s/qinghe-water",
        responded_at=on_time.recorded_at + timedelta(hours=20),
    ), actor=responder)  # fmt: skip
    services.close_concern(
        on_time, actor=office, result="经查系供水管网检修后未及时冲洗所致，已冲洗管网，水质检测合格。"
    )
    late = _concern(office, unit, "城关镇集贸市场火情引发网民关注", "major", timedelta(days=3))
    services.respond(late, services.NewResponse(
        kind="newmedia", title="城关镇集贸市场火情通报", link="https://weibo.example.cn/qinghe/1",
        responded_at=late.recorded_at + timedelta(hours=2),
    ), actor=responder)  # fmt: skip
    services.respond(late, services.NewResponse(
        kind="conference", title="城关镇集贸市场火情处置情况新闻发布会", responded_at=late.recorded_at + timedelta(hours=30),
    ), actor=office)  # fmt: skip
    _concern(office, unit, "网民反映城关镇学校周边交通拥堵", "general", timedelta(hours=20))


def seed(stdout) -> None:
    office = User.objects.with_role(Role.OFFICE).order_by("id").first()
    unit = Organization.objects.filter(kind=Organization.Kind.TOWNSHIP).order_by("order", "id").first()
    if office is None or unit is None:
        stdout.write("  没有政务公开办人员或乡镇，跳过解读回应演示数据。")
        return
    responder = User.objects.with_role(Role.OFFICER).filter(organization=unit).first() or office
    made = []
    if not Interview.objects.filter(title=PAST).exists():
        _past_interview(office, unit)
        made.append("往期在线访谈1期")
    if not Interview.objects.filter(title=NEXT).exists():
        _next_interview(office, unit)
        made.append("访谈预告1期")
    if not Concern.objects.exists():
        _concerns(office, unit, responder)
        made.append("政务舆情3条（按时回应、超时回应、正在计时各1条）")
    stdout.write(f"  解读回应：{'、'.join(made) if made else '示例数据已存在'}。")
