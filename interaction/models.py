"""政民互动: citizens' messages (留言), site error reports (纠错) and public consultations (意见征集).

Every status change goes through ``interaction.services``; every due date is stored on its row (indexed) and
recomputed when the working-day calendar changes."""

from __future__ import annotations

from datetime import datetime

from dateutil.relativedelta import relativedelta
from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone

from portal.clocks import ClockState, PageClock
from portal.models import HistoryRecord, Organization
from portal.private_files import private_storage
from portal.scoping import OrgScopedQuerySet
from portal.uploads import UploadTo

from . import conf


def page_clock(items) -> PageClock:
    """The clocks of a page of messages or 纠错 reports from one calendar read; "due soon" is the app's own window
    (MESSAGE_DUE_SOON_WORKDAYS)."""
    return PageClock([item.clock_due_on for item in items], soon_workdays=conf.due_soon_workdays())


def month_key(moment: datetime) -> int:
    """YYYYMM of a moment in the site's time zone."""
    local = timezone.localtime(moment)
    return local.year * 100 + local.month


class MessageQuerySet(OrgScopedQuerySet):
    org_field = "unit"

    def published(self):
        return self.filter(status=Message.Status.PUBLISHED)

    def open(self):
        return self.filter(status__in=Message.OPEN_STATES)

    def red_flagged(self, now: datetime | None = None):
        """Accepted or pending messages still without a valid reply more than N months after receipt."""
        cutoff = (now or timezone.now()) - relativedelta(months=conf.red_flag_months())
        return self.open().filter(received_at__lt=cutoff)


