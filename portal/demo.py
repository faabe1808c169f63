"""Demo data for the foundation: a believable (fictional) county — 清河县 — with its government office, 12 townships,
22 departments and 2 other units, a user for every role, and the site profile.

Idempotent: rows are found by name (units) or username (users) and left alone when present, so a second run
changes nothing. Passwords are demo values, printed by ``manage.py seed_demo`` and listed in the README."""

from __future__ import annotations

from dataclasses import dataclass

from django.contrib.auth.hashers import make_password
from django.contrib.auth.models import Group
from django.db import transaction

from portal.models import Organization, Role, SiteProfile, User
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


_TOWNSHIP_DUTIES = (
    "贯彻执行党和国家的路线方针政策及上级决定，负责本行政区域内的经济发展、农业农村、社会事业、"
    "社会治理、生态环境保护、安全生产和基层政权建设等工作；办理上级人民政府交办的其他事项。"
)

OFFICE = Unit(
    OFFICE_NAME,
    "县政府办",
    Organization.Kind.COUNTY_OFFICE,
    "刘志远",
    f"{COUNTY}人民路88号县政府大院",
    "负责县政府日常运转和政务服务工作；承担县政府文电、会务、督查、信息、政务公开、电子政务、"
    "政府网站和政务新媒体的监督管理工作；办理政民互动留言的受理、交办和督办。",
)

TOWNSHIPS = [
    Unit(
        "城关镇人民政府", "城关镇", Organization.Kind.TOWNSHIP, "张国华", f"{COUNTY}城关镇解放路12号", _TOWNSHIP_DUTIES
    ),
    Unit(
        "河西镇人民政府",
        "河西镇",
        Organization.Kind.TOWNSHIP,
        "李建军",
        f"{COUNTY}河西镇河西大街36号",
        _TOWNSHIP_DUTIES,
    ),
    Unit(
        "柳林镇人民政府", "柳林镇", Organization.Kind.TOWNSHIP, "王海涛", f"{COUNTY}柳林镇柳林街8号", _TOWNSHIP_DUTIES
    ),
    Unit(
        "石桥镇人民政府", "石桥镇", Organization.Kind.TOWNSHIP, "赵明亮", f"{COUNTY}石桥镇桥东路21号", _TOWNSHIP_DUTIES
    ),
    Unit(
        "青山镇人民政府", "青山镇", Organization.Kind.TOWNSHIP, "陈立新", f"{COUNTY}青山镇青山路5号", _TOWNSHIP_DUTIES
    ),
    Unit(
        "白马镇人民政府", "白马镇", Organization.Kind.TOWNSHIP, "孙志刚", f"{COUNTY}白马镇中心街18号", _TOWNSHIP_DUTIES
    ),
    Unit(
        "双河镇人民政府",
        "双河镇",
        Organization.Kind.TOWNSHIP,
        "周文斌",
        f"{COUNTY}双河镇双河大道66号",
        _TOWNSHIP_DUTIES,
    ),
    Unit(
        "龙泉乡人民政府",
        "龙泉乡",
        Organization.Kind.TOWNSHIP,
        "吴春燕",
        f"{COUNTY}龙泉乡龙泉村委会东侧",
        _TOWNSHIP_DUTIES,
    ),
    Unit(
        "杏花乡人民政府", "杏花乡", Organization.Kind.TOWNSHIP, "郑晓东", f"{COUNTY}杏花乡杏花街9号", _TOWNSHIP_DUTIES
    ),
    Unit(
        "梨园乡人民政府", "梨园乡", Organization.Kind.TOWNSHIP, "冯丽娟", f"{COUNTY}梨园乡梨园路2号", _TOWNSHIP_DUTIES
    ),
    Unit(
        "马家庄乡人民政府",
        "马家庄乡",
        Organization.Kind.TOWNSHIP,
        "何永强",
        f"{COUNTY}马家庄乡政府街1号",
        _TOWNSHIP_DUTIES,
    ),
    Unit(
        "东岗乡人民政府",
        "东岗乡",
        Organization.Kind.TOWNSHIP,
        "罗振宇",
        f"{COUNTY}东岗乡东岗大街27号",
        _TOWNSHIP_DUTIES,
    ),
]

