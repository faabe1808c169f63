"""Demo content for the self-inspection, after the domain apps' demos: a 专题专栏 section with a stale column (its one
item went up 40 days ago) and an empty one, a notice holding a dead link (to a port on the loopback address where
nothing listens) and wording errors (an outdated organ name, a leader given the wrong post), then two nightly runs —
yesterday's and today's — so the link is dead (two failing nights) and the dashboard has something to show.

The demo's runs never reach the internet: only loopback addresses are checked; the demo's other external links stay
"unchecked". Idempotent: nothing is added once a run exists."""

from __future__ import annotations

from datetime import timedelta

from django.utils import timezone

from inspection import services
from inspection.linkcheck import LinkChecker, Manners, host_of
from inspection.models import InspectionRun
from portal import workdays
from portal.models import Organization, Role, User

DEAD_LINK = "http://127.0.0.1:9/wsbsdt/"
NOTICE_TITLE = "关于政务服务网上办事大厅启用新地址的通知"


class LoopbackOnly(LinkChecker):
    """Checks loopback addresses only: a demo must not send requests to other people's servers."""

    def check(self, urls):
        yield from super().check(u for u in urls if host_of(u).split(":")[0] in ("127.0.0.1", "localhost"))


def _columns():
    from disclosure.models import Column

    section, _ = Column.objects.get_or_create(
        slug="ztzl", defaults={"name": "专题专栏", "kind": Column.Kind.SECTION, "order": 2000}
    )
    stale, _ = Column.objects.get_or_create(
        slug="zt-yshj",
        defaults={"name": "优化营商环境", "kind": Column.Kind.NEWS, "parent": section, "order": 2010},
    )
    empty, _ = Column.objects.get_or_create(
        slug="zt-xczx", defaults={"name": "乡村振兴", "kind": Column.Kind.NEWS, "parent": section, "order": 2020}
    )
    return stale, empty


def _publish(office: User, org: Organization, column, title: str, body: str, days: int = 0) -> None:
    from disclosure import services as disclosure
    from disclosure.models import Document

    if Document.objects.filter(title=title).exists():
        return
    document = disclosure.import_document(actor=office, column=column, organization=org, title=title, body=body,
                                          source_name="demo")  # fmt: skip
    if days:
        Document.objects.filter(pk=document.pk).update(published_at=timezone.now() - timedelta(days=days))


def seed(stdout) -> None:
    from disclosure.models import Column

    if InspectionRun.objects.exists():
        stdout.write("  网站自查：已有自查记录，未改动。")
        return
    office = User.objects.with_role(Role.OFFICE).filter(organization__isnull=False).order_by("pk").first()
    if office is None:
        stdout.write("  没有政务公开办人员，跳过网站自查演示数据。")
        return
    org = office.organization
    stale, empty = _columns()
    _publish(office, org, stale, "县政务服务中心推出企业开办“一日办结”服务",
             "<p>县政务服务中心整合市场监管、税务、社保等部门窗口，企业开办实现一日办结。</p>", days=40)  # fmt: skip
    body = (
        f'<p>原政务服务网上办事大厅（<a href="{DEAD_LINK}">{DEAD_LINK}</a>）已停止使用，请通过新地址办理。</p>'
        "<p>截止到本月底，县国土资源局、县财政局等部门的事项已全部迁移。城关镇副镇长张国华出席启用仪式。</p>"
    )
    _publish(office, org, Column.objects.get(slug="tzgg"), NOTICE_TITLE, body)
    checker = LoopbackOnly(Manners(timeout=2, retries=0))
    yesterday = workdays.today() - timedelta(days=1)
    services.run_inspection(on=yesterday, notify=False, checker=checker)
    run = services.run_inspection(checker=checker)
    failing = [m["label"] for m in run.summary["marks"] if m["veto"] and m["state"] == "failing"]
    stdout.write(f"  网站自查：新增专题栏目 {stale.name}（超期）、{empty.name}（空白），完成两晚自查；"
                 f"不合格指标：{'、'.join(failing) or '无'}。")  # fmt: skip
