"""Demo data for the foundation: a believable (fictional) county — 清河县 — with its government office, 12 townships,
22 departments and 2 other units, a user for every role, and the site profile.

Idempotent: rows are found by name (units) or username (users) and left alone when present, so a second run
changes nothing. Passwords are demo values, printed by ``manage.py seed_demo`` and listed in the README."""

from __future__ import annotations

import csv
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from django.contrib.auth.hashers import make_password
from django.contrib.auth.models import Group
from django.db import transaction

from portal.models import Leader, Organization, Role, SiteProfile, User
from portal.validators import org_code_check_char, uscc_check_char

COUNTY = "清河县"
# A fictional county-level division code (6 digits: province 13, prefecture 05, county 99 — unused).
REGION_CODE = "130599"
AREA_CODE = "0319"
POSTCODE = "054899"
DEMO_PASSWORD = "Qinghe@2025"  # noqa: S105 - a published demo password, never used outside demo data
OFFICE_HOURS = "周一至周五 上午8:30—12:00，下午14:30—17:30（法定节假日除外）"

OFFICE_NAME = f"{COUNTY}人民政府办公室"


def uscc(category: str, serial: int) -> str:
    """A valid 统一社会信用代码: 2-char category (11 机关, 12 事业单位) + region code + a valid 9-char organisation
    code (8 characters + its check character) + the USCC check character."""
    body = f"{serial:08d}"
    first17 = f"{category}{REGION_CODE}{body}{org_code_check_char(body)}"
    return first17 + uscc_check_char(first17)


@dataclass(frozen=True)
class Unit:
    name: str
    short_name: str
    kind: str
    head_name: str
    address: str
    duties: str
    category: str = "11"


# The units (office first, then the townships, departments and other units) are data: fixtures/demo_units.csv. An
# empty duties cell is a township's, the same for all twelve.
UNITS_FILE = Path(__file__).resolve().parent.parent / "fixtures" / "demo_units.csv"
_TOWNSHIP_DUTIES = (
    "贯彻执行党和国家的路线方针政策及上级决定，负责本行政区域内的经济发展、农业农村、社会事业、"
    "社会治理、生态环境保护、安全生产和基层政权建设等工作；办理上级人民政府交办的其他事项。"
)


@dataclass(frozen=True)
class DemoUser:
    username: str
    last_name: str
    first_name: str
    unit: str
    role: str
    principal: bool = False
    admin: bool = False


DEMO_USERS = [
    DemoUser("admin", "系统", "管理员", OFFICE_NAME, Role.ADMIN, admin=True),
    DemoUser("gongkai1", "林", "晓梅", OFFICE_NAME, Role.OFFICE),
    DemoUser("gongkai2", "秦", "浩", OFFICE_NAME, Role.OFFICE),
    DemoUser("chengguan_officer", "杨", "帆", "城关镇人民政府", Role.OFFICER),
    DemoUser("chengguan_reviewer", "朱", "红梅", "城关镇人民政府", Role.REVIEWER),
    DemoUser("chengguan_leader", "张", "国华", "城关镇人民政府", Role.LEADER, principal=True),
    DemoUser("chengguan_leader2", "黄", "志明", "城关镇人民政府", Role.LEADER),
    DemoUser("longquan_officer", "田", "雨", "龙泉乡人民政府", Role.OFFICER),
    DemoUser("longquan_reviewer", "胡", "建业", "龙泉乡人民政府", Role.REVIEWER),
    DemoUser("longquan_leader", "吴", "春燕", "龙泉乡人民政府", Role.LEADER, principal=True),
    DemoUser("caizheng_officer", "孔", "令文", "县财政局", Role.OFFICER),
    DemoUser("caizheng_reviewer", "邱", "桂芳", "县财政局", Role.REVIEWER),
    DemoUser("caizheng_leader", "韩", "秀英", "县财政局", Role.LEADER, principal=True),
    DemoUser("shichang_officer", "蒋", "文静", "县市场监督管理局", Role.OFFICER),
    DemoUser("shichang_reviewer", "沈", "立群", "县市场监督管理局", Role.REVIEWER),
    DemoUser("shichang_leader", "曹", "建平", "县市场监督管理局", Role.LEADER, principal=True),
    DemoUser("renshe_officer", "袁", "晓琳", "县人力资源和社会保障局", Role.OFFICER),
    DemoUser("renshe_reviewer", "邓", "海波", "县人力资源和社会保障局", Role.REVIEWER),
    DemoUser("renshe_leader", "许", "振东", "县人力资源和社会保障局", Role.LEADER, principal=True),
    DemoUser("minzheng_officer", "傅", "玉兰", "县民政局", Role.OFFICER),
    DemoUser("minzheng_reviewer", "彭", "国强", "县民政局", Role.REVIEWER),
    DemoUser("minzheng_leader", "吕", "淑珍", "县民政局", Role.LEADER, principal=True),
]

SITE_PROFILE = {
    "county_name": COUNTY,
    "site_name": f"{COUNTY}人民政府",
    "site_domain": "www.qinghe.example.gov.cn",
    "sponsor": OFFICE_NAME,
    "contact_address": f"{COUNTY}人民路88号",
    "contact_phone": f"{AREA_CODE}-8123001",
    "contact_email": "zwgk@qinghe.example.gov.cn",
    "site_id_code": f"{REGION_CODE}0001",
    "icp_number": "冀ICP备05012345号",
    "police_number": "冀公网安备 13059902000001号",
    "police_number_link": "https://www.beian.gov.cn/portal/registerSystemInfo?recordcode=13059902000001",
    "description": f"{COUNTY}人民政府门户网站：政务要闻、政府信息公开、依申请公开、政民互动、政务新媒体。",
    "keywords": f"{COUNTY},人民政府,政府信息公开,依申请公开,政民互动",
    "welcome_message": f"{COUNTY}欢迎您！查政策、办事情、提建议，都可以在这里找到入口。",
    "conac_link": "https://bszs.conac.cn/sitename?method=show&id=130599000001",
}


