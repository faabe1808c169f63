"""Demo content for 政民互动: messages in every state, 纠错 reports on both clocks, and two consultations (one open,
one closed with its feedback). Built through the services; skipped when already present."""

from __future__ import annotations

from datetime import timedelta

from django.db import transaction
from django.utils import timezone

from portal.models import Organization, Role, User

from . import services
from .models import Consultation, Correction, Message

MARKER = "关于城关镇南关街路灯长期不亮的反映"

# (kind, title, content, unit name, reply or None, publish)
MESSAGES = [
    (
        "complain",
        MARKER,
        "城关镇南关街从人民路口到农贸市场一段路灯已经两周不亮，晚上出行很不方便，老人孩子容易摔倒，请尽快维修。",
        "城关镇人民政府",
        "经核实，该路段路灯控制箱线路老化。我镇已安排施工人员更换线路，现已全部恢复照明。感谢您的监督！",
        True,
    ),
    (
        "consult",
        "2025年城乡居民医疗保险缴费标准是多少？",
        "请问今年城乡居民医保个人缴费标准是多少，在哪里可以缴费？",
        "龙泉乡人民政府",
        "2025年度城乡居民基本医疗保险个人缴费标准为每人每年400元，可通过手机银行、微信“清河医保”或到各乡镇便民服务中心缴纳。",
        True,
    ),
    (
        "suggest",
        "建议在县城东区增设公交站点",
        "东区新建小区入住居民较多，最近的公交站步行要20分钟，建议增设站点。",
        "城关镇人民政府",
        "感谢您的建议。我镇已会同县交通运输局和公交公司实地勘察，计划在东区文化路与建设路交叉口增设站点，预计下月投入使用。",
        True,
    ),
    (
        "help",
        "低保申请需要准备哪些材料？",
        "家中老人患病，生活困难，想申请低保，请问需要准备哪些材料？我的电话13912345678。",
        "龙泉乡人民政府",
        "请携带户口簿、身份证、家庭收入及财产情况说明、病历等材料到乡便民服务中心提出申请，工作人员将协助办理。",
        False,
    ),
    (
        "consult",
        "县财政局预算公开在哪里查看？",
        "请问县级部门预算在网站哪个栏目可以查到？",
        "清河县财政局",
        None,
        False,
    ),
    (
        "complain",
        "河西村道路施工扬尘严重",
        "河西村道路施工未采取洒水降尘措施，扬尘很大。",
        "城关镇人民政府",
        None,
        False,
    ),
]


def seed(stdout) -> None:
    if Message.objects.filter(title=MARKER).exists():
        stdout.write("政民互动示例数据已存在，跳过。")
        return
    office_user = User.objects.with_role(Role.OFFICE).order_by("id").first()
    if office_user is None:
        stdout.write("没有政务公开办用户，跳过政民互动示例数据。")
        return
    with transaction.atomic():
        _seed_messages(office_user)
        _seed_corrections(office_user)
        _seed_consultations(office_user)
    stdout.write(f"政民互动：{len(MESSAGES) + 2} 条留言、2 条纠错、2 项意见征集。")


def _unit(name: str) -> Organization | None:
    return (
        Organization.objects.filter(name=name).first()
        or Organization.objects.filter(kind=Organization.Kind.TOWNSHIP).order_by("order", "id").first()
    )


def _handler(unit: Organization) -> User | None:
    """A unit's handler: its 信息员 (or any of its staff)."""
    users = User.objects.filter(organization=unit, is_active=True).order_by("id")
    return users.filter(groups__name=Role.OFFICER).first() or users.first()


