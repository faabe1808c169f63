"""Demo content of the annual report: 城关镇's report for two years ago accepted and published in its 年度报告 column
through the three-level review, and last year's in progress with a failing check (the table 二 figures the town has
not entered yet); two 行政复议/行政诉讼 cases in the register, one still open. Idempotent."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal

from disclosure import services as disclosure
from disclosure.models import CHECKLIST
from portal import workdays
from portal.models import User
from reports import services
from reports.models import AnnualReport
from requests_app import services as requests_app
from requests_app.models import DisputeCase

USERS = ("chengguan_officer", "chengguan_reviewer", "chengguan_leader", "gongkai1")


def seed(stdout) -> None:
    users = {u.username: u for u in User.objects.filter(username__in=USERS)}
    if len(users) < len(USERS):
        stdout.write("年度报告：缺少演示用户，跳过。")
        return
    officer, reviewer, leader, office = (users[name] for name in USERS)
    town = officer.organization
    year = workdays.today().year
    if not DisputeCase.objects.filter(organization=town).exists():
        requests_app.register_case(actor=officer, organization=town, kind=DisputeCase.Kind.REVIEW, claimant="王某",
                                   organ="县人民政府", filed_on=workdays.today() - timedelta(days=300),
                                   outcome=DisputeCase.Outcome.UPHELD,
                                   concluded_on=workdays.today() - timedelta(days=240))  # fmt: skip
        requests_app.register_case(actor=officer, organization=town, kind=DisputeCase.Kind.LAWSUIT_DIRECT,
                                   claimant="李某", organ="县人民法院", filed_on=workdays.today() - timedelta(days=30))  # fmt: skip
    if not AnnualReport.objects.filter(organization=town, year=year - 2).exists():
        report = services.create_report(town, year - 2, actor=officer)
        services.edit_report(report, actor=officer, licences=36, penalties=5, enforcements=1, fees=Decimal("2.35"),
                             problems="一是政策解读形式较为单一；二是部分栏目更新不够及时。下一步将丰富图解、音视频等解读形式，"
                                      "落实栏目更新责任到人。")  # fmt: skip
        services.submit(report, actor=officer)
        services.approve(report, actor=leader, opinion="同意报送。")
        services.accept(report, actor=office, opinion="已接收。")
        report = services.publish(report, actor=officer)
        checklist = {key: True for key, _ in CHECKLIST}
        for actor in (reviewer, leader, office):
            disclosure.review(report.document, actor=actor, decision="pass", checklist=checklist)
        stdout.write(f"年度报告：{report.title}（已接收并公开）。")
    if not AnnualReport.objects.filter(organization=town, year=year - 1).exists():
        report = services.create_report(town, year - 1, actor=officer)
        stdout.write(f"年度报告：{report.title}（起草中，表二尚未填报）。")
