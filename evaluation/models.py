"""The site's own visit counts, the monthly 通报, the yearly 考核 and the 网站工作年度报表.

Figures are computed from the other apps' data through their selectors and kept on each row as a snapshot (JSON): a
通报 says what the units were told, a finalised 考核 what each unit scored, a published 年度报表 what was published,
even if a late edit of the underlying data would give another figure today."""

from __future__ import annotations

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse

from portal.models import HistoryRecord, Organization

# --- Visits


class DailyVisits(models.Model):
    """The whole site on one day: page views and unique visitors (a visitor is an address and browser on that day;
    the daily salt means the same person on two days counts twice, and nothing can link them)."""

    day = models.DateField("日期", unique=True)
    views = models.PositiveIntegerField("浏览次数", default=0)
    visitors = models.PositiveIntegerField("独立访客", default=0)
    flushed_at = models.DateTimeField("写入时间", auto_now=True)

    class Meta:
        verbose_name = "每日访问量"
        verbose_name_plural = "每日访问量"
        ordering = ["-day"]

    def __str__(self) -> str:
        return f"{self.day:%Y-%m-%d} {self.views}"


class PathVisits(models.Model):
    """Views of one page address on one day. ``url_name`` and ``object_key`` say what the page shows (a document's
    ``disclosure:document`` and its id, a column's slug), so totals per document and per column need no parsing."""

    day = models.DateField("日期")
    path = models.CharField("页面地址", max_length=300)
    views = models.PositiveIntegerField("浏览次数", default=0)
    url_name = models.CharField("页面类型", max_length=80, blank=True)
    object_key = models.CharField("对象", max_length=100, blank=True)

    class Meta:
        verbose_name = "页面访问量"
        verbose_name_plural = "页面访问量"
        ordering = ["-day", "-views"]
        constraints = [models.UniqueConstraint(fields=["day", "path"], name="pathvisits_one_row_per_day_path")]
        indexes = [
            # The count a document page shows: every day of one address, covering the views.
            models.Index(fields=["path", "day", "views"], name="pathvisits_path_day"),
            # Totals per document and per column over a period.
            models.Index(fields=["url_name", "day", "object_key"], name="pathvisits_kind_day"),
        ]

    def __str__(self) -> str:
        return f"{self.day:%Y-%m-%d} {self.path} {self.views}"


# --- Columns as the 网站工作年度报表 counts them


class ColumnClass(models.Model):
    """How the 网站工作年度报表 counts a column: its 信息发布 line (概况类, 政务动态, 信息公开目录) or a 专栏专题 with the
    day it opened. Without a row, a news column counts as 政务动态 and a catalogue column as 信息公开目录."""

    class Category(models.TextChoices):
        OVERVIEW = "overview", "概况类信息"
        NEWS = "news", "政务动态信息"
        CATALOGUE = "catalogue", "信息公开目录信息"
        TOPIC = "topic", "专栏专题"
        NONE = "none", "不计入"

    column = models.OneToOneField(
        "disclosure.Column", verbose_name="栏目", on_delete=models.CASCADE, related_name="report_class"
    )
    category = models.CharField("年度报表分类", max_length=20, choices=Category.choices)
    opened_on = models.DateField("专题开设日期", null=True, blank=True)
    closed_on = models.DateField("专题关闭日期", null=True, blank=True)

    class Meta:
        verbose_name = "栏目分类（年度报表）"
        verbose_name_plural = "栏目分类（年度报表）"

    def __str__(self) -> str:
        return f"{self.column_id}: {self.get_category_display()}"


# --- The monthly 通报


