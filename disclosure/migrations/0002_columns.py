"""Create the column tree: the news columns and the 「政府信息公开」 platform of 国办公开办函〔2019〕61号 with the
法定主动公开内容 of 条例 Art. 20-21 and the 26 基层政务公开 domains of 国办发〔2019〕54号 (REFERENCE §1, §3, §4).

The tree lives here (not imported from app code) so that the migration keeps meaning the same thing forever;
administrators edit columns in the admin afterwards."""

from django.db import migrations

OFFICE = ["office"]
TOWNSHIP = ["township"]
DEPARTMENTS = ["department", "agency", "institution"]
COUNTY_LEVEL = ["office", "department", "agency", "institution"]

ART20 = [
    "行政法规、规章和规范性文件",
    "机关职能、机构设置、办公地址、办公时间、联系方式、负责人姓名",
    "国民经济和社会发展规划、专项规划、区域规划及相关政策",
    "国民经济和社会发展统计信息",
    "行政许可和其他对外管理服务事项",
    "行政处罚、行政强制",
    "财政预算、决算信息",
    "行政事业性收费项目及其依据、标准",
    "政府集中采购项目的目录、标准及实施情况",
    "重大建设项目的批准和实施情况",
    "扶贫、教育、医疗、社会保障、促进就业等方面的政策、措施及其实施情况",
    "突发公共事件的应急预案、预警信息及应对情况",
    "环境保护、公共卫生、安全生产、食品药品、产品质量的监督检查情况",
    "公务员招考的职位、名额、报考条件等事项以及录用结果",
    "其他依法应当主动公开的政府信息",
]
ART21_COUNTY = ["市政建设", "公共服务", "公益事业", "土地征收", "房屋征收", "治安管理", "社会救助"]
ART21_TOWNSHIP = [
    "农业农村政策落实",
    "农田水利工程",
    "农村土地承包经营权流转",
    "宅基地使用审核",
    "土地征收",
    "房屋征收",
    "筹资筹劳",
    "社会救助",
]
DOMAINS_26 = [
    "重大建设项目", "公共资源交易", "财政预决算", "安全生产", "税收管理", "农村集体土地征收",
    "国有土地上房屋征收与补偿", "农村危房改造", "城市综合执法", "保障性住房", "市政服务", "城乡规划", "扶贫",
    "社会救助", "养老服务", "户籍管理", "涉农补贴", "卫生健康", "公共法律服务", "公共文化服务", "就业",
    "社会保险", "救灾", "生态环境", "食品药品监管", "义务教育",
]  # fmt: skip


def _tree():
    """(slug, name, kind, parent slug, extra fields) in creation order."""
    rows = [
        ("zwyw", "政务要闻", "news", None, {"publisher_kinds": OFFICE, "show_on_home": True}),
        ("tzgg", "通知公告", "news", None, {"show_on_home": True}),
        ("xzdt", "乡镇动态", "news", None, {"publisher_kinds": TOWNSHIP, "show_on_home": True}),
        ("bmdt", "部门动态", "news", None, {"publisher_kinds": DEPARTMENTS, "show_on_home": True}),
        ("xxgk", "政府信息公开", "section", None, {"description": "政府信息公开平台"}),
        ("zc", "政策", "section", "xxgk", {}),
        ("gz", "规章", "catalogue", "zc", {"publisher_kinds": OFFICE}),
        ("gfxwj", "行政规范性文件", "catalogue", "zc", {}),
        ("qtwj", "其他文件", "catalogue", "zc", {}),
        ("zcjd", "政策解读", "catalogue", "zc", {"is_interpretation": True, "show_on_home": True}),
        ("gkzn", "政府信息公开指南", "guide", "xxgk", {}),
        ("gkzd", "政府信息公开制度", "catalogue", "xxgk", {}),
        ("fdzdgk", "法定主动公开内容", "section", "xxgk", {}),
    ]
    rows += [(f"fd-{i:02d}", name, "catalogue", "fdzdgk", {}) for i, name in enumerate(ART20, 1)]
    rows.append(("xjzdgk", "县级政府重点公开（第二十一条）", "section", "fdzdgk", {}))
    rows += [
        (f"xj-{i:02d}", name, "catalogue", "xjzdgk", {"publisher_kinds": COUNTY_LEVEL})
        for i, name in enumerate(ART21_COUNTY, 1)
    ]
    rows.append(("xzzdgk", "乡镇政府重点公开（第二十一条）", "section", "fdzdgk", {}))
    rows += [
        (f"xz-{i:02d}", name, "catalogue", "xzzdgk", {"publisher_kinds": TOWNSHIP})
        for i, name in enumerate(ART21_TOWNSHIP, 1)
    ]
    rows.append(("ndbg", "政府信息公开工作年度报告", "catalogue", "xxgk", {}))
    rows.append(("jczwgk", "基层政务公开标准目录", "section", "xxgk", {"description": "26个试点领域"}))
    rows += [(f"jc-{i:02d}", f"{name}领域", "catalogue", "jczwgk", {}) for i, name in enumerate(DOMAINS_26, 1)]
    return rows


def create_columns(apps, schema_editor):
    Column = apps.get_model("disclosure", "Column")
    by_slug = {}
    for order, (slug, name, kind, parent, extra) in enumerate(_tree(), 1):
        fields = {
            "name": name,
            "kind": kind,
            "parent": by_slug.get(parent),
            "order": order * 10,
            "carries_metadata": kind in ("catalogue", "section", "guide") and slug != "zwyw",
            **extra,
        }
        by_slug[slug], _ = Column.objects.get_or_create(slug=slug, defaults=fields)


def remove_columns(apps, schema_editor):
    Column = apps.get_model("disclosure", "Column")
    for slug, *_ in reversed(_tree()):
        Column.objects.filter(slug=slug, documents__isnull=True).delete()


class Migration(migrations.Migration):
    dependencies = [("disclosure", "0001_initial")]
    operations = [migrations.RunPython(create_columns, remove_columns)]
