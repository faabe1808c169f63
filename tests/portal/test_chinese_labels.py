"""No page shows an English option label or an internal code: every staff and public page kind is rendered over the
demo county (every workflow state of every kind of item present), and each <option> label and each table or list
cell must read as Chinese, never as an ASCII-only word such as ``Proactive`` or ``submitted``.

Every named page of the site must be walked here or listed in NOT_PAGES (actions that only accept POST, files,
PDFs, CSV exports, images): a new page is checked from the day it is added."""

from __future__ import annotations

import re
from datetime import date, datetime
from html.parser import HTMLParser
from io import StringIO
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.contrib.auth.hashers import make_password
from django.core.management import call_command
from django.urls import URLPattern, URLResolver, get_resolver, resolve, reverse

from disclosure import workflows
from disclosure.models import Column, Document
from engagement.models import Concern, Interview
from evaluation import services as evaluation_services
from evaluation import webreport
from evaluation.models import Bulletin, Scheme, WebReport
from interaction.models import Consultation, Correction, Message
from newmedia import services as newmedia_services
from newmedia.models import Account, Filing
from newmedia.services import ClosureDetails
from portal.models import Organization, Role, User
from reports.models import AnnualReport
from requests_app.models import Application, DisputeCase
from services_guide.models import GuideVersion

pytestmark = pytest.mark.django_db

PASSWORD = "track-1234"  # noqa: S105 - a test password for the tracking pages

# Named pages that are not HTML pages to read: POST-only actions, downloads, PDFs, CSV exports, images, captcha,
# the one-time receipts shown right after a submission, and the logout.
NOT_PAGES = {
    "portal:staff_logout", "portal:page_qr", "portal:display_mode",
    "disclosure:attachment", "disclosure:staff_submit", "disclosure:staff_override", "disclosure:staff_validity",
    "disclosure:staff_review_pdf", "disclosure:staff_attachment_add", "disclosure:staff_attachment",
    "disclosure:staff_attachment_delete",
    "requests_app:submitted", "requests_app:track_letter", "requests_app:track_file", "requests_app:track_withdraw",
    "requests_app:track_correction", "requests_app:staff_export", "requests_app:staff_confirm",
    "requests_app:staff_assign", "requests_app:staff_correction", "requests_app:staff_correction_received",
    "requests_app:staff_third_party", "requests_app:staff_third_party_answer", "requests_app:staff_extension",
    "requests_app:staff_extension_approve", "requests_app:staff_extension_reject", "requests_app:staff_draft",
    "requests_app:staff_return", "requests_app:staff_approve", "requests_app:staff_fee_notice", "requests_app:staff_fee_paid", "requests_app:staff_letter", "requests_app:staff_file",
    "interaction:message_done", "interaction:message_rate", "interaction:correction_done", "interaction:opinion_new",
    "interaction:staff_message_attachment", "interaction:staff_message_accept", "interaction:staff_message_reject",
    "interaction:staff_message_dispatch", "interaction:staff_message_return", "interaction:staff_message_extend",
    "interaction:staff_message_reply", "interaction:staff_message_approve", "interaction:staff_message_send_back",
    "interaction:staff_message_publish", "interaction:staff_message_close", "interaction:staff_message_unpublish",
    "interaction:staff_correction_forward", "interaction:staff_correction_reply",
    "interaction:staff_correction_dismiss", "interaction:staff_consultation_publish",
    "interaction:staff_consultation_feedback", "interaction:staff_opinion_toggle",
    "newmedia:avatar", "newmedia:qr", "newmedia:staff_avatar", "newmedia:staff_qr", "newmedia:filing_avatar",
    "newmedia:filing_qr", "newmedia:filing_submit", "newmedia:filing_leader_approve", "newmedia:filing_leader_return",
    "newmedia:filing_approve", "newmedia:filing_return", "newmedia:filing_withdraw", "newmedia:activity_import",
    "newmedia:activity_template",
    "newmedia:export_annual",
    "services_guide:material_file", "services_guide:staff_material_file", "services_guide:staff_act",
    "services_guide:staff_export", "services_guide:staff_change",
    "inspection:column_rule", "inspection:run_now", "inspection:run_report",
    "ops:healthz", "ops:enrol_qr", "ops:recovery_codes", "ops:account_reset_two_factor", "ops:audit_export", "ops:verify",
    "evaluation:bulletin_pdf", "evaluation:web_report_pdf", "evaluation:visit_count",
    "evaluation:staff_bulletin_generate", "evaluation:staff_bulletin_act", "evaluation:staff_bulletin_pdf",
    "evaluation:staff_scheme_create", "evaluation:staff_indicator_delete", "evaluation:staff_scheme_act",
    "evaluation:staff_scheme_export", "evaluation:staff_report_create", "evaluation:staff_report_act",
    "evaluation:staff_report_export",
    "reports:staff_create", "reports:staff_act", "reports:staff_export", "reports:staff_import",
    "engagement:question_new", "engagement:staff_concern_respond", "engagement:staff_concern_close",
    "engagement:staff_interview_action", "engagement:staff_interview_cancel", "engagement:staff_photo_add",
    "engagement:staff_photo_remove",
    "engagement:staff_host_question", "engagement:staff_question_action",
}  # fmt: skip
# An option label made of ASCII words (an English label such as "On Request"; digits and dates are not words).
CODE_LIKE = re.compile(r"[A-Za-z]+(?:[ _][A-Za-z]+)*")
# Option labels that are names of file formats or products, the same in Chinese.
ASCII_NAMES = {"PDF", "OFD", "Word", "Excel", "CSV", "XLSX", "ZIP", "App", "APP"}


