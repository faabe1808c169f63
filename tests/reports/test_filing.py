"""Filing an annual report through the kernel, publishing it through the normal review, the staff pages and the
outputs (PDF text holds every row label; XLSX sheets)."""

from __future__ import annotations

import io
from datetime import date, datetime
from decimal import Decimal

import pytest
import time_machine
from django.urls import reverse
from openpyxl import load_workbook

from disclosure import services as disclosure
from disclosure.models import CHECKLIST, Document
from portal.errors import DomainError, NotAllowed
from portal.models import Role
from reports import output, selectors, services, tables
from reports.models import AnnualReport, AnnualReportHistory
from tests.conftest import make_user
from tests.reports.conftest import TZ

pytestmark = pytest.mark.django_db
S = AnnualReport.Status
YES = {key: True for key, _ in CHECKLIST}


def at(day: date):
    return time_machine.travel(datetime(day.year, day.month, day.day, 10, tzinfo=TZ), tick=False)


def fill(report, officer):
    return services.edit_report(report, actor=officer, licences=12, penalties=3, enforcements=0, fees=Decimal("1.25"),
                                problems="问题与改进。")  # fmt: skip


def test_a_township_drafts_its_leader_approves_the_office_accepts_and_it_is_published(
    township, officer, reviewer, leader, office_staff
):
    with at(date(2025, 1, 10)):
        report = services.create_report(township, 2024, actor=officer)
        assert report.due_on == date(2025, 1, 31) and "主动公开政府信息" in report.overview
        with pytest.raises(DomainError, match="尚未填报"):
            services.submit(report, actor=officer)
        fill(report, officer)
        report = services.submit(report, actor=officer)
        assert report.status == S.PENDING_APPROVAL and report.tables["year"] == 2024
        with pytest.raises(NotAllowed):
            services.approve(report, actor=office_staff)
        report = services.send_back(report, actor=leader, opinion="请补充问题分析。")
        assert report.status == S.DRAFT
        report = services.submit(report, actor=officer)
        report = services.approve(report, actor=leader)
        assert report.status == S.SUBMITTED
        with pytest.raises(DomainError, match="理由"):
            services.return_report(report, actor=office_staff, opinion="")
        report = services.return_report(report, actor=office_staff, opinion="收费金额有误。")
        assert report.status == S.RETURNED
        services.edit_report(report, actor=officer, fees=Decimal("1.5"))
        report = services.approve(services.submit(report, actor=officer), actor=leader)
        report = services.accept(report, actor=office_staff)
        assert report.status == S.ACCEPTED
        report = services.publish(report, actor=officer)
    document = report.document
    assert document.column.slug == "ndbg" and document.status == Document.Status.PENDING_FIRST
    assert "三、收到和处理政府信息公开申请情况" in document.body and document.attachments.count() == 1
    with at(date(2025, 1, 12)):
        disclosure.review(document, actor=reviewer, decision="pass", checklist=YES)
        disclosure.review(document, actor=leader, decision="pass", checklist=YES)
        disclosure.review(document, actor=office_staff, decision="pass", checklist=YES)
    document.refresh_from_db()
    assert document.status == Document.Status.PUBLISHED
    edits = [h.extra for h in AnnualReportHistory.objects.filter(report=report, action="edit")]
    assert {"fees": ["1.2500", "1.5"]} in [e["changed"] for e in edits if "fees" in e["changed"]] or any(
        e["changed"].get("fees", [None])[1] == "1.5" for e in edits
    )
    with pytest.raises(DomainError):
        services.publish(report, actor=officer)


def test_the_county_report_adds_up_the_units_and_is_due_on_31_march(office, office_staff, township, officer, leader):
    with at(date(2025, 1, 10)):
        unit = services.create_report(township, 2024, actor=officer)
        fill(unit, officer)
        AnnualReport.objects.filter(pk=unit.pk).update(status=S.ACCEPTED)
        county = services.create_report(office, 2024, actor=office_staff, aggregate=True)
    assert county.due_on == date(2025, 3, 31) and county.aggregate
    from reports import reading

    assert reading.entered(county)["licences"] == 12


def test_the_overdue_list_names_units_that_have_not_filed(township, other_township, officer):
    with at(date(2025, 1, 10)):
        services.create_report(township, 2024, actor=officer)
    names = {row["unit"].pk for row in selectors.overdue(2024, date(2025, 2, 3))}
    assert {township.pk, other_township.pk} <= names
    assert selectors.overdue(2024, date(2025, 1, 20)) == []


def test_the_report_page_shows_the_checks_and_the_last_year(client, township, officer, django_assert_max_num_queries):
    with at(date(2025, 1, 10)):
        report = services.create_report(township, 2024, actor=officer)
    client.force_login(officer)
    with django_assert_max_num_queries(60):
        response = client.get(reverse("reports:staff_report", args=[report.pk]))
    html = response.content.decode()
    assert response.status_code == 200
    assert "须更正" in html and "尚未填报" in html and "上年总计" in html and "四、结转下年度继续办理" in html
    response = client.post(reverse("reports:staff_report", args=[report.pk]),
                           {"licences": "-1", "penalties": "2", "enforcements": "0", "fees": "", "overview": "x",
                            "problems": "y", "other_matters": "z"})  # fmt: skip
    assert response.status_code == 200 and "请填写本项数据" in response.content.decode()
    report.refresh_from_db()
    assert report.penalties is None  # nothing half-saved


