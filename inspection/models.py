"""The site self-inspection (seed 001, 网站管理制度 第二十九条: daily checks of links, column updates and content
quality, recorded; 第三十二条: the quarterly 巡查): column update rules, link results, wording findings, the 错敏
dictionary, inspection runs and the warnings sent."""

from __future__ import annotations

import hashlib

from dateutil.relativedelta import relativedelta
from django.conf import settings
from django.db import models

from portal.models import HistoryRecord, Organization


class UpdateClass(models.TextChoices):
    """How often a column must be updated (国办秘函〔2019〕19号: news columns within 2 weeks, notices and policies
    within 6 months; personnel and plans are yearly; static pages such as the 公开指南 are not checked)."""

    NEWS = "news", "动态、要闻类（2周）"
    NOTICE = "notice", "通知公告类（6个月）"
    POLICY = "policy", "政策文件类（6个月）"
    PERSONNEL = "personnel", "人事类（1年）"
    PLANNING = "planning", "规划计划类（1年）"
    NONE = "none", "不检查"


LIMITS: dict[str, relativedelta] = {
    UpdateClass.NEWS: relativedelta(weeks=2),
    UpdateClass.NOTICE: relativedelta(months=6),
    UpdateClass.POLICY: relativedelta(months=6),
    UpdateClass.PERSONNEL: relativedelta(years=1),
    UpdateClass.PLANNING: relativedelta(years=1),
}


class ColumnRule(models.Model):
    """A column's update class, set by the office. A column without a row is checked by its kind's default."""

    column = models.OneToOneField("disclosure.Column", verbose_name="栏目", on_delete=models.CASCADE, related_name="+")
    update_class = models.CharField("更新类别", max_length=20, choices=UpdateClass.choices)
    # Each unit's own catalogue of this column is checked too (乡镇动态: every township updates its own news).
    per_unit = models.BooleanField("逐单位检查", default=False)
    updated_at = models.DateTimeField("修改时间", auto_now=True)

    class Meta:
        verbose_name = "栏目更新规则"
        verbose_name_plural = "栏目更新规则"

    def __str__(self) -> str:
        return f"{self.column_id}: {self.get_update_class_display()}"


class ColumnRuleHistory(HistoryRecord):
    class Action(models.TextChoices):
        SET = "set", "调整更新类别"

    STATUS = UpdateClass
    rule = models.ForeignKey(ColumnRule, verbose_name="栏目更新规则", on_delete=models.CASCADE, related_name="history")

    class Meta(HistoryRecord.Meta):
        verbose_name = "栏目更新规则调整记录"
        verbose_name_plural = "栏目更新规则调整记录"


def url_hash(url: str) -> str:
    return hashlib.sha256(url.encode("utf-8")).hexdigest()


class Link(models.Model):
    """One address found on the published pages, and what the nightly checks made of it."""

    class Status(models.TextChoices):
        UNCHECKED = "unchecked", "未检查"
        OK = "ok", "正常"
        FAILING = "failing", "访问失败（待复查）"
        DEAD = "dead", "不可用"

    url = models.TextField("链接地址")
    # A digest keeps the unique index small: addresses run to thousands of characters.
    url_hash = models.CharField(max_length=64, unique=True, editable=False)
    is_internal = models.BooleanField("站内链接", default=False)
    status = models.CharField("状态", max_length=20, choices=Status.choices, default=Status.UNCHECKED, db_index=True)
    first_seen_at = models.DateTimeField("首次发现", auto_now_add=True)
    last_checked_at = models.DateTimeField("最近检查", null=True, blank=True)
    last_code = models.PositiveSmallIntegerField("最近状态码", null=True, blank=True)
    last_error = models.CharField("最近错误", max_length=200, blank=True)
    # Nights in a row it failed; it is dead at conf.dead_after_nights(). A success starts the count again.
    fail_nights = models.PositiveSmallIntegerField("连续失败夜数", default=0)
    first_failed_on = models.DateField("首次失败日期", null=True, blank=True)
    last_failed_on = models.DateField("最近失败日期", null=True, blank=True)

    class Meta:
        verbose_name = "链接"
        verbose_name_plural = "链接"
        ordering = ["-first_failed_on", "id"]

    def __str__(self) -> str:
        return self.url

    def save(self, *args, **kwargs):
        self.url_hash = url_hash(self.url)
        super().save(*args, **kwargs)


class PageRef(models.Model):
    """Where a finding sits: a published page, by kind and id, with what the dashboard shows of it (so that the
    dashboard reads no other app's tables to list it)."""

    page_kind = models.CharField("页面类型", max_length=30)
    page_id = models.PositiveBigIntegerField("页面编号")
    page_title = models.CharField("页面标题", max_length=200)
    page_url = models.CharField("页面地址", max_length=300)
    organization = models.ForeignKey(
        Organization, verbose_name="单位", null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )

    class Meta:
        abstract = True