def _full_name(unit: Unit) -> str:
    return (
        unit.name
        if unit.name.startswith(COUNTY) or unit.kind == Organization.Kind.TOWNSHIP
        else unit.name.replace("县", COUNTY, 1)
    )


@cache
def all_units() -> tuple[Unit, ...]:
    with UNITS_FILE.open(encoding="utf-8", newline="") as rows:
        return tuple(Unit(**{**row, "duties": row["duties"] or _TOWNSHIP_DUTIES}) for row in csv.DictReader(rows))


def _seed_units(stdout) -> dict[str, Organization]:
    office = None
    created = 0
    by_name: dict[str, Organization] = {}
    for order, unit in enumerate(all_units(), start=1):
        is_office = order == 1
        name = _full_name(unit)
        defaults = {
            "short_name": unit.short_name,
            "kind": unit.kind,
            "code": uscc(unit.category, 10_000_000 + order * 1_031),
            "parent": None if is_office else office,
            "address": unit.address if unit.address.startswith(COUNTY) else f"{COUNTY}{unit.address}",
            "postcode": POSTCODE,
            "office_hours": OFFICE_HOURS,
            "phone": f"{AREA_CODE}-81{order:02d}{order * 7 % 100:02d}1",
            "fax": f"{AREA_CODE}-81{order:02d}{order * 7 % 100:02d}2",
            "head_name": unit.head_name,
            "duties": unit.duties,
            "order": order * 10,
        }
        org, was_created = Organization.objects.get_or_create(name=name, defaults=defaults)
        created += was_created
        by_name[unit.name] = org
        if is_office:
            office = org
    stdout.write(f"单位：新建 {created} 个，已有 {len(by_name) - created} 个。")
    return by_name


def _seed_users(stdout, units: dict[str, Organization]) -> None:
    groups = {g.name: g for g in Group.objects.filter(name__in=Role.values)}
    # Hashing is deliberately slow; one hash serves every demo login (they share the published demo password).
    password_hash = make_password(DEMO_PASSWORD)
    created = 0
    for demo in DEMO_USERS:
        if User.objects.filter(username=demo.username).exists():
            continue
        user = User(
            username=demo.username,
            last_name=demo.last_name,
            first_name=demo.first_name,
            organization=units[demo.unit],
            is_principal_leader=demo.principal,
            is_staff=demo.admin,
            is_superuser=demo.admin,
            email=f"{demo.username}@qinghe.example.gov.cn",
        )
        user.password = password_hash
        user.save()
        user.groups.set([groups[demo.role]])
        created += 1
    stdout.write(f"用户：新建 {created} 个，已有 {len(DEMO_USERS) - created} 个。")


def _seed_site_profile(stdout) -> None:
    profile = SiteProfile.get()
    default_name = SiteProfile._meta.get_field("site_name").default
    if profile.site_name != default_name:
        stdout.write(f"网站信息：已设置（{profile.site_name}），未改动。")
        return
    for field, value in SITE_PROFILE.items():
        setattr(profile, field, value)
    profile.save()
    stdout.write(f"网站信息：已设置为「{profile.site_name}」。")


def _head_post(unit: Unit) -> str:
    """The head's post as the unit writes it: 镇长 / 乡长, 局长, 主任 (office, commission, centre)."""
    if unit.kind == Organization.Kind.TOWNSHIP:
        return "乡长" if unit.short_name.endswith("乡") else "镇长"
    return "局长" if unit.name.endswith("局") else "主任"


# Deputies beside the heads, for the units whose staff the demo logs in as (unit name, name, post, duties).
DEPUTIES = [
    ("城关镇人民政府", "黄志明", "副镇长", "分管农业农村、水利和林业工作"),
    ("龙泉乡人民政府", "胡建业", "副乡长", "分管社会事业和政务公开工作"),
    ("县财政局", "邱桂芳", "副局长", "分管预算和国库工作"),
]


def _seed_leaders(stdout, units: dict[str, Organization]) -> None:
    """领导信息 (the 机构 pages show it; the wording check reads it): each unit's head from its row, a few deputies."""
    rows = [(unit.name, unit.head_name, _head_post(unit), "主持全面工作") for unit in all_units()] + DEPUTIES
    created = 0
    for order, (unit_name, name, post, duties) in enumerate(rows, start=1):
        _, was_created = Leader.objects.get_or_create(
            organization=units[unit_name], name=name, post=post, defaults={"duties": duties, "order": order}
        )
        created += was_created
    stdout.write(f"领导信息：新建 {created} 条。")


@transaction.atomic
def seed(stdout) -> None:
    units = _seed_units(stdout)
    _seed_users(stdout, units)
    _seed_leaders(stdout, units)
    _seed_site_profile(stdout)


def users_table() -> str:
    """The demo logins as a Markdown table (printed by seed_demo; copied into the README)."""
    lines = ["| 用户名 | 密码 | 角色 | 单位 | 姓名 |", "| --- | --- | --- | --- | --- |"]
    for demo in DEMO_USERS:
        role = demo.role + ("（主要领导）" if demo.principal else "") + ("，超级用户" if demo.admin else "")
        unit = _full_name(next(u for u in all_units() if u.name == demo.unit))
        lines.append(f"| {demo.username} | {DEMO_PASSWORD} | {role} | {unit} | {demo.last_name}{demo.first_name} |")
    return "\n".join(lines)
