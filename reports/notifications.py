"""Reminders of the annual report's deadline (条例 arts. 49-50): each working morning, the staff of every unit whose
report for last year is not yet filed are told once its due date is within the due-soon window, and every day after
it has passed. One reminder per unit and day."""

from __future__ import annotations

from datetime import date

from django.db import IntegrityError, transaction

from portal import workdays
from portal.clocks import soon_limit
from portal.mail import send_each, unit_addresses
from reports import selectors
from reports.models import ReportReminder


def send_reminders(on: date | None = None) -> int:
    on = on or workdays.today()
    year = on.year - 1
    limit = soon_limit(on)
    sent = 0
    for row in selectors.filing_overview(year, on):
        report = row["report"]
        if (report is not None and report.status in selectors.FILED) or row["due_on"] > limit:
            continue
        try:
            with transaction.atomic():
                ReportReminder.objects.create(organization=row["unit"], year=year, sent_on=on)
        except IntegrityError:
            continue  # already reminded today
        late = on > row["due_on"]
        subject = f"【政务公开】{year}年政府信息公开工作年度报告{'已逾期' if late else '即将到期'}"
        body = (
            f"{row['unit'].name}：\n\n贵单位{year}年政府信息公开工作年度报告应于{row['due_on']:%Y年%m月%d日}前经单位领导审批后"
            f"报送并公开，目前状态为“{report.get_status_display() if report else '未起草'}”。"
            f"{'已超过期限，' if late else ''}请登录门户网站工作平台“信息公开年度报告”办理。\n"
        )
        sent += send_each(subject, body, unit_addresses(row["unit"].pk))
    return sent