def _seed_messages(office_user: User) -> None:
    for kind, title, content, unit_name, reply, publish in MESSAGES:
        message, _ = services.submit_message(
            services.NewMessage(
                kind=kind,
                title=title,
                content=content,
                name="王建国",
                phone="13800138000",
                email="",
                agrees_to_publish=publish,
            )  # fmt: skip
        )
        unit = _unit(unit_name)
        handler = _handler(unit) if unit else None
        if unit is None or handler is None:
            continue
        services.dispatch_message(message, actor=office_user, unit=unit, instruction="请认真核实，按时答复。")
        if reply:
            services.reply_message(message, actor=handler, reply=reply)
            if publish:
                services.publish_message(message, actor=office_user)
            else:
                services.close_message(message, actor=office_user)
    pending, _ = services.submit_message(
        services.NewMessage(
            kind="consult",
            title="农村危房改造补助如何申请？",
            content="请问申请流程和补助标准。",
            name="李桂兰",
            phone="13700137000",
            agrees_to_publish=True,
        )  # fmt: skip
    )
    rejected, _ = services.submit_message(
        services.NewMessage(
            kind="other", title="广告推广", content="专业代办各类证件……", name="某公司", phone="13600136000"
        )
    )
    services.reject_message(rejected, actor=office_user, reason=Message.RejectReason.OUT_OF_SCOPE)


def _seed_corrections(office_user: User) -> None:
    services.submit_correction(
        services.NewCorrection(
            page_url="/columns/tzgg/",
            kind=Correction.Kind.TYPO,
            description="通知公告栏目第三条标题中“公示”误写为“工示”。",
        )  # fmt: skip
    )
    forwarded = services.submit_correction(
        services.NewCorrection(
            page_url="/disclosure/",
            kind=Correction.Kind.BROKEN_LINK,
            description="财政预决算栏目下2024年部门决算附件链接无法打开。",
            email="",
        )  # fmt: skip
    )
    unit = _unit("清河县财政局")
    if unit:
        services.forward_correction(forwarded, actor=office_user, unit=unit, note="请核实附件并重新上传。")


def _seed_consultations(office_user: User) -> None:
    office = office_user.organization or _unit("")
    now = timezone.now()
    open_one = services.save_consultation(
        Consultation(
            title="关于《清河县城区停车管理办法（征求意见稿）》公开征求意见的公告",
            background="<p>为规范城区停车秩序，缓解停车难问题，县住房和城乡建设局起草了《清河县城区停车管理办法（征求意见稿）》，现向社会公开征求意见。</p>",
            draft_text="<p>第一条 为加强城区停车管理……</p><p>第二条 本办法适用于县城规划区内……</p>",
            starts_at=now - timedelta(days=3), ends_at=now + timedelta(days=27), contact_unit=office,
            contact_details="联系电话：0000-1234567；电子邮箱：zjj@example.gov.cn",
        ),
        actor=office_user,
    )  # fmt: skip
    open_one = services.publish_consultation(open_one, actor=office_user)
    services.submit_opinion(open_one, services.NewOpinion(name="市民张先生", content="建议在学校周边设置临时停车位。"))
    closed = services.save_consultation(
        Consultation(
            title="关于2025年县级民生实事项目公开征求意见的公告",
            background="<p>为把民生实事办到群众心坎上，现面向社会征集2025年县级民生实事项目建议。</p>",
            draft_text="<p>候选项目：城区老旧小区改造、农村饮水安全巩固提升、乡镇卫生院能力提升……</p>",
            starts_at=now - timedelta(days=1), ends_at=now + timedelta(days=1), contact_unit=office,
            contact_details="联系电话：0000-7654321",
        ),
        actor=office_user,
    )  # fmt: skip
    closed = services.publish_consultation(closed, actor=office_user)
    for text in ("建议把农村饮水安全列为首位。", "希望增加城区公共厕所。", "建议改造城关镇农贸市场。"):
        services.submit_opinion(closed, services.NewOpinion(name="群众", content=text))
    # The window is moved into the past, as it would be a month later, so that the feedback can be shown.
    Consultation.objects.filter(pk=closed.pk).update(
        starts_at=now - timedelta(days=40), ends_at=now - timedelta(days=10)
    )
    closed.refresh_from_db()
    services.publish_feedback(
        closed, actor=office_user,
        feedback="<p>共收到意见建议3条。经研究，采纳“农村饮水安全巩固提升”“城关镇农贸市场改造”2条建议，已列入2025年民生实事项目；"
                 "“增加城区公共厕所”纳入城市管理年度计划统筹推进。</p>",
    )  # fmt: skip
