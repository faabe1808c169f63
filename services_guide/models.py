"""办事服务: a unit's public service items (政务服务事项) and their 办事指南.

A ``ServiceItem`` is the item itself: its unit and its 事项编码, which never change. What the guide says lives in
numbered ``GuideVersion`` rows, each reviewed like a document (初审, 复审, 终审). The approved version is the one that
applies (``ServiceItem.current``); a change is a new version drafted from it, and the current one stays on the public
page until the change is approved, when it becomes a kept 历史版本 with the dates it applied. Stopping an item
(停止办理) is recorded on its current version with the reason and the date."""

from __future__ import annotations

from django.conf import settings
from django.core.validators import RegexValidator
from django.db import models
from django.urls import reverse

from portal.fasturls import url_with
from portal.models import HistoryRecord, Organization
from portal.private_files import private_storage
from portal.scoping import OrgScopedQuerySet
from portal.uploads import UploadTo
from services_guide.conf import BUSINESS_THEMES, PERSONAL_THEMES, Theme

validate_item_code = RegexValidator(
    r"^[A-Za-z0-9][A-Za-z0-9-]{1,39}$", "事项编码只能由字母、数字和连字符组成，2至40位。"
)


class ServiceItemQuerySet(OrgScopedQuerySet):
    def in_force(self):
        """Items the public may use now: their current version is approved and not stopped."""
        return self.filter(current__status=GuideVersion.Status.PUBLISHED)

    def public(self):
        """Items with a public page: in force, or stopped (the page says since when and why)."""
        return self.filter(current__status__in=[GuideVersion.Status.PUBLISHED, GuideVersion.Status.STOPPED])