class Cells(HTMLParser):
    """The text of every <option>, <td> and <dd>, and of every element whose class names a status or state."""

    TAGS = ("option", "td", "dd")

    def __init__(self):
        super().__init__()
        self.stack: list[list] = []
        self.found: list[tuple[str, str]] = []

    def handle_starttag(self, tag, attrs):
        classes = dict(attrs).get("class") or ""
        if tag in self.TAGS or re.search(r"\bstatus\b|\bstate\b", classes):
            self.stack.append([tag, []])

    def handle_endtag(self, tag):
        if self.stack and self.stack[-1][0] == tag:
            name, parts = self.stack.pop()
            self.found.append((name, " ".join("".join(parts).split())))

    def handle_data(self, data):
        for entry in self.stack:
            entry[1].append(data)


def stored_codes() -> set[str]:
    """Every ASCII value a status, kind or other choice field stores (history action codes included)."""
    from django.apps import apps

    codes = set()
    for model in apps.get_models():
        for field in model._meta.get_fields():
            for value, _label in getattr(field, "flatchoices", None) or ():
                if isinstance(value, str) and value.isascii():
                    codes.add(value)
    return codes


def bad_cells(html: str, codes: set[str]) -> list[str]:
    """Option labels that are ASCII words, and cells that hold a stored code (data such as an account's ID or a
    user name may be ASCII; a code never is shown)."""
    parser = Cells()
    parser.feed(html)
    return [
        f"<{tag}> {text!r}"
        for tag, text in parser.found
        if (tag == "option" and CODE_LIKE.fullmatch(text) and text not in ASCII_NAMES)
        or (tag != "option" and text in codes)
    ]


@pytest.fixture
def county(settings):
    """The demo county, frozen mid-year (the demo back-dates within the year), with known tracking passwords."""
    settings.DEBUG = True
    traveller = time_machine.travel(datetime(2026, 6, 15, 10, tzinfo=ZoneInfo("Asia/Shanghai")), tick=False)
    traveller.start()
    call_command("seed_demo", stdout=StringIO(), stderr=StringIO())
    settings.DEBUG = False
    hashed = make_password(PASSWORD)
    Application.objects.update(password_hash=hashed)
    Message.objects.update(password_hash=hashed)
    Correction.objects.update(password_hash=hashed)
    # A closure being drafted: the demo has no filing in an editable state.
    officer = User.objects.get(username="chengguan_officer")
    account = Account.objects.filter(organization=officer.organization, status="active").order_by("pk").last()
    details = ClosureDetails(date(2026, 6, 12), "账号整合", "https://mp.example.cn/close")
    newmedia_services.start_closure(account, actor=officer, details=details)
    yield
    traveller.stop()


def one_per(queryset, key=lambda obj: obj.status) -> list:
    seen: dict = {}
    for obj in queryset.order_by("pk"):
        seen.setdefault(key(obj), obj)
    return list(seen.values())


