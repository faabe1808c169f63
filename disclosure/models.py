"""政府信息公开: columns, documents, attachments, the review history and the 索引号 counter."""

from __future__ import annotations

import re

from ckeditor.fields import RichTextField
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models

from portal.fasturls import url_with
from portal.models import HistoryRecord, Organization
from portal.private_files import private_storage
from portal.review import ReviewLevel
from portal.scoping import OrgScopedQuerySet
from portal.uploads import UploadTo

# 文号 such as 西政办发〔2018〕47号: issuer abbreviation, year in 六角括号〔〕, number.
DOC_NUMBER_RE = re.compile(r"^\S{1,30}〔(19|20)\d{2}〕\d{1,5}号$")


def validate_doc_number(value: str) -> None:
    if value and not DOC_NUMBER_RE.match(value.strip()):
        raise ValidationError(
            "文号格式应为“机关代字〔年份〕序号号”，如：西政办发〔2018〕47号（注意使用六角括号〔〕）。"
        )


class Column(models.Model):
    """A node of the column tree: a news column, a catalogue column of the 政府信息公开 platform, a grouping node
    that holds no documents itself, or the 公开指南 page (built from the unit's contact fields)."""

    class Kind(models.TextChoices):
        NEWS = "news", "新闻栏目"
        CATALOGUE = "catalogue", "公开目录栏目"
        SECTION = "section", "栏目分组"
        GUIDE = "guide", "公开指南"

    name = models.CharField("栏目名称", max_length=60)
    slug = models.SlugField(
        "栏目代码", max_length=40, unique=True, help_text="用于网址 /columns/<代码>/，创建后不要修改。"
    )
    parent = models.ForeignKey(
        "self", verbose_name="上级栏目", null=True, blank=True, on_delete=models.PROTECT, related_name="children"
    )
    kind = models.CharField("栏目类型", max_length=20, choices=Kind.choices, default=Kind.NEWS)
    order = models.PositiveIntegerField("排序", default=100)
    description = models.CharField("栏目说明", max_length=200, blank=True)
    # Whether its documents carry the 政府信息公开目录 metadata (索引号, 文号, 成文日期, 有效性 ...).
    carries_metadata = models.BooleanField("需要公开目录元数据", default=False)
    # 规章 and 行政规范性文件 are published only with their 文号 (they are registered and cited by it).
    requires_doc_number = models.BooleanField(
        "须有文号", default=False, help_text="勾选后，此栏目的信息须填写文号才能报送和发布（如规章、行政规范性文件）。"
    )
    # A 政策解读 column: its documents link to the policy they explain.
    is_interpretation = models.BooleanField("政策解读栏目", default=False)
    # Which Organization.Kind values may publish here; empty means every kind.
    publisher_kinds = models.JSONField("可发布单位类型", default=list, blank=True)
    show_on_home = models.BooleanField("首页展示", default=False)
    is_active = models.BooleanField("启用", default=True)

    class Meta:
        verbose_name = "栏目"
        verbose_name_plural = "栏目"
        ordering = ["order", "id"]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return url_with("disclosure:column", self.slug)

    @property
    def accepts_documents(self) -> bool:
        return self.kind in (self.Kind.NEWS, self.Kind.CATALOGUE) and self.is_active

    def allows_unit(self, organization: Organization) -> bool:
        return not self.publisher_kinds or organization.kind in self.publisher_kinds


# The choices below store the Chinese word itself, and each names it as its own label too: a bare value would get
# a label made from the English member name ("On Request") in every form.


