"""Complete the catalogue the county rules name: the columns the tree lacked (权责清单, 规范性文件清理结果,
人大建议和政协提案办理, 政府常务会议, 审计结果公告, 干部任免), the full wording of 条例 Art. 20 items (五) and (六),
国土空间规划 as the name of the 城乡规划 domain since the 2021 reform of spatial planning, and a document listed in
more than one column without a second copy (Document.also_listed_in).

As in 0002, the names live here so that the migration keeps meaning the same thing; a column an administrator
removed is not brought back, one they renamed is not renamed again."""

from django.db import migrations, models

OFFICE = ["office"]
COUNTY_LEVEL = ["office", "department", "agency", "institution"]

# (slug, name, parent slug, the sibling it follows, publisher kinds)
NEW_COLUMNS = [
    ("qzqd", "权责清单", "fdzdgk", "fd-02", []),
    ("gfxwjql", "规范性文件清理结果", "zc", "gfxwj", []),
    ("sjjggg", "审计结果公告", "fdzdgk", "fd-07", COUNTY_LEVEL),
    ("gbrm", "干部任免", "fdzdgk", "fd-14", COUNTY_LEVEL),
    ("cwhy", "政府常务会议", "fdzdgk", "fd-15", OFFICE),
    ("rdjyzxta", "人大建议和政协提案办理", "fdzdgk", "fd-15", COUNTY_LEVEL),
]
# (slug, the old name, the new name, the new description)
RENAMED = [
    (
        "fd-05",
        "行政许可和其他对外管理服务事项",
        "办理行政许可和其他对外管理服务事项的依据、条件、程序以及办理结果",
        "条例第二十条第（五）项",
    ),
    (
        "fd-06",
        "行政处罚、行政强制",
        "实施行政处罚、行政强制的依据、条件、程序以及本行政机关认为具有一定社会影响的行政处罚决定",
        "条例第二十条第（六）项",
    ),
    ("jc-12", "城乡规划领域", "国土空间规划领域", "原城乡规划领域（2021年起称国土空间规划）"),
]


def complete(apps, schema_editor):
    Column = apps.get_model("disclosure", "Column")
    for slug, old, new, description in RENAMED:
        Column.objects.filter(slug=slug, name=old).update(name=new, description=description)
    for slug, name, parent_slug, after, kinds in NEW_COLUMNS:
        parent = Column.objects.filter(slug=parent_slug).first()
        if parent is None:
            continue
        sibling = Column.objects.filter(slug=after).first()
        Column.objects.get_or_create(
            slug=slug,
            defaults={
                "name": name,
                "parent": parent,
                "kind": "catalogue",
                "carries_metadata": True,
                "publisher_kinds": kinds,
                # Same order as the sibling: ties sort by id, so the new column comes right after it.
                "order": sibling.order if sibling else parent.order,
            },
        )


def undo(apps, schema_editor):
    Column = apps.get_model("disclosure", "Column")
    for slug, *_ in NEW_COLUMNS:
        Column.objects.filter(slug=slug, documents__isnull=True).delete()
    for slug, old, new, _description in RENAMED:
        Column.objects.filter(slug=slug, name=new).update(name=old, description="")


class Migration(migrations.Migration):
    dependencies = [
        ("disclosure", "0008_interpretation_with_policy"),
    ]

    operations = [
        migrations.AddField(
            model_name="document",
            name="also_listed_in",
            field=models.ManyToManyField(
                blank=True,
                help_text="同一文件需要在其他栏目中同时显示时选择（不必重复发布）。",
                related_name="also_listed",
                to="disclosure.column",
                verbose_name="同时列入栏目",
            ),
        ),
        migrations.RunPython(complete, undo),
    ]