class LinkSource(PageRef):
    """A page that holds a link. Editing the page deletes its rows (the next night reads it again)."""

    link = models.ForeignKey(Link, verbose_name="链接", on_delete=models.CASCADE, related_name="sources")

    class Meta:
        verbose_name = "链接所在页面"
        verbose_name_plural = "链接所在页面"
        constraints = [
            models.UniqueConstraint(fields=["link", "page_kind", "page_id"], name="inspection_one_source_per_page")
        ]
        indexes = [models.Index(fields=["page_kind", "page_id"], name="insp_linksource_page")]

    def __str__(self) -> str:
        return f"{self.page_title}：{self.link_id}"


class WordingRule(models.Model):
    """One entry of the 错敏 dictionary: a wrong form and what to write instead."""

    class Kind(models.TextChoices):
        TYPO = "typo", "错别字"
        PHRASE = "phrase", "固定用语"
        ORGAN = "organ", "过时机构名称"
        NAME = "name", "国家和党的名称及规范表述"

    wrong = models.CharField("错误写法", max_length=50, unique=True)
    correct = models.CharField("正确写法", max_length=100, blank=True)
    kind = models.CharField("类型", max_length=20, choices=Kind.choices)
    is_serious = models.BooleanField(
        "严重错误", default=False, help_text="严重表述错误一经发布即构成全国政府网站检查的单项否决项。"
    )
    note = models.CharField("说明", max_length=200, blank=True)
    is_active = models.BooleanField("启用", default=True)

    class Meta:
        verbose_name = "错敏词"
        verbose_name_plural = "错敏词库"
        ordering = ["kind", "wrong"]

    def __str__(self) -> str:
        return f"{self.wrong} → {self.correct}" if self.correct else self.wrong


class WordingHit(PageRef):
    """A wording finding on a published page, from the last nightly check (editing the page deletes it)."""

    label = models.CharField("问题类型", max_length=30)
    match = models.CharField("原文", max_length=100)
    suggestion = models.CharField("建议", max_length=200, blank=True)
    source = models.CharField("位置", max_length=200, blank=True)
    context = models.CharField("上下文", max_length=200, blank=True)
    is_serious = models.BooleanField("严重错误", default=False, db_index=True)
    found_at = models.DateTimeField("发现时间", auto_now_add=True)

    class Meta:
        verbose_name = "错敏检查结果"
        verbose_name_plural = "错敏检查结果"
        ordering = ["-is_serious", "page_id", "id"]
        indexes = [models.Index(fields=["page_kind", "page_id"], name="insp_wordinghit_page")]

    def __str__(self) -> str:
        return f"{self.page_title}：{self.match}"


class InspectionRun(models.Model):
    """One nightly (or requested) run: what it found, kept as it was for the quarterly 巡查 report."""

    class Status(models.TextChoices):
        RUNNING = "running", "进行中"
        DONE = "done", "已完成"
        FAILED = "failed", "失败"

    on = models.DateField("检查日期", db_index=True)
    started_at = models.DateTimeField("开始时间", auto_now_add=True)
    finished_at = models.DateTimeField("完成时间", null=True, blank=True)
    status = models.CharField("状态", max_length=20, choices=Status.choices, default=Status.RUNNING)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="发起人",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    summary = models.JSONField("检查结果", default=dict, blank=True)  # the marks and their items, as shown then
    stats = models.JSONField("统计", default=dict, blank=True)  # pages, links, checks, timings

    class Meta:
        verbose_name = "自查记录"
        verbose_name_plural = "自查记录"
        ordering = ["-started_at", "-id"]

    def __str__(self) -> str:
        return f"{self.on:%Y-%m-%d} {self.get_status_display()}"


class ItemState(models.Model):
    """The last state the warnings saw for one checked item, so each change of state is told once."""

    key = models.CharField("检查项", max_length=100, unique=True)
    state = models.CharField("状态", max_length=20)
    changed_at = models.DateTimeField("变化时间")

    class Meta:
        verbose_name = "检查项状态"
        verbose_name_plural = "检查项状态"

    def __str__(self) -> str:
        return f"{self.key}: {self.state}"


class SentWarning(models.Model):
    """One warning e-mailed about one item entering a state: the record that it was sent, never edited."""

    key = models.CharField("检查项", max_length=100, db_index=True)
    state = models.CharField("状态", max_length=20)
    text = models.CharField("内容", max_length=300)
    organization = models.ForeignKey(
        Organization, verbose_name="单位", null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    recipients = models.TextField("收件人")
    sent_at = models.DateTimeField("发送时间", auto_now_add=True)

    class Meta:
        verbose_name = "预警记录"
        verbose_name_plural = "预警记录"
        ordering = ["-sent_at", "-id"]

    def __str__(self) -> str:
        return self.text
