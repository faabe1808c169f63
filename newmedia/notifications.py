"""The app's e-mail: whoever acts next on a filing, and the unit and the office about an activity flag. Called by
the tasks (newmedia.tasks) after the change that calls for them has committed."""

from __future__ import annotations

from datetime import timedelta

from django.conf import settings
from django.core.mail import EmailMessage, send_mail
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from newmedia.models import ActivityFlag, Filing
from portal.models import Role, User


def _emails(users) -> list[str]:
    return sorted({u.email for u in users if u.email})


def office_emails() -> list[str]:
    return _emails(User.objects.with_role(Role.OFFICE))


def unit_emails(organization) -> list[str]:
    officers = User.objects.with_role(Role.OFFICER).filter(organization=organization)
    addresses = set(_emails(officers))
    if organization.email:
        addresses.add(organization.email)
    return sorted(addresses)


def _leader_emails(organization) -> list[str]:
    leaders = User.objects.with_role(Role.LEADER).filter(organization=organization, is_principal_leader=True)
    return _emails(leaders)


_FILING_SUBJECTS = {
    "leader_review": "【政务新媒体】{kind}待主要领导审批：{name}",
    "submitted": "【政务新媒体】{kind}待备案审核：{name}（{unit}）",
    "returned": "【政务新媒体】{kind}被退回：{name}",
    "approved": "【政务新媒体】{kind}已备案：{name}",
}


def send_filing_notice(filing_id: int, event: str) -> int:
    """Tell the next person in the flow; returns the number of recipients."""
    filing = Filing.objects.select_related("account__organization", "created_by").get(pk=filing_id)
    account = filing.account
    if event == "leader_review":
        recipients = _leader_emails(account.organization)
    elif event == "submitted":
        recipients = office_emails()
    else:
        recipients = sorted({*_emails([filing.created_by]), *unit_emails(account.organization)})
    if not recipients:
        return 0
    subject = _FILING_SUBJECTS[event].format(
        kind=filing.get_kind_display(), name=account.name, unit=account.organization.name
    )
    lines = [
        f"账号：{account.name}（{account.get_platform_display()}）",
        f"单位：{account.organization.name}",
        f"备案类型：{filing.get_kind_display()}",
        f"当前状态：{filing.get_status_display()}",
    ]
    if event == "returned" and filing.return_reason:
        lines.append(f"退回理由：{filing.return_reason}")
    lines.append(f"请登录门户网站工作台（{reverse('newmedia:staff_index')}）办理。")
    send_mail(subject, "\n".join(lines), settings.DEFAULT_FROM_EMAIL, recipients)
    return len(recipients)


def send_flag_notice(flag_id: int) -> bool:
    """E-mail the unit and the office about one flag, once: the row lock and notified_at make a repeat a no-op."""
    with transaction.atomic():
        flag = (
            ActivityFlag.objects.select_for_update()
            .select_related("account__organization")
            .filter(pk=flag_id, notified_at__isnull=True)
            .first()
        )
        if flag is None:
            return False
        account = flag.account
        unit = unit_emails(account.organization)
        office = office_emails()
        recipients = sorted({*unit, *office})
        if recipients:
            _send_flag_mail(flag, unit, office)
        flag.notified_at = timezone.now()
        flag.recipients = "、".join(recipients) or "（无可用邮箱）"
        flag.save(update_fields=["notified_at", "recipients"])
    return True


def _send_flag_mail(flag: ActivityFlag, unit: list[str], office: list[str]) -> None:
    message = EmailMessage(
        subject=_flag_subject(flag),
        body=_flag_body(flag),
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=unit or office,
        cc=office if unit else [],
    )
    message.send()


def _flag_subject(flag: ActivityFlag) -> str:
    return f"【政务新媒体活跃度预警】{flag.account.name}：{flag.get_kind_display()}"


def _flag_body(flag: ActivityFlag) -> str:
    account = flag.account
    week_end = flag.week_start + timedelta(days=6)
    lines = [
        f"账号：{account.name}（{account.get_platform_display()}）",
        f"单位：{account.organization.name}",
        f"检查周期：{flag.week_start:%Y年%m月%d日}至{week_end:%Y年%m月%d日}",
        f"本周发布：{flag.posts}条",
    ]
    if flag.kind == ActivityFlag.Kind.SILENT:
        lines.append(
            "该账号已连续两周未发布信息，属于全国政府网站抽查中的单项否决情形（政务新媒体两周未更新），请立即整改。"
        )
    else:
        lines.append("按照本县政务新媒体管理规定，原则上每周发布信息不得少于4条，请加强账号运营。")
    lines.append(f"如发布数据未及时填报，请登录工作台（{reverse('newmedia:activity')}）补报。")
    return "\n".join(lines)
