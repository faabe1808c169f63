"""Demo applications in every state, built through the services (``manage.py seed_demo`` calls ``seed``).

Idempotent: nothing is added when demo applications already exist. Received dates lie in the past (letters signed
for on an earlier day), so the workbench shows on-time, due-soon and overdue clocks side by side."""

from __future__ import annotations

from portal import workdays
from portal.models import Organization, Role, User
from portal.validators import id_number_check_char, uscc_check_char
from requests_app import services
from requests_app.models import Application, Result

DEMO_MARK = "（示例）"


def _id(body17: str) -> str:
    return body17 + id_number_check_char(body17)


def _credit_code(body17: str) -> str:
    return body17 + uscc_check_char(body17)


def _workdays_ago(n: int):
    """The working day n working days before today (walks back one calendar day at a time)."""
    from datetime import timedelta

    day = workdays.today()
    while n > 0:
        day -= timedelta(days=1)
        if workdays.is_workday(day):
            n -= 1
    return day


def _person(name: str, id17: str, title: str, description: str, org: Organization, **extra) -> dict:
    return {
        "applicant_type": "natural", "applicant_name": name, "id_type": "id_card", "id_number": _id(id17) if id17 else "",
        "credit_code": "", "legal_representative": "", "contact_person": "", "phone": "13903190000",
        "email": "", "address": "清河县城关镇建设路16号", "postcode": "054899", "info_title": title + DEMO_MARK,
        "info_doc_number": "", "info_description": description, "form_wanted": "electronic", "delivery": "post",
        "organization": org, **extra,
    }  # fmt: skip


def _user(username: str, role: str, org: Organization | None) -> User | None:
    user = User.objects.filter(username=username, is_active=True).first()
    if user is None and org is not None:
        user = User.objects.with_role(role).filter(organization=org).first()
    return user or User.objects.with_role(role).first()


def seed(stdout) -> None:
    if Application.objects.filter(info_title__endswith=DEMO_MARK).exists():
        stdout.write("依申请公开：示例申请已存在，跳过。")
        return
    units = {o.name: o for o in Organization.objects.active()}
    office_org = next((o for o in units.values() if o.kind == Organization.Kind.COUNTY_OFFICE), None)
    chengguan = units.get("城关镇人民政府") or next(iter(units.values()))
    longquan = units.get("龙泉乡人民政府") or chengguan
    finance = next((o for n, o in units.items() if n.endswith("财政局")), chengguan)
    land = next((o for n, o in units.items() if n.endswith("自然资源局")), finance)
    office = _user("gongkai1", Role.OFFICE, office_org)
    if office is None:
        stdout.write("依申请公开：没有政务公开办用户，跳过示例申请。")
        return
    handlers = {
        chengguan.pk: _user("chengguan_officer", Role.OFFICER, chengguan),
        longquan.pk: _user("longquan_officer", Role.OFFICER, longquan),
        finance.pk: _user("caizheng_officer", Role.OFFICER, finance),
    }

    def filed_letter(data: dict, days_ago: int, unit: Organization):
        app = services.register(data, actor=office, channel="letter", received_on=_workdays_ago(days_ago)).application
        services.assign(app, actor=office, unit=unit)
        return app, handlers.get(unit.pk) or office

    # Online, waiting for the office to confirm receipt.
    services.submit_online(_person(
        "李明", "13059919850312001", "清河县2024年度城乡居民最低生活保障资金发放情况",
        "请提供2024年度全县城乡低保资金发放总额及各乡镇分配情况。", finance, email="liming@example.com",
        delivery="email",
    ))  # fmt: skip
    services.submit_online({
        **_person("", "", "城关镇老旧小区改造项目招标文件", "请提供2025年城关镇老旧小区改造项目的招标文件和中标公告。",
                  chengguan),
        "applicant_type": "business", "applicant_name": "清河县安居建筑工程有限公司", "id_type": "", "id_number": "",
        "credit_code": _credit_code("91130599MA0ABCDE1"), "legal_representative": "王建国", "contact_person": "赵磊",
    })  # fmt: skip

    # Overdue, due soon and on time.
    filed_letter(
        _person(
            "张秀兰",
            "13059919620718002",
            "龙泉乡2023年土地征收补偿标准",
            "请提供龙泉乡2023年集体土地征收补偿安置方案及补偿标准。",
            chengguan,
        ),
        17,
        chengguan,
    )
    filed_letter(
        _person(
            "刘强",
            "13059919790101003",
            "2024年县级部门预算公开说明",
            "请提供2024年县财政局部门预算及“三公”经费预算说明。",
            finance,
        ),
        13,
        finance,
    )
    app, handler = filed_letter(
        _person(
            "陈静",
            "13059919900606004",
            "龙泉乡农村危房改造补助名单",
            "请提供2024年龙泉乡危房改造补助对象名单。",
            longquan,
        ),
        2,
        longquan,
    )
    services.request_correction(app, actor=handler, items="请说明所需名单对应的行政村，以便检索。",
                                deadline=workdays.add_workdays(workdays.today(), 10))  # fmt: skip
    app, handler = filed_letter(
        _person(
            "周涛",
            "13059919880909005",
            "城关镇某建设项目环评报告",
            "请提供城关镇工业园区某建设项目环境影响评价报告全文。",
            chengguan,
        ),
        4,
        chengguan,
    )
    services.ask_third_party(app, actor=handler, third_party="清河县新材料科技有限公司",
                             reason="报告含有企业工艺参数，可能涉及商业秘密。")  # fmt: skip
    app, handler = filed_letter(
        _person(
            "吴芳",
            "13059919750505006",
            "2024年县财政局政府采购合同",
            "请提供2024年财政局全部政府采购合同（共约200份）。",
            finance,
        ),
        9,
        finance,
    )
    services.request_extension(app, actor=handler, reason="申请涉及合同数量较多，需逐份审查是否含有商业秘密。")

    # Replied and closed.
    for name, id17, title, result, unit, extra in [
        ("郑伟", "13059919800202007", "2024年城关镇财政收支决算", Result.DISCLOSED, chengguan, {}),
        ("孙丽", "13059919700303008", "县政府常务会议讨论记录", Result.WITHHELD_PROCESS, finance, {}),
        ("马军", "13059919660404009", "某地块国有土地使用权出让合同", Result.UNAVAILABLE_NOT_HELD, chengguan,
         {"referral_agency": f"{land.name}（电话 {land.phone or '0319-0000000'}）"}),
    ]:  # fmt: skip
        app, handler = filed_letter(_person(name, id17, title, f"请提供{title}。", unit), 10, unit)
        services.draft_reply(app, actor=handler, result=result, text="经检索，情况说明如下。", **extra)
        services.approve_reply(app, actor=office)
    app, _ = filed_letter(
        _person(
            "冯雪",
            "13059919950808010",
            "城关镇垃圾中转站选址论证材料",
            "请提供城关镇垃圾中转站选址论证报告。",
            chengguan,
        ),
        6,
        chengguan,
    )
    services.withdraw(app, reason="已通过听证会获得相关材料。")
    stdout.write(
        f"依申请公开：已创建 {Application.objects.filter(info_title__endswith=DEMO_MARK).count()} 件示例申请。"
    )
