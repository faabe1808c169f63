"""The 公开方式, 有效性, 主题分类 and 体裁 choices name their Chinese value as the label."""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("disclosure", "0004_column_requires_doc_number"),
    ]

    operations = [
        migrations.AlterField(
            model_name="document",
            name="disclosure_method",
            field=models.CharField(
                choices=[("主动公开", "主动公开"), ("依申请公开", "依申请公开"), ("不予公开", "不予公开")],
                default="主动公开",
                max_length=10,
                verbose_name="公开方式",
            ),
        ),
        migrations.AlterField(
            model_name="document",
            name="genre",
            field=models.CharField(
                blank=True,
                choices=[
                    ("决议", "决议"),
                    ("决定", "决定"),
                    ("命令（令）", "命令（令）"),
                    ("公报", "公报"),
                    ("公告", "公告"),
                    ("通告", "通告"),
                    ("意见", "意见"),
                    ("通知", "通知"),
                    ("通报", "通报"),
                    ("报告", "报告"),
                    ("请示", "请示"),
                    ("批复", "批复"),
                    ("议案", "议案"),
                    ("函", "函"),
                    ("纪要", "纪要"),
                    ("其他", "其他"),
                ],
                max_length=10,
                verbose_name="体裁",
            ),
        ),
        migrations.AlterField(
            model_name="document",
            name="topic",
            field=models.CharField(
                blank=True,
                choices=[
                    ("综合政务", "综合政务"),
                    ("国民经济管理、国有资产监管", "国民经济管理、国有资产监管"),
                    ("财政、金融、审计", "财政、金融、审计"),
                    ("国土资源、能源", "国土资源、能源"),
                    ("农业、林业、水利", "农业、林业、水利"),
                    ("工业、交通", "工业、交通"),
                    ("商贸、海关、旅游", "商贸、海关、旅游"),
                    ("市场监管、安全生产监管", "市场监管、安全生产监管"),
                    ("城乡建设、环境保护", "城乡建设、环境保护"),
                    ("科技、教育", "科技、教育"),
                    ("文化、广电、新闻出版", "文化、广电、新闻出版"),
                    ("卫生、体育", "卫生、体育"),
                    ("人口与计划生育、妇女儿童工作", "人口与计划生育、妇女儿童工作"),
                    ("劳动、人事、监察", "劳动、人事、监察"),
                    ("公安、安全、司法", "公安、安全、司法"),
                    ("民政、扶贫、救灾", "民政、扶贫、救灾"),
                    ("民族、宗教", "民族、宗教"),
                    ("对外事务", "对外事务"),
                    ("港澳台侨工作", "港澳台侨工作"),
                    ("国防", "国防"),
                    ("其他", "其他"),
                ],
                max_length=30,
                verbose_name="主题分类",
            ),
        ),
        migrations.AlterField(
            model_name="document",
            name="validity",
            field=models.CharField(
                choices=[("有效", "有效"), ("失效", "失效"), ("废止", "废止")],
                default="有效",
                max_length=4,
                verbose_name="有效性",
            ),
        ),
    ]