class ServiceItem(models.Model):
    organization = models.ForeignKey(
        Organization, verbose_name="实施主体", on_delete=models.PROTECT, related_name="service_items"
    )
    code = models.CharField(
        "事项编码", max_length=40, unique=True, validators=[validate_item_code],
        help_text="本县统一的事项编码（如实施清单编码），用于网址 /services/<编码>/，创建后不可修改。",
    )  # fmt: skip
    current = models.OneToOneField(
        "GuideVersion", verbose_name="现行版本", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="创建人", on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField("创建时间", auto_now_add=True)

    objects = ServiceItemQuerySet.as_manager()

    class Meta:
        verbose_name = "政务服务事项"
        verbose_name_plural = "政务服务事项"
        ordering = ["organization__order", "code"]

    def __str__(self) -> str:
        return self.code

    def save(self, *args, **kwargs):
        self.code = self.code.strip().upper()
        super().save(*args, **kwargs)

    def get_absolute_url(self) -> str:
        return url_with("services_guide:item", self.code)


class Kind(models.TextChoices):
    LICENSE = "license", "行政许可"
    CONFIRMATION = "confirmation", "行政确认"
    BENEFIT = "benefit", "行政给付"
    INSPECTION = "inspection", "行政检查"
    PUBLIC_SERVICE = "public_service", "公共服务"
    OTHER = "other", "其他"


class Level(models.TextChoices):
    COUNTY = "county", "县级"
    TOWNSHIP = "township", "乡镇（街道）级"
    VILLAGE = "village", "村（社区）级"


class Target(models.TextChoices):
    PERSON = "person", "自然人"
    BUSINESS = "business", "法人"
    BOTH = "both", "自然人、法人"


class Online(models.TextChoices):
    """网上办理深度: how much of the item can be done on the 政务服务网."""

    NONE = "none", "不支持网上办理"
    PARTLY = "partly", "网上预约、预审（需到现场）"
    FULLY = "fully", "全程网上办理"


TARGETS_FOR_GROUP = {"person": (Target.PERSON, Target.BOTH), "business": (Target.BUSINESS, Target.BOTH)}
THEMES_FOR_GROUP = {"person": PERSONAL_THEMES, "business": BUSINESS_THEMES}


class GuideVersion(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", "草稿"
        PENDING_FIRST = "pending_first", "待初审"
        PENDING_SECOND = "pending_second", "待复审"
        PENDING_FINAL = "pending_final", "待终审"
        RETURNED = "returned", "退回修改"
        REJECTED = "rejected", "不予发布"
        DISCARDED = "discarded", "已作废"
        PUBLISHED = "published", "现行有效"
        SUPERSEDED = "superseded", "历史版本"
        STOPPED = "stopped", "停止办理"

    item = models.ForeignKey(ServiceItem, verbose_name="事项", on_delete=models.PROTECT, related_name="versions")
    number = models.PositiveIntegerField("版本号")
    status = models.CharField("状态", max_length=20, choices=Status.choices, default=Status.DRAFT, db_index=True)

    # The guide (办事指南).
    name = models.CharField("事项名称", max_length=100)
    kind = models.CharField("事项类型", max_length=20, choices=Kind.choices, blank=True)
    level = models.CharField("行使层级", max_length=20, choices=Level.choices, blank=True)
    target = models.CharField("服务对象", max_length=20, choices=Target.choices, blank=True)
    basis = models.TextField("设定依据", blank=True, help_text="法律、法规、规章的名称和条款，每条一行。")
    conditions = models.TextField("受理条件", blank=True, help_text="每条一行。")
    process = models.TextField("办理流程", blank=True, help_text="每个步骤一行，如：受理、审查、决定、送达。")
    legal_days = models.PositiveSmallIntegerField("法定办结时限（工作日）", null=True, blank=True)
    promised_days = models.PositiveSmallIntegerField(
        "承诺办结时限（工作日）", null=True, blank=True, help_text="当场办结的填 0。"
    )
    charges = models.BooleanField("收费", default=False)
    fee_standard = models.TextField("收费标准", blank=True, help_text="不收费的可不填。")
    fee_basis = models.TextField("收费依据", blank=True)
    place = models.CharField("办理地点", max_length=200, blank=True)
    hours = models.CharField("办理时间", max_length=200, blank=True)
    phone = models.CharField("咨询电话", max_length=50, blank=True)
    complaint_phone = models.CharField("监督投诉电话", max_length=50, blank=True)
    result = models.CharField(
        "办理结果", max_length=200, blank=True, help_text="申请人得到什么，如：《食品经营许可证》。"
    )
    online = models.CharField("网上办理", max_length=10, choices=Online.choices, default=Online.NONE)
    online_url = models.URLField("网上办理入口", max_length=300, blank=True)
    intermediary = models.TextField(
        "中介服务", blank=True, help_text="办理中需要的中介服务事项（名称、设置依据、服务时限）；没有的不填。"
    )

    # The review round (each submission starts one) and the record of who did what.
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="起草人", on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField("创建时间", auto_now_add=True)
    updated_at = models.DateTimeField("修改时间", auto_now=True)
    review_round = models.PositiveIntegerField("审核轮次", default=0)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="报送人", null=True, blank=True, on_delete=models.PROTECT,
        related_name="+",
    )  # fmt: skip
    submitted_at = models.DateTimeField("报送时间", null=True, blank=True)
    # What applied when: from approval until the next version's approval (or the stop).
    published_at = models.DateTimeField("施行时间", null=True, blank=True, db_index=True)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="终审人", null=True, blank=True, on_delete=models.PROTECT,
        related_name="+",
    )  # fmt: skip
    superseded_at = models.DateTimeField("停止适用时间", null=True, blank=True)
    stopped_on = models.DateField("停止办理日期", null=True, blank=True)
    stop_reason = models.TextField("停止办理原因", blank=True)

    class Meta:
        verbose_name = "办事指南版本"
        verbose_name_plural = "办事指南版本"
        ordering = ["item", "-number"]
        constraints = [
            models.UniqueConstraint(fields=["item", "number"], name="one_guide_version_number_per_item"),
            # A change waits in one draft at a time: a second open version of the same item would fork the guide.
            models.UniqueConstraint(
                fields=["item"],
                condition=models.Q(
                    status__in=["draft", "returned", "pending_first", "pending_second", "pending_final"]
                ),
                name="one_open_guide_version_per_item",
            ),
        ]
        indexes = [models.Index(fields=["status", "item"], name="guide_version_status")]

    def __str__(self) -> str:
        return f"{self.name}（第{self.number}版）"

    def get_absolute_url(self) -> str:
        if self.status == self.Status.SUPERSEDED:
            return reverse("services_guide:item_version", args=[self.item.code, self.number])
        return self.item.get_absolute_url()

    @property
    def review_level(self) -> str:
        return REVIEW_LEVEL_BY_STATUS.get(self.status, "")

    def steps(self) -> list[str]:
        return _lines(self.process)

    def basis_lines(self) -> list[str]:
        return _lines(self.basis)

    def condition_lines(self) -> list[str]:
        return _lines(self.conditions)

    @property
    def theme_codes(self) -> list[str]:
        return [t.theme for t in self.themes.all()]

    @property
    def theme_labels(self) -> list[str]:
        return [Theme(code).label for code in self.theme_codes if code in Theme.values]


