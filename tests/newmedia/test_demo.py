import io

from newmedia import demo
from newmedia.models import Account, Filing
from portal import demo as portal_demo
from portal import workdays


def test_demo_seed_builds_accounts_through_the_flow_and_is_idempotent(db):
    portal_demo.seed(io.StringIO())
    out = io.StringIO()
    demo.seed(out)
    assert Account.objects.listed().count() == 4
    assert Filing.objects.filter(status=Filing.Status.SUBMITTED).count() == 1
    assert Filing.objects.filter(kind=Filing.Kind.CHANGE, status=Filing.Status.LEADER_REVIEW).count() == 1
    assert Account.objects.get(name="清河财政").editor_name == "杨帆"  # the change is not yet filed
    demo.seed(out)
    assert Account.objects.count() == 5
    assert "新增 5 个账号" in out.getvalue() and "新增 0 个账号" in out.getvalue()


def test_demo_filings_of_old_accounts_are_on_time_except_the_late_example(db):
    portal_demo.seed(io.StringIO())
    demo.seed(io.StringIO())
    filed = Filing.objects.filter(kind=Filing.Kind.OPENING, status=Filing.Status.APPROVED).select_related("account")
    assert {f.account.name for f in filed if f.is_late} == {demo.LATE_EXAMPLE}
    for filing in filed:  # the steps happened back then, after the opening and before the filing was approved
        steps = list(filing.history.order_by("at"))
        assert filing.account.opened_on <= steps[0].at.date() < steps[-1].at.date() < workdays.today()
        assert steps[-1].at == filing.decided_at