class Message(models.Model):
    class Kind(models.TextChoices):
        CONSULT = "consult", "咨询"
        SUGGEST = "suggest", "建议"
        COMPLAIN = "complain", "投诉"
        HELP = "help", "求助"
        OTHER = "other", "其他"

    class Status(models.TextChoices):
        SUBMITTED = "submitted", "待审核"
        REJECTED = "rejected", "不予受理"
        ACCEPTED = "accepted", "待分办"
        PROCESSING = "processing", "办理中"
        REPLY_REVIEW = "reply_review", "答复待审核"
        REPLIED = "replied", "已答复"
        PUBLISHED = "published", "已公开"
        CLOSED = "closed", "已办结"

    class RejectReason(models.TextChoices):
        OUT_OF_SCOPE = "out_of_scope", "不属于本网站受理范围"
        ABUSIVE = "abusive", "含有辱骂、攻击或违法内容"
        DUPLICATE = "duplicate", "重复留言"
        PETITION = "petition", "属于信访事项，请通过信访渠道反映"
        LITIGATION = "litigation", "属于诉讼、仲裁、行政复议等法定途径处理的事项"
        UNCLEAR = "unclear", "内容不清，无法办理"
        OTHER = "other", "其他"

    class Satisfaction(models.TextChoices):
        SATISFIED = "satisfied", "满意"
        BASIC = "basic", "基本满意"
        UNSATISFIED = "unsatisfied", "不满意"

    TRACKING_PREFIX = "LY"
    # Not yet answered: these count towards the 3-month red flag.
    OPEN_STATES = (Status.SUBMITTED, Status.ACCEPTED, Status.PROCESSING, Status.REPLY_REVIEW)
    ANSWERED_STATES = (Status.REPLIED, Status.PUBLISHED, Status.CLOSED)

    tracking_number = models.CharField("留言编号", max_length=20, unique=True)
    password_hash = models.CharField("查询密码", max_length=128)
    kind = models.CharField("留言类型", max_length=20, choices=Kind.choices)
    title = models.CharField("标题", max_length=conf.TITLE_MAX)
    content = models.TextField("留言内容")
    name = models.CharField("姓名", max_length=50)
    phone = models.CharField("联系电话", max_length=20)
    email = models.EmailField("电子邮箱", blank=True)
    agrees_to_publish = models.BooleanField("同意公开", default=False)
    attachment = models.FileField(
        "附件", upload_to=UploadTo("interaction/messages"), storage=private_storage, blank=True
    )
    attachment_name = models.CharField("附件原名", max_length=200, blank=True)
    submitter_ip = models.GenericIPAddressField("提交地址", null=True, blank=True)

    status = models.CharField("状态", max_length=20, choices=Status.choices, default=Status.SUBMITTED)
    received_at = models.DateTimeField("收到时间", default=timezone.now, db_index=True)
    # YYYYMM of received_at in Asia/Shanghai: the statistics group by it natively (SQLite's TruncMonth calls Python
    # per row, 100,000 rows took seconds).
    received_month = models.PositiveIntegerField("收到月份", editable=False, default=0)
    accepted_at = models.DateTimeField("受理时间", null=True, blank=True)
    reject_reason = models.CharField("不予受理原因", max_length=20, choices=RejectReason.choices, blank=True)
    reject_note = models.TextField("不予受理说明", blank=True)

    unit = models.ForeignKey(
        Organization, verbose_name="办理单位", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    instruction = models.TextField("领导批示", blank=True)
    dispatched_at = models.DateTimeField("分办时间", null=True, blank=True)
    clock_workdays = models.PositiveSmallIntegerField("办理时限（工作日）", default=0)
    extension_workdays = models.PositiveSmallIntegerField("延期（工作日）", default=0)
    extension_reason = models.TextField("延期理由", blank=True)
    # Stored and indexed: reminders, the workbench and the overdue list filter on it.
    due_on = models.DateField("答复期限", null=True, blank=True, db_index=True)

    reply = models.TextField("答复内容", blank=True)
    replied_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="答复人",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    reply_submitted_at = models.DateTimeField("单位答复时间", null=True, blank=True)
    replied_at = models.DateTimeField("答复日期", null=True, blank=True, db_index=True)
    # Frozen when the unit answers, so the statistics never change when the calendar is edited later.
    replied_on_time = models.BooleanField("按时答复", null=True, blank=True)
    handling_workdays = models.PositiveIntegerField("办理用时（工作日）", null=True, blank=True)
    published_at = models.DateTimeField("公开时间", null=True, blank=True, db_index=True)
    closed_at = models.DateTimeField("办结时间", null=True, blank=True)

    satisfaction = models.CharField("满意度", max_length=20, choices=Satisfaction.choices, blank=True)
    rating_comment = models.TextField("评价意见", blank=True)
    rated_at = models.DateTimeField("评价时间", null=True, blank=True)

    # Side effects done (a periodic sweep redoes what a lost task left undone).
    unit_notified_at = models.DateTimeField(null=True, blank=True, editable=False)
    writer_notified_at = models.DateTimeField(null=True, blank=True, editable=False)

    objects = MessageQuerySet.as_manager()

    class Meta:
        verbose_name = "留言"
        verbose_name_plural = "留言"
        ordering = ["-received_at", "-id"]
        indexes = [
            # The public list: published replies, newest first.
            models.Index(fields=["status", "-published_at"], name="msg_status_published"),
            # A unit's inbox and the reminder sweep: open items by unit and due date.
            models.Index(fields=["unit", "status", "due_on"], name="msg_unit_status_due"),
            # The statistics: one year's rows grouped by (month, unit). Covering every column the statistics count,
            # so the scan never reads the wide rows: 100,000 messages in 0.14 s instead of 0.8 s on SQLite.
            models.Index(
                fields=[
                    "received_month",
                    "unit",
                    "status",
                    "accepted_at",
                    "replied_at",
                    "replied_on_time",
                    "handling_workdays",
                    "satisfaction",
                ],
                name="msg_stats_cover",
            ),  # fmt: skip
        ]

    def __str__(self) -> str:
        return f"{self.tracking_number} {self.title}"

    def save(self, *args, **kwargs):
        self.received_month = month_key(self.received_at)
        super().save(*args, **kwargs)

    @property
    def is_open(self) -> bool:
        return self.status in self.OPEN_STATES

    @property
    def is_answered(self) -> bool:
        return self.status in self.ANSWERED_STATES

    @property
    def is_red_flagged(self) -> bool:
        cutoff = timezone.now() - relativedelta(months=conf.red_flag_months())
        return self.is_open and self.received_at < cutoff

    @property
    def clock_due_on(self):
        """The unit's reply clock runs from dispatch until the reply is released."""
        return self.due_on if self.status in (self.Status.PROCESSING, self.Status.REPLY_REVIEW) else None

    def clock(self, page: PageClock) -> ClockState | None:
        """The badge: the running clock, 已办结 once answered, none before dispatch or after a rejection."""
        if self.is_answered:
            return page.state(None, done=True)
        return page.state(self.clock_due_on) if self.clock_due_on else None

    @property
    def public_status(self) -> str:
        """What the writer is told: internal steps (review of the reply) read as 办理中."""
        if self.status == self.Status.REPLY_REVIEW:
            return self.Status.PROCESSING.label
        return self.get_status_display()


class MessageHistory(HistoryRecord):
    class Action(models.TextChoices):
        SUBMIT = "submit", "提交留言"
        ACCEPT = "accept", "受理"
        REJECT = "reject", "不予受理"
        DISPATCH = "dispatch", "分办"
        RETURN = "return", "退回"
        EXTEND = "extend", "延期"
        SUBMIT_REPLY = "submit_reply", "提交答复"
        REPLY = "reply", "答复"
        APPROVE_REPLY = "approve_reply", "审核通过答复"
        SEND_BACK = "send_back", "答复退回修改"
        PUBLISH = "publish", "公开"
        CLOSE = "close", "办结"
        UNPUBLISH = "unpublish", "撤销公开"
        RATE = "rate", "评价"

    STATUS = Message.Status

    message = models.ForeignKey(Message, verbose_name="留言", on_delete=models.CASCADE, related_name="history")
    action = models.CharField("操作", max_length=40, choices=Action.choices)

    class Meta(HistoryRecord.Meta):
        verbose_name = "留言办理记录"
        verbose_name_plural = "留言办理记录"


class CorrectionQuerySet(OrgScopedQuerySet):
    org_field = "unit"


class Correction(models.Model):
    """A 「我要纠错」 report about a page of this site (the county's 政府网站 rules, art. 20: forward in 1 working day, fix in 2 more)."""

    class Kind(models.TextChoices):
        TYPO = "typo", "错别字"
        BROKEN_LINK = "broken_link", "链接无法访问"
        OUTDATED = "outdated", "内容过期或不准确"
        DISPLAY = "display", "页面或图片无法正常显示"
        OTHER = "other", "其他"

    class Status(models.TextChoices):
        RECEIVED = "received", "待转办"
        FORWARDED = "forwarded", "处理中"
        REPLIED = "replied", "已处理"
        DISMISSED = "dismissed", "不予处理"

    OPEN_STATES = (Status.RECEIVED, Status.FORWARDED)
    TRACKING_PREFIX = "JC"

    # The citizen's reference: a number and a query password shown once (reports filed before had none).
    tracking_number = models.CharField("纠错编号", max_length=20, unique=True, null=True, blank=True)
    password_hash = models.CharField("查询密码", max_length=128, blank=True)
    page_url = models.CharField("页面地址", max_length=500)
    kind = models.CharField("错误类型", max_length=20, choices=Kind.choices)
    description = models.TextField("问题描述")
    name = models.CharField("姓名", max_length=50, blank=True)
    phone = models.CharField("联系电话", max_length=20, blank=True)
    email = models.EmailField("电子邮箱", blank=True)
    submitter_ip = models.GenericIPAddressField("提交地址", null=True, blank=True)

    status = models.CharField("状态", max_length=20, choices=Status.choices, default=Status.RECEIVED)
    received_at = models.DateTimeField("收到时间", default=timezone.now, db_index=True)
    forward_due_on = models.DateField("转办期限", null=True, blank=True, db_index=True)
    unit = models.ForeignKey(
        Organization, verbose_name="处理单位", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    forward_note = models.TextField("转办说明", blank=True)
    forwarded_at = models.DateTimeField("转办时间", null=True, blank=True)
    forwarded_on_time = models.BooleanField("按时转办", null=True, blank=True)
    fix_due_on = models.DateField("处理期限", null=True, blank=True, db_index=True)
    reply = models.TextField("处理结果", blank=True)
    replied_at = models.DateTimeField("处理时间", null=True, blank=True)
    replied_on_time = models.BooleanField("按时处理", null=True, blank=True)
    dismiss_reason = models.TextField("不予处理理由", blank=True)
    unit_notified_at = models.DateTimeField(null=True, blank=True, editable=False)
    reporter_notified_at = models.DateTimeField(null=True, blank=True, editable=False)

    objects = CorrectionQuerySet.as_manager()

    class Meta:
        verbose_name = "网站纠错"
        verbose_name_plural = "网站纠错"
        ordering = ["-received_at", "-id"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}：{self.page_url}"

    @property
    def is_open(self) -> bool:
        return self.status in self.OPEN_STATES

    @property
    def clock_due_on(self):
        """The office's forwarding clock, then the unit's fixing clock."""
        if self.status == self.Status.RECEIVED:
            return self.forward_due_on
        if self.status == self.Status.FORWARDED:
            return self.fix_due_on
        return None

    def clock(self, page: PageClock) -> ClockState:
        return page.state(self.clock_due_on, done=not self.is_open)


class CorrectionHistory(HistoryRecord):
    class Action(models.TextChoices):
        SUBMIT = "submit", "提交纠错"
        FORWARD = "forward", "转办"
        REPLY = "reply", "处理并答复"
        DISMISS = "dismiss", "不予处理"

    STATUS = Correction.Status

    correction = models.ForeignKey(Correction, verbose_name="纠错", on_delete=models.CASCADE, related_name="history")
    action = models.CharField("操作", max_length=40, choices=Action.choices)

    class Meta(HistoryRecord.Meta):
        verbose_name = "纠错办理记录"
        verbose_name_plural = "纠错办理记录"


class Consultation(models.Model):
    """意见征集 (决策预公开). The county's 公众参与制度, art. 4: publish the background, the window, how to take part and
    the contact unit; art. 8: feed back how the opinions were used."""

    class Status(models.TextChoices):
        DRAFT = "draft", "草稿"
        PUBLISHED = "published", "已发布"

    class Phase(models.TextChoices):
        DRAFT = "draft", "草稿"
        UPCOMING = "upcoming", "未开始"
        OPEN = "open", "征集中"
        CLOSED = "closed", "已结束"
        FEEDBACK = "feedback", "已反馈"

    title = models.CharField("标题", max_length=200)
    background = models.TextField("背景说明")
    draft_text = models.TextField("征求意见稿")
    draft_attachment = models.FileField("征求意见稿附件", upload_to=UploadTo("interaction/consultations"), blank=True)
    draft_attachment_name = models.CharField("附件原名", max_length=200, blank=True)
    starts_at = models.DateTimeField("开始时间")
    ends_at = models.DateTimeField("截止时间", db_index=True)
    how_to_participate = models.TextField(
        "参与方式", default="在本页面填写意见建议并提交；也可通过信函、电子邮件向联系单位提出。"
    )
    contact_unit = models.ForeignKey(Organization, verbose_name="联系单位", on_delete=models.PROTECT, related_name="+")
    contact_details = models.CharField("联系方式", max_length=200, help_text="联系电话、电子邮箱或通信地址")
    status = models.CharField("状态", max_length=20, choices=Status.choices, default=Status.DRAFT)
    published_at = models.DateTimeField("发布时间", null=True, blank=True)
    feedback = models.TextField("意见采纳情况", blank=True)
    feedback_published_at = models.DateTimeField("反馈时间", null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="创建人", null=True, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField("创建时间", auto_now_add=True)

    class Meta:
        verbose_name = "意见征集"
        verbose_name_plural = "意见征集"
        ordering = ["-starts_at", "-id"]
        constraints = [
            models.CheckConstraint(condition=Q(ends_at__gt=models.F("starts_at")), name="consultation_window_valid")
        ]

    def __str__(self) -> str:
        return self.title

    def phase(self, now: datetime | None = None) -> str:
        now = now or timezone.now()
        if self.status == self.Status.DRAFT:
            return self.Phase.DRAFT
        if self.feedback_published_at:
            return self.Phase.FEEDBACK
        if now < self.starts_at:
            return self.Phase.UPCOMING
        if now < self.ends_at:
            return self.Phase.OPEN
        return self.Phase.CLOSED

    @property
    def phase_label(self) -> str:
        return self.Phase(self.phase()).label

    @property
    def is_open(self) -> bool:
        return self.phase() == self.Phase.OPEN

    @property
    def has_closed(self) -> bool:
        return self.status == self.Status.PUBLISHED and timezone.now() >= self.ends_at


class ConsultationHistory(HistoryRecord):
    class Action(models.TextChoices):
        CREATE = "create", "创建"
        EDIT = "edit", "修改"
        PUBLISH = "publish", "发布"
        PUBLISH_OPINION = "publish_opinion", "公开意见"
        UNPUBLISH_OPINION = "unpublish_opinion", "取消公开意见"
        PUBLISH_FEEDBACK = "publish_feedback", "发布采纳情况"

    STATUS = Consultation.Status

    consultation = models.ForeignKey(
        Consultation, verbose_name="意见征集", on_delete=models.CASCADE, related_name="history"
    )
    action = models.CharField("操作", max_length=40, choices=Action.choices)

    class Meta(HistoryRecord.Meta):
        verbose_name = "意见征集记录"
        verbose_name_plural = "意见征集记录"


class Opinion(models.Model):
    """One submitted opinion. Not public one by one unless office staff choose (is_public)."""

    consultation = models.ForeignKey(
        Consultation, verbose_name="意见征集", on_delete=models.CASCADE, related_name="opinions"
    )
    name = models.CharField("姓名或单位", max_length=100)
    phone = models.CharField("联系电话", max_length=20, blank=True)
    email = models.EmailField("电子邮箱", blank=True)
    content = models.TextField("意见建议")
    submitted_at = models.DateTimeField("提交时间", default=timezone.now)
    submitter_ip = models.GenericIPAddressField("提交地址", null=True, blank=True)
    is_public = models.BooleanField("公开展示", default=False)

    class Meta:
        verbose_name = "征集意见"
        verbose_name_plural = "征集意见"
        ordering = ["submitted_at", "id"]

    def __str__(self) -> str:
        return f"{self.consultation_id}: {self.content[:20]}"


class Reminder(models.Model):
    """One reminder sent for one item on one day: the unique constraint makes the daily task idempotent."""

    class ItemType(models.TextChoices):
        MESSAGE = "message", "留言"
        CORRECTION_FORWARD = "correction_forward", "纠错转办"
        CORRECTION_FIX = "correction_fix", "纠错处理"

    class Kind(models.TextChoices):
        DUE_TODAY = "due_today", "今日到期"
        OVERDUE = "overdue", "已超期"

    item_type = models.CharField("事项类型", max_length=30, choices=ItemType.choices)
    item_id = models.PositiveBigIntegerField("事项")
    on_date = models.DateField("提醒日期")
    kind = models.CharField("提醒类型", max_length=20, choices=Kind.choices)
    unit = models.ForeignKey(Organization, verbose_name="单位", null=True, on_delete=models.PROTECT, related_name="+")
    recipients = models.PositiveIntegerField("收件人数", default=0)
    created_at = models.DateTimeField("发送时间", auto_now_add=True)

    class Meta:
        verbose_name = "催办提醒"
        verbose_name_plural = "催办提醒"
        constraints = [
            # Once per item per day: the daily reminder may run twice and sends nothing new.
            models.UniqueConstraint(fields=["item_type", "item_id", "on_date"], name="reminder_once_per_day")
        ]

    def __str__(self) -> str:
        return f"{self.get_item_type_display()} #{self.item_id} {self.on_date:%Y-%m-%d} {self.get_kind_display()}"