def _lines(text: str) -> list[str]:
    return [line.strip() for line in text.splitlines() if line.strip()]


S = GuideVersion.Status
OPEN_STATES = (S.DRAFT, S.RETURNED, S.PENDING_FIRST, S.PENDING_SECOND, S.PENDING_FINAL)
PUBLIC_STATES = (S.PUBLISHED, S.SUPERSEDED, S.STOPPED)
REVIEW_LEVEL_BY_STATUS = {S.PENDING_FIRST: "first", S.PENDING_SECOND: "second", S.PENDING_FINAL: "final"}


class VersionTheme(models.Model):
    """One theme of a version (a row each, so lists filter and count by theme in the database)."""

    version = models.ForeignKey(GuideVersion, verbose_name="版本", on_delete=models.CASCADE, related_name="themes")
    theme = models.CharField("主题", max_length=20, choices=Theme.choices)

    class Meta:
        verbose_name = "主题"
        verbose_name_plural = "主题"
        constraints = [models.UniqueConstraint(fields=["version", "theme"], name="one_theme_row_per_version")]
        indexes = [models.Index(fields=["theme", "version"], name="guide_theme_lookup")]

    def __str__(self) -> str:
        return self.get_theme_display()


class Material(models.Model):
    """申请材料: what the applicant brings, in what form and how many copies, with a blank form and a filled-in example
    to download. Files are kept in the private storage (portal.private_files) and served through views."""

    class Form(models.TextChoices):
        ORIGINAL = "original", "原件"
        COPY = "copy", "复印件"
        BOTH = "both", "原件和复印件"
        ELECTRONIC = "electronic", "电子材料"

    version = models.ForeignKey(GuideVersion, verbose_name="版本", on_delete=models.CASCADE, related_name="materials")
    order = models.PositiveIntegerField("排序", default=0)
    name = models.CharField("材料名称", max_length=200)
    form = models.CharField("材料形式", max_length=20, choices=Form.choices, default=Form.ORIGINAL)
    copies = models.PositiveSmallIntegerField("份数", default=1)
    required = models.BooleanField("必须提交", default=True)
    note = models.CharField("填报说明", max_length=300, blank=True, help_text="来源、规格或其他要求。")
    blank_form = models.FileField(
        "空白表格", upload_to=UploadTo("services_guide/forms"), storage=private_storage, blank=True, max_length=200
    )
    blank_form_name = models.CharField("空白表格文件名", max_length=200, blank=True)
    example = models.FileField(
        "示例样表", upload_to=UploadTo("services_guide/examples"), storage=private_storage, blank=True, max_length=200
    )
    example_name = models.CharField("示例样表文件名", max_length=200, blank=True)

    class Meta:
        verbose_name = "申请材料"
        verbose_name_plural = "申请材料"
        ordering = ["order", "id"]

    def __str__(self) -> str:
        return self.name

    @property
    def copies_label(self) -> str:
        return "—" if self.form == self.Form.ELECTRONIC else f"{self.copies}份"


class GuideHistory(HistoryRecord):
    """One row per action on a version (drafting, each review decision, approval, stop); the item is named too, so
    an item's whole story reads in one query."""

    class Action(models.TextChoices):
        CREATE = "create", "起草"
        IMPORT = "import", "导入草稿"
        CHANGE = "change", "起草变更"
        EDIT = "edit", "修改"
        SUBMIT = "submit", "报送审核"
        PASS_FIRST = "pass_first", "初审通过"
        PASS_SECOND = "pass_second", "复审通过"
        APPROVE = "approve", "终审通过并发布"
        RETURN = "return", "退回修改"
        REJECT = "reject", "不予发布"
        DISCARD = "discard", "作废"
        SUPERSEDE = "supersede", "被新版本替代"
        STOP = "stop", "停止办理"

    STATUS = GuideVersion.Status

    item = models.ForeignKey(ServiceItem, verbose_name="事项", on_delete=models.PROTECT, related_name="history")
    version = models.ForeignKey(GuideVersion, verbose_name="版本", on_delete=models.PROTECT, related_name="history")
    review_round = models.PositiveIntegerField("审核轮次", default=0)
    action = models.CharField("操作", max_length=40, choices=Action.choices)

    class Meta(HistoryRecord.Meta):
        verbose_name = "处理记录"
        verbose_name_plural = "处理记录"
        indexes = [models.Index(fields=["version", "review_round"], name="guidehist_version_round")]
