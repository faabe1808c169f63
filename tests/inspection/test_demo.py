"""The demo county's self-inspection: a stale column, an empty column, a dead link (two failing nights on a loopback
port where nothing listens) and a 错敏 hit, with no request leaving the machine; idempotent."""

import io

from disclosure.models import Column
from inspection import demo
from inspection.models import InspectionRun, Link, WordingHit
from portal import demo as portal_demo


def test_the_demo_has_something_to_see_on_every_kind_of_finding(db, office_staff, mailoutbox):
    portal_demo.seed(io.StringIO())
    out = io.StringIO()
    demo.seed(out)

    runs = list(InspectionRun.objects.order_by("on"))
    assert len(runs) == 2 and all(run.status == InspectionRun.Status.DONE for run in runs)
    columns = {c["label"]: c["state"] for c in runs[-1].summary["columns"]}
    assert columns["专题专栏 › 优化营商环境"] == "stale" and columns["专题专栏 › 乡村振兴"] == "empty"
    dead = Link.objects.get(url=demo.DEAD_LINK)
    assert (dead.status, dead.fail_nights, dead.last_error) == ("dead", 2, "无法连接")
    assert dead.sources.get().page_title == demo.NOTICE_TITLE
    hits = set(WordingHit.objects.filter(page_title=demo.NOTICE_TITLE).values_list("match", "is_serious"))
    assert hits == {("截止到", False), ("国土资源局", False), ("副镇长张国华", True)}
    assert "网站自查：新增专题栏目 优化营商环境（超期）、乡村振兴（空白）" in out.getvalue()

    demo.seed(io.StringIO())
    assert InspectionRun.objects.count() == 2 and Column.objects.filter(slug__startswith="zt-").count() == 2


def test_the_demo_checker_requests_loopback_addresses_only():
    checker = demo.LoopbackOnly(demo.Manners(timeout=0.2, retries=0))
    checked = [url for url, _ in checker.check(["https://wechat.example.cn/a", "http://127.0.0.1:9/x"])]
    assert checked == ["http://127.0.0.1:9/x"]
