import io

from disclosure.models import Document
from portal import demo as portal_demo
from reports import demo, reading, tables
from reports.models import AnnualReport
from requests_app.models import DisputeCase


def test_demo_has_a_published_report_and_one_in_progress_with_a_failing_check(db):
    portal_demo.seed(io.StringIO())
    from disclosure import demo as disclosure_demo

    disclosure_demo.seed(io.StringIO())
    out = io.StringIO()
    demo.seed(out)
    published, drafting = AnnualReport.objects.order_by("year")
    assert published.status == AnnualReport.Status.ACCEPTED
    assert published.document.status == Document.Status.PUBLISHED and published.document.column.slug == "ndbg"
    assert drafting.status == AnnualReport.Status.DRAFT
    assert tables.blocking(reading.current_checks(drafting))
    assert DisputeCase.objects.count() == 2
    demo.seed(out)
    assert AnnualReport.objects.count() == 2 and DisputeCase.objects.count() == 2