class Bulletin(models.Model):
    """The office's monthly 通报 of every unit's 政务公开 work: generated on the first working day of the next month,
    reviewed by the office, sent to the units and optionally published on the site."""

    class Status(models.TextChoices):
        DRAFT = "draft", "待审核"
        APPROVED = "approved", "已审核"
        SENT = "sent", "已印发"
        PUBLISHED = "published", "已公开"

    year = models.PositiveIntegerField("年份")
    month = models.PositiveSmallIntegerField("月份", validators=[MinValueValidator(1), MaxValueValidator(12)])
    status = models.CharField("状态", max_length=20, choices=Status.choices, default=Status.DRAFT, db_index=True)
    figures = models.JSONField("数据", default=dict, blank=True)
    generated_at = models.DateTimeField("生成时间")
    remarks = models.TextField("通报意见", blank=True, help_text="对本月工作的总体评价、存在问题和工作要求。")
    entries = models.JSONField("填报数据", default=dict, blank=True)
    edited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="最后修改人", null=True, blank=True, on_delete=models.PROTECT,
        related_name="+",
    )  # fmt: skip
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="审核人", null=True, blank=True, on_delete=models.PROTECT,
        related_name="+",
    )  # fmt: skip
    approved_at = models.DateTimeField("审核时间", null=True, blank=True)
    sent_at = models.DateTimeField("印发时间", null=True, blank=True)
    # Set once every unit's staff were told; the beat sweep retries a send whose notices a lost task left unsent.
    notified_at = models.DateTimeField("通知时间", null=True, blank=True, editable=False)
    published_at = models.DateTimeField("公开时间", null=True, blank=True)

    class Meta:
        verbose_name = "月度通报"
        verbose_name_plural = "月度通报"
        ordering = ["-year", "-month"]
        constraints = [models.UniqueConstraint(fields=["year", "month"], name="one_bulletin_per_month")]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("evaluation:bulletin", args=[self.year, self.month])

    @property
    def title(self) -> str:
        return f"{self.year}年{self.month}月政务公开工作通报"


class BulletinHistory(HistoryRecord):
    class Action(models.TextChoices):
        GENERATE = "generate", "生成"
        REGENERATE = "regenerate", "重新计算"
        EDIT = "edit", "修改"
        APPROVE = "approve", "审核通过"
        RETURN = "return", "退回修改"
        SEND = "send", "印发"
        PUBLISH = "publish", "网上公开"
        UNPUBLISH = "unpublish", "撤销公开"

    STATUS = Bulletin.Status
    bulletin = models.ForeignKey(Bulletin, verbose_name="通报", on_delete=models.PROTECT, related_name="history")
    action = models.CharField("操作", max_length=40, choices=Action.choices)

    class Meta(HistoryRecord.Meta):
        verbose_name = "通报处理记录"
        verbose_name_plural = "通报处理记录"


# --- The yearly 考核


class Scheme(models.Model):
    """The office's 考核方案 for a year (考核制度 art. 6: 根据考核要求制定具体考核方案并提前下发): indicators with
    weights, some computed from the site's figures and some scored by the office with a note. Finalising it keeps
    every unit's score, item by item, and its grade."""

    class Status(models.TextChoices):
        DRAFT = "draft", "拟定中"
        FINAL = "final", "已定稿"

    year = models.PositiveIntegerField("考核年度", unique=True)
    name = models.CharField("方案名称", max_length=100)
    performance_weight = models.DecimalField(
        "在政府绩效考核中的权重（%）", max_digits=5, decimal_places=2, default=4,
        validators=[MinValueValidator(4), MaxValueValidator(100)],
        help_text="深化政务公开实施方案：政务公开工作纳入绩效考核体系，分值权重不低于4%。",
    )  # fmt: skip
    status = models.CharField("状态", max_length=20, choices=Status.choices, default=Status.DRAFT)
    results = models.JSONField("考核结果", default=dict, blank=True)
    finalised_at = models.DateTimeField("定稿时间", null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="创建人", on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField("创建时间", auto_now_add=True)

    class Meta:
        verbose_name = "考核方案"
        verbose_name_plural = "考核方案"
        ordering = ["-year"]

    def __str__(self) -> str:
        return self.name


class Indicator(models.Model):
    """One item of a 考核方案. A computed item reads a figure of the year (``metric``) and turns it into points by its
    ``rule``; a manual item (such as 制度建设) is scored by the office for each unit, with a note."""

    class Rule(models.TextChoices):
        RATE = "rate", "按比率得分（满分×比率）"
        TARGET = "target", "按数量得分（达到目标值得满分）"
        PENALTY = "penalty", "按问题扣分（每项扣分值）"
        MANUAL = "manual", "人工评分"

    scheme = models.ForeignKey(Scheme, verbose_name="考核方案", on_delete=models.CASCADE, related_name="indicators")
    order = models.PositiveIntegerField("排序", default=100)
    name = models.CharField("考核项目", max_length=60)
    rule = models.CharField("计分方式", max_length=20, choices=Rule.choices)
    metric = models.CharField("数据指标", max_length=40, blank=True)
    weight = models.DecimalField(
        "分值", max_digits=5, decimal_places=2, validators=[MinValueValidator(0), MaxValueValidator(100)]
    )
    target = models.DecimalField(
        "目标值/每项扣分", max_digits=8, decimal_places=2, null=True, blank=True,
        help_text="按数量得分：达到此数量得满分；按问题扣分：每项扣的分数。",
    )  # fmt: skip
    criteria = models.CharField("评分标准说明", max_length=300, blank=True)

    class Meta:
        verbose_name = "考核项目"
        verbose_name_plural = "考核项目"
        ordering = ["order", "id"]

    def __str__(self) -> str:
        return self.name


class ManualScore(models.Model):
    """The office's score of a manual item for one unit, with the note that explains it."""

    indicator = models.ForeignKey(Indicator, verbose_name="考核项目", on_delete=models.CASCADE, related_name="scores")
    organization = models.ForeignKey(Organization, verbose_name="单位", on_delete=models.PROTECT, related_name="+")
    points = models.DecimalField("得分", max_digits=5, decimal_places=2, validators=[MinValueValidator(0)])
    note = models.CharField("评分说明", max_length=300)
    scored_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="评分人", on_delete=models.PROTECT, related_name="+"
    )
    scored_at = models.DateTimeField("评分时间", auto_now=True)

    class Meta:
        verbose_name = "人工评分"
        verbose_name_plural = "人工评分"
        constraints = [
            models.UniqueConstraint(fields=["indicator", "organization"], name="one_manual_score_per_unit_item")
        ]

    def __str__(self) -> str:
        return f"{self.indicator_id}/{self.organization_id}: {self.points}"