class Topic(models.TextChoices):
    """主题分类, the national list of the 政府信息公开目录."""

    GENERAL = "综合政务", "综合政务"
    ECONOMY = "国民经济管理、国有资产监管", "国民经济管理、国有资产监管"
    FINANCE = "财政、金融、审计", "财政、金融、审计"
    LAND = "国土资源、能源", "国土资源、能源"
    AGRICULTURE = "农业、林业、水利", "农业、林业、水利"
    INDUSTRY = "工业、交通", "工业、交通"
    COMMERCE = "商贸、海关、旅游", "商贸、海关、旅游"
    MARKET = "市场监管、安全生产监管", "市场监管、安全生产监管"
    CONSTRUCTION = "城乡建设、环境保护", "城乡建设、环境保护"
    SCIENCE = "科技、教育", "科技、教育"
    CULTURE = "文化、广电、新闻出版", "文化、广电、新闻出版"
    HEALTH = "卫生、体育", "卫生、体育"
    POPULATION = "人口与计划生育、妇女儿童工作", "人口与计划生育、妇女儿童工作"
    LABOUR = "劳动、人事、监察", "劳动、人事、监察"
    SECURITY = "公安、安全、司法", "公安、安全、司法"
    CIVIL = "民政、扶贫、救灾", "民政、扶贫、救灾"
    ETHNIC = "民族、宗教", "民族、宗教"
    FOREIGN = "对外事务", "对外事务"
    HMT = "港澳台侨工作", "港澳台侨工作"
    DEFENCE = "国防", "国防"
    OTHER = "其他", "其他"


class Genre(models.TextChoices):
    """体裁: the 15 kinds of the 2012 党政机关公文处理工作条例, plus 其他 for news and reports."""

    RESOLUTION = "决议", "决议"
    DECISION = "决定", "决定"
    ORDER = "命令（令）", "命令（令）"
    COMMUNIQUE = "公报", "公报"
    ANNOUNCEMENT = "公告", "公告"
    PUBLIC_NOTICE = "通告", "通告"
    OPINION = "意见", "意见"
    NOTICE = "通知", "通知"
    CIRCULAR = "通报", "通报"
    REPORT = "报告", "报告"
    REQUEST = "请示", "请示"
    REPLY = "批复", "批复"
    MOTION = "议案", "议案"
    LETTER = "函", "函"
    MINUTES = "纪要", "纪要"
    OTHER = "其他", "其他"


class DisclosureMethod(models.TextChoices):
    PROACTIVE = "主动公开", "主动公开"
    ON_REQUEST = "依申请公开", "依申请公开"
    NOT_DISCLOSED = "不予公开", "不予公开"


class InterpretationKind(models.TextChoices):
    """政策解读制度 三: the forms a 解读 takes on the site."""

    TEXT = "文字", "文字解读"
    GRAPHIC = "图解", "图表图解"
    QA = "问答", "政策问答"
    VIDEO = "视频", "视频解读"
    EXPERT = "专家", "专家解读"
    LEADER = "负责同志", "负责同志解读"


class Validity(models.TextChoices):
    VALID = "有效", "有效"
    EXPIRED = "失效", "失效"
    REPEALED = "废止", "废止"


def published_q(prefix: str = "") -> models.Q:
    """Published and on the site. Only 主动公开 items are ever on the site (the services refuse to publish any
    other); a row published before that rule existed stays off every public list, page and the search index too.
    ``prefix`` reaches documents through a relation (``"documents__"``)."""
    return models.Q(
        **{f"{prefix}status": Document.Status.PUBLISHED, f"{prefix}disclosure_method": DisclosureMethod.PROACTIVE}
    )


class DocumentQuerySet(OrgScopedQuerySet):
    def published(self):
        return self.filter(published_q())

    def public(self):
        """What the public may open: published, plus withdrawn ones (their page says they were withdrawn)."""
        return self.filter(
            status__in=[Document.Status.PUBLISHED, Document.Status.WITHDRAWN],
            disclosure_method=DisclosureMethod.PROACTIVE,
        )


