"""Update classes for the column tree the disclosure app creates (国办秘函〔2019〕19号: news columns within 2 weeks,
notices and policies within 6 months; personnel and plans yearly; static pages not checked). Each township's and
department's own news (乡镇动态, 部门动态) is checked per unit. The office changes any of them later."""

from django.db import migrations

NEWS, NOTICE, POLICY, PERSONNEL, PLANNING, NONE = "news", "notice", "policy", "personnel", "planning", "none"

CLASSES = {
    "zwyw": NEWS, "tzgg": NOTICE, "xzdt": NEWS, "bmdt": NEWS,
    "gz": POLICY, "gfxwj": POLICY, "qtwj": POLICY, "zcjd": POLICY,
    "gkzn": NONE, "gkzd": NONE, "ndbg": PLANNING,
    "fd-01": POLICY, "fd-02": NONE, "fd-03": PLANNING, "fd-04": NOTICE, "fd-05": NOTICE, "fd-06": NOTICE,
    "fd-07": PLANNING, "fd-08": PLANNING, "fd-09": NOTICE, "fd-10": NOTICE, "fd-11": NOTICE, "fd-12": PLANNING,
    "fd-13": NOTICE, "fd-14": PERSONNEL, "fd-15": NOTICE,
}  # fmt: skip
PER_UNIT = {"xzdt", "bmdt"}


def _class(slug: str, kind: str) -> str:
    if slug in CLASSES:
        return CLASSES[slug]
    if slug.startswith(("xj-", "xz-")):
        return NOTICE  # 条例 Art. 21 items: notices of the county's and the townships' public matters
    if slug.startswith("jc-"):
        return PLANNING  # the 26 domains' standard catalogues, revised yearly
    return {"news": NEWS, "catalogue": NOTICE}.get(kind, NONE)


def create_rules(apps, schema_editor):
    Column = apps.get_model("disclosure", "Column")
    ColumnRule = apps.get_model("inspection", "ColumnRule")
    for column in Column.objects.filter(kind__in=["news", "catalogue", "guide"]):
        ColumnRule.objects.get_or_create(
            column=column,
            defaults={"update_class": _class(column.slug, column.kind), "per_unit": column.slug in PER_UNIT},
        )


def remove_rules(apps, schema_editor):
    apps.get_model("inspection", "ColumnRule").objects.all().delete()


class Migration(migrations.Migration):
    dependencies = [("inspection", "0002_wording_dictionary"), ("disclosure", "0002_columns")]
    operations = [migrations.RunPython(create_rules, remove_rules)]