def _staff_urls(user) -> list[str]:
    urls = ["/staff/", "/staff/disclosure/", "/staff/disclosure/new/"]
    urls += [reverse("disclosure:staff_queue", args=[level]) for level in ("first", "second", "final")]
    for d in one_per(Document.objects.all()):
        urls += [reverse("disclosure:staff_detail", args=[d.pk]), reverse("disclosure:staff_history", args=[d.pk])]
        if d.status in workflows.EDITABLE:
            urls.append(reverse("disclosure:staff_edit", args=[d.pk]))
        if d.is_in_review and not workflows.review_problem(user, d):
            urls.append(reverse("disclosure:staff_review", args=[d.pk]))
        if d.status == Document.Status.PUBLISHED:
            urls.append(reverse("disclosure:staff_withdraw", args=[d.pk]))
    urls += ["/staff/requests/", "/staff/requests/register/", "/staff/requests/stats/"]
    urls += [reverse("requests_app:staff_detail", args=[a.pk]) for a in one_per(Application.objects.all())]
    urls += ["/staff/messages/", "/staff/messages/stats/", "/staff/corrections/", "/staff/consultations/"]
    urls += [reverse("interaction:staff_message_detail", args=[m.pk]) for m in one_per(Message.objects.all())]
    urls += [reverse("interaction:staff_correction_detail", args=[c.pk]) for c in one_per(Correction.objects.all())]
    urls.append(reverse("interaction:staff_consultation_create"))
    for c in one_per(Consultation.objects.all(), key=lambda c: c.phase()):
        urls += [
            reverse("interaction:staff_consultation_detail", args=[c.pk]),
            reverse("interaction:staff_consultation_edit", args=[c.pk]),
        ]
    urls += ["/staff/newmedia/", "/staff/newmedia/review/", "/staff/newmedia/exceptions/"]
    urls.append("/staff/newmedia/activity/")
    for account in one_per(Account.objects.all()):
        urls += [reverse(name, args=[account.pk]) for name in ("newmedia:staff_account", "newmedia:change_new")]
        urls.append(reverse("newmedia:closure_new", args=[account.pk]))
    urls += [reverse("newmedia:filing_detail", args=[f.pk]) for f in one_per(Filing.objects.all(), key=_filing_key)]
    urls += ["/staff/status/", "/staff/security/", "/staff/security/password/", "/staff/security/authenticator/"]
    urls += ["/staff/inspection/", "/staff/inspection/columns/", "/staff/inspection/runs/"]
    urls += [
        reverse("inspection:mark", args=[code])
        for code in ("home", "columns_stale", "columns_empty", "messages", "newmedia", "wording", "links")
    ]
    urls.append(reverse("inspection:unit", args=[Organization.objects.filter(kind="township").first().pk]))
    urls.append(reverse("inspection:column", args=[Column.objects.filter(kind="news").first().pk]))
    urls += ["/staff/services/", "/staff/services/new/", "/staff/services/import/"]
    urls += [reverse("services_guide:staff_queue", args=[level]) for level in ("first", "second", "final")]
    for version in one_per(GuideVersion.objects.all()):
        urls.append(reverse("services_guide:staff_version", args=[version.pk]))
        if version.status in (GuideVersion.Status.DRAFT, GuideVersion.Status.RETURNED):
            urls.append(reverse("services_guide:staff_edit", args=[version.pk]))
        if version.status == GuideVersion.Status.PUBLISHED:
            urls.append(reverse("services_guide:staff_stop", args=[version.item_id]))
    urls += ["/staff/reports/", "/staff/requests/cases/", "/staff/requests/cases/new/"]
    urls += [reverse("requests_app:staff_case_edit", args=[c.pk]) for c in DisputeCase.objects.order_by("pk")[:1]]
    urls += [reverse("reports:staff_report", args=[r.pk]) for r in one_per(AnnualReport.objects.all())]
    return urls + _evaluation_staff_urls() + _engagement_staff_urls()


def _engagement_staff_urls() -> list[str]:
    urls = ["/staff/concerns/", "/staff/concerns/new/", "/staff/interviews/", "/staff/interviews/new/"]
    urls += [reverse("engagement:staff_concern", args=[c.pk]) for c in one_per(Concern.objects.all())]
    for interview in one_per(Interview.objects.all()):
        urls += [reverse(name, args=[interview.pk]) for name in ("engagement:staff_interview",
                                                                  "engagement:staff_interview_edit")]  # fmt: skip
    return urls


