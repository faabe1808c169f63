import io

from evaluation import demo
from evaluation.models import Bulletin, DailyVisits, PathVisits, Scheme, WebReport
from portal import demo as portal_demo
from portal.models import Organization


def test_demo_holds_months_of_visits_and_a_generated_bulletin_and_is_idempotent(db):
    portal_demo.seed(io.StringIO())
    out = io.StringIO()
    demo.seed(out)
    assert DailyVisits.objects.count() == demo.DAYS
    assert PathVisits.objects.filter(path="/").count() == demo.DAYS
    assert all(day.views >= day.visitors > 0 for day in DailyVisits.objects.all())
    sent, generated = Bulletin.objects.order_by("year", "month")
    assert (sent.status, generated.status) == (Bulletin.Status.SENT, Bulletin.Status.DRAFT)
    assert sent.approved_by != sent.edited_by and sent.remarks
    # every unit of the demo county but the office, which issues the 通报
    assert len(generated.figures["units"]) == Organization.objects.exclude(kind="office").count() > 30
    assert Scheme.objects.count() == 1 and WebReport.objects.count() == 1
    demo.seed(out)
    assert DailyVisits.objects.count() == demo.DAYS and Bulletin.objects.count() == 2
    assert "新建 0 天" in out.getvalue()
