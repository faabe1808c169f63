import io

from newmedia import demo
from newmedia.models import Account, Filing
from portal import demo as portal_demo


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