def _evaluation_staff_urls() -> list[str]:
    urls = ["/staff/evaluation/", reverse("evaluation:staff_visits"), reverse("evaluation:staff_columns")]
    for bulletin in one_per(Bulletin.objects.all()):
        urls.append(reverse("evaluation:staff_bulletin", args=[bulletin.pk]))
        if bulletin.status == Bulletin.Status.DRAFT:
            urls.append(reverse("evaluation:staff_bulletin_edit", args=[bulletin.pk]))
    for scheme in Scheme.objects.all():
        manual = scheme.indicators.filter(rule="manual").first()
        unit = (
            scheme.results.get("units", [{}])[0].get("unit_id")
            or Organization.objects.exclude(kind="office").first().pk
        )
        urls += [reverse("evaluation:staff_scheme", args=[scheme.pk]), reverse("evaluation:staff_scheme_edit", args=[scheme.pk]),
                 reverse("evaluation:staff_indicator_create", args=[scheme.pk]),
                 reverse("evaluation:staff_indicator_edit", args=[scheme.pk, manual.pk]),
                 reverse("evaluation:staff_manual_scores", args=[scheme.pk, manual.pk]),
                 reverse("evaluation:staff_scheme_unit", args=[scheme.pk, unit])]  # fmt: skip
    return urls + [reverse("evaluation:staff_report", args=[r.pk]) for r in one_per(WebReport.objects.all())]


def _publish_reports() -> None:
    """The demo sends a 通报 but publishes none, and prepares a 年度报表: publish one of each for the public pages."""
    writer, reviewer = User.objects.get(username="gongkai1"), User.objects.get(username="gongkai2")
    evaluation_services.publish_bulletin(Bulletin.objects.get(status=Bulletin.Status.SENT), actor=reviewer)
    report = evaluation_services.create_web_report(2024)
    entries = {line.key: {"bool": True, "decimal": "1", "text": "无"}.get(line.kind, 1)
               for line in webreport.entry_lines(report.figures)}  # fmt: skip
    evaluation_services.edit_web_report(report, actor=writer, entries=entries)
    evaluation_services.submit_web_report(report, actor=writer)
    evaluation_services.approve_web_report(report, actor=reviewer)


def _unit_urls(user) -> list[str]:
    """A unit's people: the workbench, the drafting form, and the review form of each level they review."""
    urls = ["/staff/"] + (["/staff/disclosure/new/"] if workflows.may_draft(user) else [])
    in_review = Document.objects.filter(status__in=["pending_first", "pending_second", "pending_final"])
    reviewable = [d for d in in_review.order_by("pk") if not workflows.review_problem(user, d)]
    return urls + [reverse("disclosure:staff_review", args=[d.pk]) for d in one_per_list(reviewable)]


def one_per_list(objects: list) -> list:
    return list({obj.status: obj for obj in reversed(objects)}.values())


def _filing_key(filing: Filing) -> tuple[str, str]:
    return filing.kind, filing.status


def _unit_officer_pages() -> list[tuple[User, str]]:
    """Forms only the unit's own 信息员 opens: editing a filing of each kind."""
    pages = []
    for filing in one_per(Filing.objects.select_related("account"), key=_filing_key):
        officer = User.objects.with_role(Role.OFFICER).filter(organization=filing.account.organization_id).first()
        if filing.status in Filing.EDITABLE_STATUSES and officer:
            pages.append((officer, reverse("newmedia:filing_edit", args=[filing.pk])))
    return pages


