"""The starter 错敏 dictionary: errors common in official texts, which administrators extend in the admin.

Serious errors are those the national website check fails outright once published: the country's and the Party's
names written wrong, and forms of address that deny the one-China principle. Outdated organ names are only
warnings: an old document rightly names the organ of its day."""

from django.db import migrations

# (wrong, correct, kind, serious, note)
RULES = [
    # 国家和党的名称及规范表述
    ("中华人民共合国", "中华人民共和国", "name", True, "国名错字"),
    ("中华人民共和囯", "中华人民共和国", "name", True, "国名错字"),
    ("中华人名共和国", "中华人民共和国", "name", True, "国名错字"),
    ("中国共产觉", "中国共产党", "name", True, "党名错字"),
    ("中国共产堂", "中国共产党", "name", True, "党名错字"),
    ("中国共产当", "中国共产党", "name", True, "党名错字"),
    ("社会注意", "社会主义", "name", True, ""),
    ("社会主意", "社会主义", "name", True, ""),
    ("共产主意", "共产主义", "name", True, ""),
    ("台湾政府", "台湾当局", "name", True, "不得称台湾地区政权为政府"),
    ("台湾总统", "台湾地区领导人", "name", True, "不得使用“总统”称谓"),
    ("中华民国", "台湾地区", "name", True, "对1949年以后的台湾地区政权不得使用此称谓"),
    ("中共中央国务院", "中共中央、国务院", "name", False, "并列机关名称之间用顿号"),
    ("党中央国务院", "党中央、国务院", "name", False, "并列机关名称之间用顿号"),
    ("大陆和香港", "内地和香港", "name", False, "与港澳并称时用“内地”"),
    ("香港政府", "香港特别行政区政府", "name", False, ""),
    ("澳门政府", "澳门特别行政区政府", "name", False, ""),
    # 固定用语
    ("再接再励", "再接再厉", "phrase", False, ""),
    ("一愁莫展", "一筹莫展", "phrase", False, ""),
    ("迫不急待", "迫不及待", "phrase", False, ""),
    ("不径而走", "不胫而走", "phrase", False, ""),
    ("默守成规", "墨守成规", "phrase", False, ""),
    ("谈笑风声", "谈笑风生", "phrase", False, ""),
    ("精兵减政", "精兵简政", "phrase", False, ""),
    ("直接了当", "直截了当", "phrase", False, ""),
    ("一股作气", "一鼓作气", "phrase", False, ""),
    ("既往不究", "既往不咎", "phrase", False, ""),
    ("走头无路", "走投无路", "phrase", False, ""),
    ("出奇不意", "出其不意", "phrase", False, ""),
    ("按步就班", "按部就班", "phrase", False, ""),
    ("美仑美奂", "美轮美奂", "phrase", False, ""),
    ("山青水秀", "山清水秀", "phrase", False, ""),
    ("穿流不息", "川流不息", "phrase", False, ""),
    ("甘败下风", "甘拜下风", "phrase", False, ""),
    ("人才挤挤", "人才济济", "phrase", False, ""),
    ("截止到", "截至", "phrase", False, "表示时间点用“截至”"),
    ("截止目前", "截至目前", "phrase", False, "表示时间点用“截至”"),
    # 错别字
    ("按装", "安装", "typo", False, ""),
    ("既使", "即使", "typo", False, ""),
    ("震憾", "震撼", "typo", False, ""),
    ("松驰", "松弛", "typo", False, ""),
    ("针贬", "针砭", "typo", False, ""),
    ("凭添", "平添", "typo", False, ""),
    ("布署", "部署", "typo", False, ""),
    ("渡假", "度假", "typo", False, ""),
    ("幅射", "辐射", "typo", False, ""),
    ("追朔", "追溯", "typo", False, ""),
    ("气慨", "气概", "typo", False, ""),
    ("寒喧", "寒暄", "typo", False, ""),
    ("国藉", "国籍", "typo", False, ""),
    ("部份", "部分", "typo", False, ""),
    ("帐户", "账户", "typo", False, "涉及钱款用“账”"),
    ("帐号", "账号", "typo", False, "涉及钱款用“账”"),
    # 过时机构名称 (2018 and 2021 reforms)
    ("国家工商行政管理总局", "国家市场监督管理总局", "organ", False, "2018年机构改革后"),
    ("国家质量监督检验检疫总局", "国家市场监督管理总局", "organ", False, "2018年机构改革后"),
    ("国家食品药品监督管理总局", "国家市场监督管理总局", "organ", False, "2018年机构改革后"),
    ("国家卫生和计划生育委员会", "国家卫生健康委员会", "organ", False, "2018年机构改革后"),
    ("国家卫生计生委", "国家卫生健康委", "organ", False, "2018年机构改革后"),
    ("卫生计生局", "卫生健康局", "organ", False, "2018年机构改革后"),
    ("国土资源部", "自然资源部", "organ", False, "2018年机构改革后"),
    ("国土资源局", "自然资源局", "organ", False, "2018年机构改革后"),
    ("环境保护部", "生态环境部", "organ", False, "2018年机构改革后"),
    ("环境保护局", "生态环境局", "organ", False, "2018年机构改革后"),
    ("安全生产监督管理局", "应急管理局", "organ", False, "2018年机构改革后"),
    ("国家旅游局", "文化和旅游部", "organ", False, "2018年机构改革后"),
    ("工商行政管理局", "市场监督管理局", "organ", False, "2018年机构改革后"),
    ("质量技术监督局", "市场监督管理局", "organ", False, "2018年机构改革后"),
    ("地方税务局", "税务局", "organ", False, "2018年国税地税征管体制改革后"),
    ("公安消防大队", "消防救援大队", "organ", False, "2018年消防体制改革后"),
    ("扶贫开发办公室", "乡村振兴局", "organ", False, "2021年机构改革后"),
]


def create_rules(apps, schema_editor):
    WordingRule = apps.get_model("inspection", "WordingRule")
    for wrong, correct, kind, serious, note in RULES:
        WordingRule.objects.get_or_create(
            wrong=wrong, defaults={"correct": correct, "kind": kind, "is_serious": serious, "note": note}
        )


def remove_rules(apps, schema_editor):
    apps.get_model("inspection", "WordingRule").objects.filter(wrong__in=[r[0] for r in RULES]).delete()


class Migration(migrations.Migration):
    dependencies = [("inspection", "0001_initial")]
    operations = [migrations.RunPython(create_rules, remove_rules)]