def test_an_outsider_meets_404(client, township, officer, outsider):
    with at(date(2025, 1, 10)):
        report = services.create_report(township, 2024, actor=officer)
    client.force_login(outsider)
    for name in ("reports:staff_report",):
        assert client.get(reverse(name, args=[report.pk])).status_code == 404
    assert client.get(reverse("reports:staff_export", args=[report.pk, "pdf"])).status_code == 404
    assert client.post(reverse("reports:staff_act", args=[report.pk, "submit"])).status_code == 404
    nobody = make_user("nobody", township)
    client.force_login(nobody)
    assert client.get(reverse("reports:staff_index")).status_code == 404


def test_the_pdf_holds_every_row_label_and_the_xlsx_every_table(township, officer):
    with at(date(2025, 1, 10)):
        report = services.create_report(township, 2024, actor=officer)
        fill(report, officer)
    text = "".join(_raw_text(output.pdf_bytes(report)).split())
    for label in tables.row_labels():
        assert "".join(label.split()) in text, label
    book = load_workbook(io.BytesIO(b"".join([_xlsx(report)])))
    assert len(book.sheetnames) == 3
    labels = [row[0].value for row in book.worksheets[1].iter_rows(min_row=2)]
    assert any("（七）总计" in (v or "") for v in labels)
    fees_row = [row for row in book.worksheets[0].iter_rows(values_only=True) if row[1] == "行政事业性收费"][0]
    assert fees_row[3] == 1.25


def _raw_text(data: bytes) -> str:
    """The PDF's text in reading order (a wrapped label is one run of text, not split across layout columns)."""
    import subprocess
    import tempfile

    with tempfile.NamedTemporaryFile(suffix=".pdf") as tmp:
        tmp.write(data)
        tmp.flush()
        out = subprocess.run(["pdftotext", "-raw", "-enc", "UTF-8", tmp.name, "-"], capture_output=True, check=True)  # noqa: S603,S607
    return out.stdout.decode()


def _xlsx(report) -> bytes:
    from portal.exports import xlsx_bytes

    return xlsx_bytes(output.xlsx_sheets(report))


def test_a_unit_leader_role_name_is_used(leader):
    assert leader.has_role(Role.LEADER)


def test_the_figures_are_imported_from_a_file_with_every_row_error_named(client, township, officer):
    from django.core.files.uploadedfile import SimpleUploadedFile

    with at(date(2025, 1, 10)):
        report = services.create_report(township, 2024, actor=officer)
    client.force_login(officer)
    url = reverse("reports:staff_import", args=[report.pk])
    header = "科室或项目,行政许可,行政处罚,行政强制,行政事业性收费（万元）\n"
    bad = header + "审批科,10,x,0,1.5\n,2,1,-1,0\n"
    response = client.post(url, {"file": SimpleUploadedFile("figures.csv", bad.encode("utf-8-sig"), "text/csv")})
    html = response.content.decode()
    assert response.status_code == 400 and "第2行" in html and "第3行" in html and "请填写科室或项目名称" in html
    report.refresh_from_db()
    assert report.licences is None  # nothing taken
    good = header + "审批科,10,2,0,1.5\n执法大队,0,5,1,0.25\n"
    response = client.post(url, {"file": SimpleUploadedFile("figures.csv", good.encode("gb18030"), "text/csv")})
    assert response.status_code == 302
    report.refresh_from_db()
    assert (report.licences, report.penalties, report.enforcements, report.fees) == (10, 7, 1, Decimal("1.75"))
    assert AnnualReportHistory.objects.filter(report=report, action="edit").exists()


def test_units_not_filed_are_reminded_once_a_day_as_the_deadline_nears(township, other_township, officer, leader,
                                                                       mailoutbox):  # fmt: skip
    from reports import notifications

    officer.email = "officer@example.cn"
    officer.save()
    with at(date(2025, 1, 10)):
        assert notifications.send_reminders() == 0  # 31 January is still far
    with at(date(2025, 1, 27)):
        assert notifications.send_reminders() == 1
        assert notifications.send_reminders() == 0  # once a day
    assert "即将到期" in mailoutbox[0].subject and mailoutbox[0].to == ["officer@example.cn"]
    with at(date(2025, 2, 3)):
        assert notifications.send_reminders() == 1
    assert "已逾期" in mailoutbox[-1].subject


def test_a_filed_report_s_pdf_is_rendered_once_and_then_served_from_its_stored_copy(client, township, officer, leader):
    with at(date(2025, 1, 10)):
        report = services.create_report(township, 2024, actor=officer)
        fill(report, officer)
        report = services.submit(report, actor=officer)
    client.force_login(leader)
    url = reverse("reports:staff_export", args=[report.pk, "pdf"])
    first = b"".join(client.get(url).streaming_content)
    report.refresh_from_db()
    assert first.startswith(b"%PDF-") and report.pdf
    stored_name = report.pdf.name
    second = b"".join(client.get(url).streaming_content)
    report.refresh_from_db()
    assert second == first and report.pdf.name == stored_name
    with at(date(2025, 1, 11)):
        services.send_back(report, actor=leader, opinion="再改改。")
        report = services.submit(selectors.get_report_for(officer, report.pk), actor=officer)
    assert not report.pdf  # a new filing: rendered again from its own tables
