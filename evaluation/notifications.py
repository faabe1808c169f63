"""E-mail of the evaluation app: each unit's staff are told when a 通报 is sent, with their unit's score and rank.
Takes an id, re-reads the row, sends, stamps the row, so the beat sweep never sends twice."""

from __future__ import annotations

from django.conf import settings
from django.core.mail import get_connection
from django.core.mail.message import EmailMessage
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

from evaluation.models import Bulletin
from evaluation.ranking import Reading
from portal.models import SiteProfile, User


def notify_bulletin(bulletin_id: int) -> int:
    bulletin = Bulletin.objects.filter(pk=bulletin_id).first()
    if bulletin is None or bulletin.sent_at is None or bulletin.notified_at is not None:
        return 0
    lines = {line.unit_id: line for line in Reading(bulletin).lines}
    staff = User.objects.filter(organization_id__in=lines, is_active=True).exclude(email="").order_by("pk")
    link = f"https://{SiteProfile.get().site_domain}{reverse('evaluation:staff_bulletin', args=[bulletin.pk])}"
    messages = [
        # One mail per person: staff do not see each other's addresses.
        EmailMessage(
            f"【政务公开】{bulletin.title}",
            render_to_string(
                "evaluation/email/bulletin_sent.txt",
                {"bulletin": bulletin, "line": lines[user.organization_id], "link": link, "count": len(lines)},
            ),  # fmt: skip
            settings.DEFAULT_FROM_EMAIL,
            [user.email],
        )
        for user in staff
    ]
    sent = (get_connection().send_messages(messages) or 0) if messages else 0
    Bulletin.objects.filter(pk=bulletin.pk).update(notified_at=timezone.now())
    return sent