class Document(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", "草稿"
        PENDING_FIRST = "pending_first", "待初审"
        PENDING_SECOND = "pending_second", "待复审"
        PENDING_FINAL = "pending_final", "待终审"
        # A 解读 that passed 终审 while its policy is still in review: it goes up with the policy (同步发布).
        APPROVED = "approved", "待随政策发布"
        PUBLISHED = "published", "已发布"
        RETURNED = "returned", "退回修改"
        REJECTED = "rejected", "不予发布"
        WITHDRAWN = "withdrawn", "已撤回"

    title = models.CharField("标题", max_length=200)
    column = models.ForeignKey(Column, verbose_name="栏目", on_delete=models.PROTECT, related_name="documents")
    # One document, several places in the catalogue: a 规范性文件 filed under 政策 is also listed under 法定主动公开内容
    # item (一). The row is not copied: the other columns list it, count it and the search finds it under them.
    also_listed_in = models.ManyToManyField(
        Column, verbose_name="同时列入栏目", blank=True, related_name="also_listed",
        help_text="同一文件需要在其他栏目中同时显示时选择（不必重复发布）。",
    )  # fmt: skip
    organization = models.ForeignKey(
        Organization, verbose_name="发布机构", on_delete=models.PROTECT, related_name="documents"
    )
    body = RichTextField("正文", blank=True)  # sanitised with portal.sanitize.clean_html by the services
    summary = models.TextField("内容概述", blank=True)
    keywords = models.CharField("关键词", max_length=200, blank=True, help_text="多个关键词用空格或逗号分隔")
    source = models.CharField("信息来源", max_length=100, blank=True)
    cover_image = models.ImageField("封面图片", upload_to=UploadTo("disclosure/covers"), blank=True)

    status = models.CharField("状态", max_length=20, choices=Status.choices, default=Status.DRAFT, db_index=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="起草人", on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField("创建时间", auto_now_add=True)
    updated_at = models.DateTimeField("修改时间", auto_now=True)

    # The review round: each submission starts a new round; "one level per person" is checked within a round.
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="报送人",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    submitted_at = models.DateTimeField("报送时间", null=True, blank=True)
    review_round = models.PositiveIntegerField("审核轮次", default=0)
    # The 保密审查 opinion is due within 10 working days of submission (保密审查制度); each level has its own share.
    review_due_on = models.DateField("保密审查期限", null=True, blank=True, db_index=True)
    level_due_on = models.DateField("本级审核期限", null=True, blank=True, db_index=True)
    level_started_at = models.DateTimeField("进入本级审核时间", null=True, blank=True)
    # The latest confidentiality scan (disclosure.scan), and whether office staff overrode its blocking findings.
    scan_findings = models.JSONField("保密扫描结果", default=list, blank=True)
    scan_blocking = models.BooleanField("有阻断性扫描结果", default=False)
    scan_override_reason = models.TextField("扫描结果放行理由", blank=True)

    published_at = models.DateTimeField("发布日期", null=True, blank=True, db_index=True)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="发布人",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    # Art. 26: published more than 20 working days after its 成文日期.
    published_late = models.BooleanField("超期公开", default=False)
    withdrawn_at = models.DateTimeField("撤回时间", null=True, blank=True)
    withdraw_reason = models.TextField("撤回理由", blank=True)

    # 政府信息公开目录 metadata, for columns that carry it.
    index_number = models.CharField("索引号", max_length=40, null=True, blank=True, unique=True)
    doc_number = models.CharField("文号", max_length=60, blank=True, validators=[validate_doc_number])
    written_date = models.DateField("成文日期", null=True, blank=True)
    topic = models.CharField("主题分类", max_length=30, choices=Topic.choices, blank=True)
    genre = models.CharField("体裁", max_length=10, choices=Genre.choices, blank=True)
    disclosure_method = models.CharField(
        "公开方式", max_length=10, choices=DisclosureMethod.choices, default=DisclosureMethod.PROACTIVE
    )
    validity = models.CharField("有效性", max_length=4, choices=Validity.choices, default=Validity.VALID)
    repealed_on = models.DateField("失效/废止日期", null=True, blank=True)
    is_important = models.BooleanField("重要信息", default=False, help_text="重要信息须经单位主要领导复审。")
    interprets = models.ForeignKey(
        "self",
        verbose_name="解读的政策文件",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="interpretations",
    )
    # 政策解读制度 三: the form of a 解读 (负责同志撰稿解读, 专家解读, 政策问答, 图表图解 ...).
    interpretation_kind = models.CharField("解读形式", max_length=10, choices=InterpretationKind.choices, blank=True)
    # 政策解读制度 二: the 解读方案 (提纲、形式、途径、时间) goes in with the policy it explains.
    interpretation_plan = models.TextField("解读方案", blank=True, help_text="解读提纲、解读形式、解读途径、解读时间。")
    # A policy published without its 解读 gets one within 3 working days (政府网站发展指引); set when it is published.
    interpretation_due_on = models.DateField("解读发布期限", null=True, blank=True, db_index=True)

    objects = DocumentQuerySet.as_manager()

    class Meta:
        verbose_name = "信息"
        verbose_name_plural = "信息"
        ordering = ["-published_at", "-id"]
        indexes = [
            # Public column lists: published items of a column, newest first.
            models.Index(fields=["column", "status", "-published_at"], name="doc_column_list"),
            # Unit catalogue and workbench queues: a unit's items by state.
            models.Index(fields=["organization", "status"], name="doc_org_status"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(status="published") | models.Q(index_number__isnull=False),
                name="published_document_has_index_number",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return url_with("disclosure:document", self.pk)

    def get_print_url(self) -> str:
        return url_with("disclosure:document_print", self.pk)

    @property
    def is_public(self) -> bool:
        return (
            self.status in (self.Status.PUBLISHED, self.Status.WITHDRAWN)
            and self.disclosure_method == DisclosureMethod.PROACTIVE
        )

    @property
    def is_in_review(self) -> bool:
        return self.status in REVIEW_LEVEL_BY_STATUS

    def shown_on_public_pages(self) -> bool:
        """Whether a public page shows this item or anything counted from it (portal/pagecache.py): only an item
        that was published at some time (a withdrawn one keeps its page). Drafts and items in review are the staff's
        business, so saving them retires no cached page."""
        return self.published_at is not None

    @property
    def review_level(self) -> str:
        return REVIEW_LEVEL_BY_STATUS.get(self.status, "")


REVIEW_LEVEL_BY_STATUS = {
    Document.Status.PENDING_FIRST: ReviewLevel.FIRST,
    Document.Status.PENDING_SECOND: ReviewLevel.SECOND,
    Document.Status.PENDING_FINAL: ReviewLevel.FINAL,
}


class Attachment(models.Model):
    class Kind(models.TextChoices):
        PDF = "pdf", "PDF"
        OFD = "ofd", "OFD"
        DOC = "doc", "Word/Excel/WPS 97-2003"
        DOCX = "docx", "Word"
        XLSX = "xlsx", "Excel"
        ZIP = "zip", "ZIP"
        JPEG = "jpeg", "JPEG 图片"
        PNG = "png", "PNG 图片"

    document = models.ForeignKey(Document, verbose_name="信息", on_delete=models.CASCADE, related_name="attachments")
    # Stored under a UUID name (portal.uploads); the user's name is kept only for display.
    file = models.FileField("文件", upload_to=UploadTo("disclosure/attachments"), storage=private_storage)
    name = models.CharField("附件名称", max_length=200)
    kind = models.CharField("文件类型", max_length=10, choices=Kind.choices)
    size = models.PositiveBigIntegerField("大小（字节）", default=0)
    extracted_text = models.TextField("提取的文本", blank=True)
    order = models.PositiveIntegerField("排序", default=0)
    uploaded_at = models.DateTimeField("上传时间", auto_now_add=True)

    class Meta:
        verbose_name = "附件"
        verbose_name_plural = "附件"
        ordering = ["order", "id"]

    def __str__(self) -> str:
        return self.name

    def shown_on_public_pages(self) -> bool:
        """As its document (portal/pagecache.py)."""
        try:
            return self.document.shown_on_public_pages()
        except Document.DoesNotExist:  # deleted with its document
            return True


# The confidentiality checklist every reviewer answers (保密审查制度: no state secret, no commercial secret, no
# personal privacy, and the content checked).
CHECKLIST = (
    ("no_state_secret", "不涉及国家秘密"),
    ("no_commercial_secret", "不涉及商业秘密"),
    ("no_privacy", "不涉及个人隐私"),
    ("accuracy_checked", "内容准确、完整，已校对"),
)


class DocumentHistory(HistoryRecord):
    """One row per action on a document: reviews carry the level, decision and checklist answers; every row carries
    the review round it belongs to."""

    class Action(models.TextChoices):
        CREATE = "create", "起草"
        EDIT = "edit", "修改"
        ATTACH = "attach", "上传附件"
        DETACH = "detach", "删除附件"
        SUBMIT = "submit", "报送审核"
        REVIEW = "review", "审核"
        OVERRIDE = "override", "放行保密扫描结果"
        WITHDRAW = "withdraw", "撤回"
        VALIDITY = "validity", "变更有效性"
        IMPORT = "import", "导入发布"
        PUBLISH_WITH_POLICY = "publish_with_policy", "随政策同步发布"
        RETURN_WITH_POLICY = "return_with_policy", "政策未发布，解读退回"

    class Decision(models.TextChoices):
        PASS = "pass", "通过"
        RETURN = "return", "退回修改"
        REJECT = "reject", "不予发布"

    STATUS = Document.Status

    document = models.ForeignKey(Document, verbose_name="信息", on_delete=models.PROTECT, related_name="history")
    action = models.CharField("操作", max_length=40, choices=Action.choices)
    review_round = models.PositiveIntegerField("审核轮次", default=0)
    level = models.CharField("审核级别", max_length=10, choices=ReviewLevel.choices, blank=True)
    decision = models.CharField("审核结论", max_length=10, choices=Decision.choices, blank=True)
    checklist = models.JSONField("保密审查清单", default=dict, blank=True)

    class Meta(HistoryRecord.Meta):
        verbose_name = "处理记录"
        verbose_name_plural = "处理记录"
        indexes = [models.Index(fields=["document", "review_round"], name="dochist_doc_round")]

    @property
    def checklist_items(self) -> list[tuple[str, bool]]:
        return [(label, self.checklist[key]) for key, label in CHECKLIST if key in self.checklist]


class IndexCounter(models.Model):
    """The last 索引号 serial issued by a unit in a year. Publishing locks this row (select_for_update) so serials
    are gapless and unique even when many documents are published at once."""

    organization = models.ForeignKey(Organization, verbose_name="单位", on_delete=models.PROTECT, related_name="+")
    year = models.PositiveIntegerField("年份")
    last_serial = models.PositiveIntegerField("已用序号", default=0)

    class Meta:
        verbose_name = "索引号计数器"
        verbose_name_plural = "索引号计数器"
        constraints = [models.UniqueConstraint(fields=["organization", "year"], name="one_index_counter_per_unit_year")]

    def __str__(self) -> str:
        return f"{self.organization.code}/{self.year}: {self.last_serial}"


class SensitiveWord(models.Model):
    """Admin-edited words the confidentiality scan looks for."""

    word = models.CharField("敏感词", max_length=50, unique=True)
    is_blocking = models.BooleanField("阻断发布", default=True, help_text="勾选后命中此词将阻止终审，直至修改或放行。")
    note = models.CharField("说明", max_length=200, blank=True)
    is_active = models.BooleanField("启用", default=True)

    class Meta:
        verbose_name = "敏感词"
        verbose_name_plural = "敏感词"
        ordering = ["word"]

    def __str__(self) -> str:
        return self.word