_D = Organization.Kind.DEPARTMENT
DEPARTMENTS = [
    Unit(
        "县发展和改革局",
        "发改局",
        _D,
        "高建设",
        "人民路90号",
        "拟订并组织实施全县国民经济和社会发展规划，统筹推进经济体制改革，负责固定资产投资项目审批、核准、备案和价格管理工作。",
    ),
    Unit(
        "县财政局",
        "财政局",
        _D,
        "韩秀英",
        "人民路102号",
        "负责全县财政收支、财政预算编制与执行、政府采购、国有资产和政府债务管理，组织实施预算公开工作。",
    ),
    Unit(
        "县教育局",
        "教育局",
        _D,
        "马国庆",
        "文化路15号",
        "负责全县各级各类教育的统筹规划和协调管理，推进义务教育均衡发展，负责招生考试、教师队伍建设和学校安全工作。",
    ),
    Unit(
        "县公安局",
        "公安局",
        _D,
        "曹卫东",
        "建设大街120号",
        "负责全县治安管理、刑事侦查、户籍和出入境管理、道路交通安全管理等工作，维护社会稳定。",
    ),
    Unit(
        "县民政局",
        "民政局",
        _D,
        "许淑芬",
        "建设大街56号",
        "负责社会救助、养老服务、儿童福利、婚姻登记、殡葬管理、社会组织登记管理和区划地名工作。",
    ),
    Unit(
        "县人力资源和社会保障局",
        "人社局",
        _D,
        "邓宏伟",
        "建设大街58号",
        "负责就业创业、社会保险、人才人事、劳动关系和劳动保障监察工作，组织实施公务员和事业单位人员管理政策。",
    ),
    Unit(
        "县自然资源局",
        "自然资源局",
        _D,
        "彭振华",
        "新华路33号",
        "负责自然资源调查监测、确权登记、国土空间规划和用途管制、耕地保护及不动产登记工作。",
    ),
    Unit(
        "县生态环境分局",
        "生态环境分局",
        _D,
        "曾慧敏",
        "新华路41号",
        "负责全县生态环境监督管理，组织大气、水、土壤污染防治和环境执法，承担建设项目环境影响评价审批工作。",
    ),
    Unit(
        "县住房和城乡建设局",
        "住建局",
        _D,
        "蒋德明",
        "新华路25号",
        "负责住房保障、城乡建设、建筑市场和工程质量安全监管、房地产市场监管和城市管理工作。",
    ),
    Unit(
        "县交通运输局",
        "交通运输局",
        _D,
        "谢长青",
        "迎宾路8号",
        "负责全县公路、水路交通行业管理，组织农村公路建设养护和道路运输管理工作。",
    ),
    Unit(
        "县水利局",
        "水利局",
        _D,
        "董红军",
        "滨河路16号",
        "负责水资源管理和保护、水利工程建设与管理、防汛抗旱、农村饮水安全和河湖长制日常工作。",
    ),
    Unit(
        "县农业农村局",
        "农业农村局",
        _D,
        "潘玉兰",
        "迎宾路20号",
        "负责乡村振兴、农业产业发展、粮食生产、农产品质量安全、农村改革和农民合作社指导工作。",
    ),
    Unit(
        "县商务局",
        "商务局",
        _D,
        "袁志强",
        "商贸街6号",
        "负责内外贸易、招商引资、电子商务和市场体系建设，组织实施消费促进和对外经济合作工作。",
    ),
    Unit(
        "县文化旅游体育广电局",
        "文旅体广局",
        _D,
        "杜春梅",
        "文化路22号",
        "负责文化事业、旅游产业、全民健身和广播电视管理，承担文物保护和文化市场综合执法工作。",
    ),
    Unit(
        "县卫生健康委员会",
        "卫健委",
        _D,
        "苏建平",
        "健康路9号",
        "负责公共卫生、医疗服务、疾病预防控制、妇幼健康、计划生育和爱国卫生工作。",
    ),
    Unit(
        "县应急管理局",
        "应急管理局",
        _D,
        "程立军",
        "建设大街88号",
        "负责应急管理、安全生产综合监管、防灾减灾救灾和应急救援工作，组织编制全县应急预案。",
    ),
    Unit(
        "县审计局",
        "审计局",
        _D,
        "魏淑华",
        "人民路106号",
        "负责对全县财政收支、财务收支和经济责任进行审计监督，向县政府报告审计结果并依法公告。",
    ),
    Unit(
        "县市场监督管理局",
        "市场监管局",
        _D,
        "沈国强",
        "商贸街18号",
        "负责市场主体登记、食品药品安全、产品质量、计量标准、知识产权和市场秩序监督管理工作。",
    ),
    Unit(
        "县统计局",
        "统计局",
        _D,
        "卢晓光",
        "人民路110号",
        "负责全县统计调查、统计数据发布和国民经济核算工作，组织实施各项普查。",
    ),
    Unit(
        "县医疗保障局",
        "医保局",
        _D,
        "姜丽华",
        "健康路15号",
        "负责医疗保险、生育保险、医疗救助和医药价格管理，监督管理医保基金使用。",
    ),
    Unit(
        "县林业和草原局",
        "林草局",
        _D,
        "崔建新",
        "滨河路30号",
        "负责林业和草原资源保护与发展、国土绿化、森林防火和野生动植物保护工作。",
    ),
    Unit(
        "县信访局",
        "信访局",
        _D,
        "钟平安",
        "人民路96号",
        "负责受理群众来信来访和网上信访，交办、转送、督办信访事项，分析研判信访形势。",
    ),
]