def _public_urls() -> list[str]:
    unit = Organization.objects.filter(kind=Organization.Kind.TOWNSHIP).order_by("order").first()
    urls = ["/", "/organizations/", reverse("portal:organization_detail", args=[unit.code]), "/sitemap/"]
    urls += ["/staff/login/", "/disclosure/", "/disclosure/guide/"]
    urls += [reverse("disclosure:platform_unit", args=[unit.code]), reverse("disclosure:guide_unit", args=[unit.code])]
    urls += [c.get_absolute_url() for c in one_per(Column.objects.filter(is_active=True), key=lambda c: c.kind)]
    for d in one_per(Document.objects.public()):
        urls += [d.get_absolute_url(), reverse("disclosure:document_print", args=[d.pk])]
    urls += ["/requests/", "/requests/new/", "/requests/track/"]
    urls += ["/messages/", "/messages/new/", "/messages/track/", "/messages/stats/", "/corrections/new/"]
    urls.append("/corrections/track/")
    urls += [reverse("interaction:message_detail", args=[m.pk]) for m in Message.objects.published()[:1]]
    urls.append("/consultations/")
    published = Consultation.objects.filter(status=Consultation.Status.PUBLISHED)
    urls += [
        reverse("interaction:consultation_detail", args=[c.pk]) for c in one_per(published, key=lambda c: c.phase())
    ]
    urls += ["/newmedia/", "/search/?q=政府信息公开", "/search/?q=街道办事处"]
    urls += [reverse("newmedia:account_page", args=[a.pk]) for a in Account.objects.filter(status="active")[:1]]
    urls += ["/services/", "/services/?theme=个人", "/services/?theme=法人"]
    for version in one_per(GuideVersion.objects.filter(status__in=["published", "superseded", "stopped"])):
        urls += [version.item.get_absolute_url(), reverse("services_guide:item_print", args=[version.item.code])]
        urls.append(reverse("services_guide:item_version", args=[version.item.code, version.number]))
    urls.append(reverse("evaluation:public_index"))
    urls += [b.get_absolute_url() for b in Bulletin.objects.filter(status=Bulletin.Status.PUBLISHED)]
    urls += [r.get_absolute_url() for r in WebReport.objects.filter(status=WebReport.Status.PUBLISHED)]
    urls += ["/interviews/", "/responses/"]
    for interview in one_per(Interview.objects.public()):
        urls += [interview.get_absolute_url(), reverse("engagement:interview_answers", args=[interview.pk])]
    return urls


def _tracking_pages(client) -> dict[str, str]:
    pages = {}
    for app in one_per(Application.objects.all()):
        response = client.post("/requests/track/", {"tracking_number": app.tracking_number, "password": PASSWORD})
        pages[response.url] = client.get(response.url).content.decode()
    for message in one_per(Message.objects.all()):
        response = client.post("/messages/track/", {"tracking_number": message.tracking_number, "password": PASSWORD})
        pages[response.url] = client.get(response.url).content.decode()
    for correction in one_per(Correction.objects.exclude(tracking_number=None)):
        data = {"tracking_number": correction.tracking_number, "password": PASSWORD}
        response = client.post("/corrections/track/", data)
        pages[response.url] = client.get(response.url).content.decode()
    return pages


def _site_pages() -> set[str]:
    def walk(patterns, namespace=""):
        for pattern in patterns:
            if isinstance(pattern, URLResolver):
                if pattern.namespace == "admin" or "captcha" in str(pattern.pattern):
                    continue
                yield from walk(
                    pattern.url_patterns, namespace + (f"{pattern.namespace}:" if pattern.namespace else "")
                )
            elif isinstance(pattern, URLPattern) and pattern.name:
                yield namespace + pattern.name

    return set(walk(get_resolver().url_patterns))


def test_no_page_shows_an_english_option_label_or_an_internal_code(client, county):
    _publish_reports()
    pages: dict[str, str] = {}
    for username in ("gongkai1", "chengguan_officer", "chengguan_reviewer", "chengguan_leader"):
        client.force_login(User.objects.get(username=username))

        user = User.objects.get(username=username)
        for url in _staff_urls(user) if username == "gongkai1" else _unit_urls(user):
            response = client.get(url)
            assert response.status_code == 200, (username, url, response.status_code)
            pages[f"{username} {url}"] = response.content.decode()
        if username == "chengguan_officer":
            pages["officer /staff/newmedia/new/"] = client.get("/staff/newmedia/new/").content.decode()
    client.force_login(User.objects.get(username="admin"))  # the superuser's own pages
    for url in ("/staff/audit/", "/staff/users/"):
        response = client.get(url)
        assert response.status_code == 200, ("admin", url, response.status_code)
        pages[f"admin {url}"] = response.content.decode()
    for user, url in _unit_officer_pages():
        client.force_login(user)
        response = client.get(url)
        assert response.status_code == 200, (user.username, url, response.status_code)
        pages[f"{user.username} {url}"] = response.content.decode()
    client.logout()
    for url in _public_urls():
        response = client.get(url)
        assert response.status_code == 200, (url, response.status_code)
        pages[url] = response.content.decode()
    pages.update(_tracking_pages(client))

    walked = {resolve(key.split()[-1].split("?")[0]).view_name for key in pages}
    assert _site_pages() - walked - NOT_PAGES == set(), "walk these pages too, or list them in NOT_PAGES"
    codes = stored_codes()
    problems = {url: found for url, html in pages.items() if (found := bad_cells(html, codes))}
    assert problems == {}