class SchemeHistory(HistoryRecord):
    class Action(models.TextChoices):
        CREATE = "create", "创建"
        EDIT = "edit", "修改方案"
        SCORE = "score", "人工评分"
        FINALISE = "finalise", "定稿"
        REOPEN = "reopen", "重新打开"

    STATUS = Scheme.Status
    scheme = models.ForeignKey(Scheme, verbose_name="考核方案", on_delete=models.PROTECT, related_name="history")
    action = models.CharField("操作", max_length=40, choices=Action.choices)

    class Meta(HistoryRecord.Meta):
        verbose_name = "考核处理记录"
        verbose_name_plural = "考核处理记录"


# --- The 网站工作年度报表


class WebReport(models.Model):
    """The 政府网站工作年度报表 of a year (国办函〔2018〕12号; the county's 网站及新媒体制度 art. 35: 确保数据真实、
    准确、完整，并向社会公开), due by 31 January of the next year. Figures the site holds are computed; the rest are
    entered by the office; it is reviewed by a second office member before it is published."""

    class Status(models.TextChoices):
        DRAFT = "draft", "填报中"
        PENDING = "pending", "待审核"
        RETURNED = "returned", "退回修改"
        PUBLISHED = "published", "已公开"

    year = models.PositiveIntegerField("报表年度", unique=True)
    status = models.CharField("状态", max_length=20, choices=Status.choices, default=Status.DRAFT, db_index=True)
    figures = models.JSONField("统计数据", default=dict, blank=True)
    figures_at = models.DateTimeField("统计时间", null=True, blank=True)
    entries = models.JSONField("填报数据", default=dict, blank=True)
    due_on = models.DateField("公开期限", db_index=True)
    edited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="最后修改人", null=True, blank=True, on_delete=models.PROTECT,
        related_name="+",
    )  # fmt: skip
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="报送人", null=True, blank=True, on_delete=models.PROTECT,
        related_name="+",
    )  # fmt: skip
    submitted_at = models.DateTimeField("报送时间", null=True, blank=True)
    published_at = models.DateTimeField("公开时间", null=True, blank=True)
    published_late = models.BooleanField("逾期公开", default=False)

    class Meta:
        verbose_name = "网站工作年度报表"
        verbose_name_plural = "网站工作年度报表"
        ordering = ["-year"]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("evaluation:web_report", args=[self.year])

    @property
    def title(self) -> str:
        return f"{self.year}年度政府网站工作年度报表"


class WebReportHistory(HistoryRecord):
    class Action(models.TextChoices):
        CREATE = "create", "生成"
        REFRESH = "refresh", "重新统计"
        EDIT = "edit", "填报"
        SUBMIT = "submit", "报送审核"
        APPROVE = "approve", "审核通过并公开"
        RETURN = "return", "退回修改"
        WITHDRAW = "withdraw", "撤回修改"

    STATUS = WebReport.Status
    report = models.ForeignKey(WebReport, verbose_name="年度报表", on_delete=models.PROTECT, related_name="history")
    action = models.CharField("操作", max_length=40, choices=Action.choices)

    class Meta(HistoryRecord.Meta):
        verbose_name = "年度报表处理记录"
        verbose_name_plural = "年度报表处理记录"
