"""Side effects run after commit: letters rendered to PDF and archived, letters e-mailed to the applicant, and the
morning reminders to handlers. Each is idempotent, so the sweep can run it again safely."""

from __future__ import annotations

import logging
from collections import defaultdict
from datetime import date

from django.conf import settings
from django.core.files.base import ContentFile
from django.core.mail import EmailMessage, send_mail
from django.db.models import Q
from django.template.loader import render_to_string
from django.utils import timezone

from portal import workdays
from portal.clocks import PageClock, soon_limit
from portal.models import Organization, Role, SiteProfile, User
from portal.pdf import render_pdf
from requests_app import conf, letters
from requests_app.models import Application, ApplicationFile, Letter, Reminder

logger = logging.getLogger(__name__)


# --- letters


def letter_context(letter: Letter) -> dict:
    app = letter.application
    spec = letters.spec_for(letter)
    return {
        "letter": letter,
        "app": app,
        "spec": spec,
        "issuer": app.organization,
        "site": SiteProfile.get(),
        "regulation": conf.regulation_name(),
        "articles": "、".join(spec.articles),
        "appeal": letters.has_appeal_rights(letter),
        "pause": letter.pause,
        "extension": letter.extension,
        "fee": getattr(letter.pause, "fee_notice", None) if letter.pause_id else None,
        "fee_days": conf.fee_payment_workdays(),
        "released_files": [f for f in app.files.all() if f.kind == ApplicationFile.Kind.RELEASED],
        "reply_days": app.reply_workdays,
        "extension_days": conf.extension_workdays(),
    }


def render_letter_pdf(letter: Letter) -> bytes:
    return render_pdf(letters.spec_for(letter).template, letter_context(letter))


def archive_letter(letter_id: int) -> Letter | None:
    """Render and store the PDF of a letter that has none yet. Rendering happens outside any lock; if another
    worker got there first, our copy is discarded."""
    letter = (
        Letter.objects.select_related("application__organization", "pause", "extension").filter(pk=letter_id).first()
    )
    if letter is None or letter.rendered_at:
        return letter
    data = render_letter_pdf(letter)
    field = letter.file
    name = field.storage.save(
        field.field.generate_filename(letter, f"{letter.application.tracking_number}.pdf"), ContentFile(data)
    )
    claimed = Letter.objects.filter(pk=letter.pk, rendered_at__isnull=True).update(
        file=name, rendered_at=timezone.now()
    )
    if not claimed:
        field.storage.delete(name)
    letter.refresh_from_db()
    return letter


def archived(letter: Letter) -> Letter:
    """The letter with its archived PDF; rendered (and archived) on the spot when a lost task left it missing."""
    if not letter.rendered_at or not letter.file:
        letter = archive_letter(letter.pk)
    return letter


def email_letter(letter_id: int) -> bool:
    """E-mail a public letter to the applicant (once). The message never carries the ID number in full."""
    letter = Letter.objects.select_related("application").filter(pk=letter_id).first()
    if letter is None or not letter.is_public or not letter.application.email or not letter.rendered_at:
        return False
    if not Letter.objects.filter(pk=letter.pk, emailed_at__isnull=True).update(emailed_at=timezone.now()):
        return False  # already sent
    app = letter.application
    site = SiteProfile.get()
    body = render_to_string("requests_app/email/letter.txt", {"app": app, "letter": letter, "site": site})
    message = EmailMessage(
        subject=f"【{site.site_name}】政府信息公开申请 {app.tracking_number}：{letter.title}",
        body=body,
        to=[app.email],
    )
    try:
        with letter.file.open("rb") as fh:
            message.attach(letter.filename, fh.read(), "application/pdf")
        message.send()
    except Exception:
        Letter.objects.filter(pk=letter.pk).update(emailed_at=None)  # the sweep tries again
        raise
    return True


def sweep(limit: int = 200) -> dict[str, int]:
    """Render letters a lost task left without a PDF, and e-mail rendered public letters not yet sent."""
    rendered = 0
    for pk in Letter.objects.filter(rendered_at__isnull=True).values_list("pk", flat=True)[:limit]:
        try:
            archive_letter(pk)
            rendered += 1
        except Exception:
            logger.exception("Rendering letter %s failed", pk)
    pending = Letter.objects.filter(
        rendered_at__isnull=False, emailed_at__isnull=True, kind__in=Letter.PUBLIC_KINDS
    ).exclude(application__email="")
    emailed = 0
    for pk in pending.values_list("pk", flat=True)[:limit]:
        try:
            emailed += email_letter(pk)
        except Exception:
            logger.exception("E-mailing letter %s failed", pk)
    return {"rendered": rendered, "emailed": emailed}


# --- morning reminders


def _handlers_by_unit(unit_ids: set[int]) -> dict[int, list[User]]:
    users = (
        User.objects.filter(organization_id__in=unit_ids, is_active=True)
        .filter(groups__name__in=[Role.OFFICER, Role.REVIEWER])
        .exclude(email="")
        .distinct()
    )
    by_unit: dict[int, list[User]] = defaultdict(list)
    for user in users:
        by_unit[user.organization_id].append(user)
    return by_unit


def send_reminders(on: date | None = None) -> dict[str, int]:
    """E-mail each handler their due-soon and overdue items, and office staff a digest of overdue ones (plus the
    items the office handles itself). One reminder per item, recipient and day: running it twice sends nothing new."""
    on = on or workdays.today()
    limit = soon_limit(on)
    items = list(
        Application.objects.filter(
            Q(status__in=Application.RUNNING_STATES, due_on__lte=limit)
            | Q(status__in=Application.PAUSED_STATES, pause_deadline__lte=limit)
        ).select_related("handling_unit", "organization")
    )
    if not items:
        return {"emails": 0, "reminders": 0}
    clock = PageClock([a.clock_due_on for a in items], on)
    office = list(User.objects.with_role(Role.OFFICE).exclude(email=""))
    handlers = _handlers_by_unit({a.handling_unit_id for a in items if a.handling_unit_id})
    due: dict[User, list[tuple[Application, object]]] = defaultdict(list)
    for app in items:
        state = clock.state(app.clock_due_on)
        office_handles = not app.handling_unit_id or app.handling_unit.kind == Organization.Kind.COUNTY_OFFICE
        recipients = list(office if office_handles else handlers.get(app.handling_unit_id, []))
        if state.code == "overdue":
            recipients += office
        for user in dict.fromkeys(recipients):
            # The unique row is the claim: of two runs on the same day, only one creates it and sends.
            _, created = Reminder.objects.get_or_create(
                application=app, recipient=user, sent_on=on, defaults={"clock": state.code}
            )
            if created:
                due[user].append((app, state))

    site = SiteProfile.get()
    for user, rows in due.items():
        body = render_to_string("requests_app/email/reminder.txt", {"user": user, "rows": rows, "on": on, "site": site})
        send_mail(
            f"【{site.site_name}】依申请公开到期提醒（{on:%Y-%m-%d}）：{len(rows)}件",
            body,
            settings.DEFAULT_FROM_EMAIL,
            [user.email],
        )
    return {"emails": len(due), "reminders": sum(len(r) for r in due.values())}