OTHER_UNITS = [
    Unit(
        "县经济开发区管理委员会",
        "开发区管委会",
        Organization.Kind.AGENCY,
        "石海龙",
        "开发区科创大道1号",
        "负责开发区规划建设、招商引资、企业服务和园区日常管理工作。",
    ),
    Unit(
        "县融媒体中心",
        "融媒体中心",
        Organization.Kind.INSTITUTION,
        "方雅琴",
        "文化路30号",
        "负责全县新闻宣传、政务新媒体内容生产与发布、广播电视节目制作播出工作。",
        category="12",
    ),
]


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
}


def _full_name(unit: Unit) -> str:
    return (
        unit.name
        if unit.name.startswith(COUNTY) or unit.kind == Organization.Kind.TOWNSHIP
        else unit.name.replace("县", COUNTY, 1)
    )


def all_units() -> list[Unit]:
    return [OFFICE, *TOWNSHIPS, *DEPARTMENTS, *OTHER_UNITS]


def _seed_units(stdout) -> dict[str, Organization]:
    office = None
    created = 0
    by_name: dict[str, Organization] = {}
    for order, unit in enumerate(all_units(), start=1):
        name = _full_name(unit)
        defaults = {
            "short_name": unit.short_name,
            "kind": unit.kind,
            "code": uscc(unit.category, 10_000_000 + order * 1_031),
            "parent": None if unit is OFFICE else office,
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
        if unit is OFFICE:
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


@transaction.atomic
def seed(stdout) -> None:
    units = _seed_units(stdout)
    _seed_users(stdout, units)
    _seed_site_profile(stdout)


def users_table() -> str:
    """The demo logins as a Markdown table (printed by seed_demo; copied into the README)."""
    lines = ["| 用户名 | 密码 | 角色 | 单位 | 姓名 |", "| --- | --- | --- | --- | --- |"]
    for demo in DEMO_USERS:
        role = demo.role + ("（主要领导）" if demo.principal else "") + ("，超级用户" if demo.admin else "")
        unit = _full_name(next(u for u in all_units() if u.name == demo.unit))
        lines.append(f"| {demo.username} | {DEMO_PASSWORD} | {role} | {unit} | {demo.last_name}{demo.first_name} |")
    return "\n".join(lines)
