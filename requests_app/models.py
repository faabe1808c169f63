"""依申请公开: the application, its clock (pauses and extensions as rows of their own), its letters and its timeline.

The clock (条例 Art. 30-33): the reply is due ``reply_workdays`` working days after ``clock_start_on`` (the day of receipt,
or the day a corrected application arrived), plus every approved extension, plus the working days spent waiting for
third parties. ``due_on`` is stored (indexed) and recomputed by ``services.compute_due_on`` on every event that can
move it and whenever the calendar's override table changes."""

from __future__ import annotations

from django.conf import settings
from django.db import models

from portal.masking import mask_email, mask_id_number, mask_phone
from portal.models import HistoryRecord, Organization
from portal.private_files import private_storage
from portal.scoping import OrgScopedQuerySet
from portal.uploads import UploadTo


class ApplicantType(models.TextChoices):
    """The columns of the annual report's table 三 (国办公开办函〔2021〕30号), in order."""

    NATURAL = "natural", "自然人"
    BUSINESS = "business", "商业企业"
    RESEARCH = "research", "科研机构"
    NONPROFIT = "nonprofit", "社会公益组织"
    LEGAL = "legal", "法律服务机构"
    OTHER_ORG = "other_org", "其他组织"


class Result(models.TextChoices):
    """Reply categories: exactly the rows of table 三 section 三 (国办公开办函〔2021〕30号)."""

    DISCLOSED = "disclosed", "予以公开"
    PARTIAL = "partial", "部分公开"
    WITHHELD_SECRET = "withheld_1", "不予公开-属于国家秘密"
    WITHHELD_LAW = "withheld_2", "不予公开-其他法律行政法规禁止公开"
    WITHHELD_SAFETY = "withheld_3", "不予公开-危及“三安全一稳定”"
    WITHHELD_THIRD_PARTY = "withheld_4", "不予公开-保护第三方合法权益"
    WITHHELD_INTERNAL = "withheld_5", "不予公开-属于三类内部事务信息"
    WITHHELD_PROCESS = "withheld_6", "不予公开-属于四类过程性信息"
    WITHHELD_ENFORCEMENT = "withheld_7", "不予公开-属于行政执法案卷"
    WITHHELD_QUERY = "withheld_8", "不予公开-属于行政查询事项"
    UNAVAILABLE_NOT_HELD = "unavailable_1", "无法提供-本机关不掌握相关政府信息"
    UNAVAILABLE_NEEDS_CREATION = "unavailable_2", "无法提供-没有现成信息需要另行制作"
    UNAVAILABLE_UNCLEAR = "unavailable_3", "无法提供-补正后申请内容仍不明确"
    NOT_HANDLED_PETITION = "not_handled_1", "不予处理-信访举报投诉类申请"
    NOT_HANDLED_REPEAT = "not_handled_2", "不予处理-重复申请"
    NOT_HANDLED_PUBLICATION = "not_handled_3", "不予处理-要求提供公开出版物"
    NOT_HANDLED_EXCESSIVE = "not_handled_4", "不予处理-无正当理由大量反复申请"
    NOT_HANDLED_CONFIRM = "not_handled_5", "不予处理-要求行政机关确认或重新出具已获取信息"
    OTHER_NO_CORRECTION = "other_1", "其他处理-申请人无正当理由逾期不补正"
    OTHER_NO_FEE = "other_2", "其他处理-申请人逾期未按收费通知要求缴纳费用"
    OTHER = "other_3", "其他处理-其他"


class Channel(models.TextChoices):
    ONLINE = "online", "网上申请"
    LETTER = "letter", "信函申请"
    IN_PERSON = "in_person", "当面申请"
    FAX = "fax", "传真申请"


class IdType(models.TextChoices):
    ID_CARD = "id_card", "居民身份证"
    PASSPORT = "passport", "护照"
    HK_MACAO = "hk_macao", "港澳居民来往内地通行证"
    TAIWAN = "taiwan", "台湾居民来往大陆通行证"
    OTHER = "other", "其他有效身份证件"


class FormWanted(models.TextChoices):
    PAPER = "paper", "纸质"
    ELECTRONIC = "electronic", "电子"


class Delivery(models.TextChoices):
    POST = "post", "邮寄"
    EMAIL = "email", "电子邮件"
    PICKUP = "pickup", "自行领取"
    ONLINE = "online", "网上获取"


class ApplicationQuerySet(OrgScopedQuerySet):
    # A unit's handlers see the applications assigned to their unit; office staff see all.
    org_field = "handling_unit"

    def open(self):
        return self.filter(status__in=Application.OPEN_STATES)

    def concluded(self):
        return self.filter(status__in=Application.CONCLUDED_STATES)


class Application(models.Model):
    class Status(models.TextChoices):
        SUBMITTED = "submitted", "待确认接收"
        PROCESSING = "processing", "办理中"
        CORRECTION = "correction", "待补正"
        THIRD_PARTY = "third_party", "征求第三方意见"
        FEE = "fee", "待缴纳信息处理费"
        DRAFTED = "drafted", "答复待审核"
        REPLIED = "replied", "已答复"
        CLOSED = "closed", "已终止"
        WITHDRAWN = "withdrawn", "已撤回"

    TRACKING_PREFIX = "YSQ"
    OPEN_STATES = (
        Status.SUBMITTED, Status.PROCESSING, Status.CORRECTION, Status.THIRD_PARTY, Status.FEE, Status.DRAFTED,
    )  # fmt: skip
    RUNNING_STATES = (Status.PROCESSING, Status.DRAFTED)  # the reply clock runs
    PAUSED_STATES = (Status.CORRECTION, Status.THIRD_PARTY, Status.FEE)
    CONCLUDED_STATES = (Status.REPLIED, Status.CLOSED, Status.WITHDRAWN)

    tracking_number = models.CharField("申请编号", max_length=20, unique=True)
    password_hash = models.CharField("查询密码（哈希）", max_length=128)

    applicant_type = models.CharField("申请人类型", max_length=20, choices=ApplicantType.choices)
    applicant_name = models.CharField("申请人姓名/名称", max_length=100)
    id_type = models.CharField("证件类型", max_length=20, choices=IdType.choices, blank=True)
    # Never shown in full outside the handling staff: public pages, letters and e-mails use the masked form.
    id_number = models.CharField("证件号码", max_length=40, blank=True)
    credit_code = models.CharField("统一社会信用代码", max_length=18, blank=True)
    legal_representative = models.CharField("法定代表人/负责人", max_length=50, blank=True)
    contact_person = models.CharField("联系人", max_length=50, blank=True)
    phone = models.CharField("联系电话", max_length=20)
    email = models.EmailField("电子邮箱", blank=True)
    address = models.CharField("通信地址", max_length=200)
    postcode = models.CharField("邮政编码", max_length=6, blank=True)

    info_title = models.CharField("所需信息名称", max_length=200, blank=True)
    info_doc_number = models.CharField("文号", max_length=100, blank=True)
    info_description = models.TextField("所需信息的内容描述", blank=True)
    form_wanted = models.CharField("信息的指定提供载体形式", max_length=20, choices=FormWanted.choices)
    delivery = models.CharField("获取信息的方式", max_length=20, choices=Delivery.choices)

    organization = models.ForeignKey(
        Organization, verbose_name="被申请机关", on_delete=models.PROTECT, related_name="requests_received"
    )
    handling_unit = models.ForeignKey(
        Organization,
        verbose_name="承办单位",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="requests_handled",
    )
    channel = models.CharField("申请渠道", max_length=20, choices=Channel.choices)
    status = models.CharField("状态", max_length=20, choices=Status.choices, default=Status.SUBMITTED)

    # --- the clock
    received_on = models.DateField("收到申请日期", null=True, blank=True)
    clock_start_on = models.DateField("计时起始日", null=True, blank=True)
    reply_workdays = models.PositiveSmallIntegerField("答复期限（工作日）", default=15)
    due_on = models.DateField("答复期限", null=True, blank=True)
    # While the clock is stopped: the correction deadline or the third party's answer deadline.
    pause_deadline = models.DateField("暂停期限", null=True, blank=True)

    # --- the reply
    result = models.CharField("办理结果", max_length=20, choices=Result.choices, blank=True)
    reply_text = models.TextField("答复内容", blank=True)
    referral_agency = models.CharField(
        "负责公开的机关及联系方式", max_length=200, blank=True, help_text="非本机关政府信息时填写"
    )
    reply_drafted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="答复拟稿人", null=True, blank=True, on_delete=models.PROTECT,
        related_name="+",
    )  # fmt: skip
    replied_at = models.DateTimeField("答复时间", null=True, blank=True)
    concluded_on = models.DateField("办结日期", null=True, blank=True)
    withdraw_reason = models.CharField("撤回理由", max_length=500, blank=True)

    registered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="登记人", null=True, blank=True, on_delete=models.PROTECT,
        related_name="+",
    )  # fmt: skip
    created_at = models.DateTimeField("提交时间", auto_now_add=True)
    updated_at = models.DateTimeField("更新时间", auto_now=True)

    objects = ApplicationQuerySet.as_manager()

    class Meta:
        verbose_name = "政府信息公开申请"
        verbose_name_plural = "政府信息公开申请"
        ordering = ["-created_at", "-id"]
        indexes = [
            # The workbench: a unit's open applications by due date; the office's by state and due date.
            models.Index(fields=["handling_unit", "status", "due_on"], name="req_unit_status_due"),
            models.Index(fields=["status", "due_on"], name="req_status_due"),
            models.Index(fields=["due_on"], name="req_due"),
            # The full list and the export: newest first.
            models.Index(fields=["-created_at", "-id"], name="req_created"),
            # Table 三: received in a year / concluded in a year, per organisation asked.
            models.Index(fields=["organization", "received_on"], name="req_org_received"),
            models.Index(fields=["received_on"], name="req_received"),
            models.Index(fields=["concluded_on"], name="req_concluded"),
        ]
        constraints = [
            # Table 三's identity relies on this: nothing is concluded before it was received.
            models.CheckConstraint(
                condition=models.Q(concluded_on__isnull=True)
                | models.Q(received_on__isnull=True)
                | models.Q(concluded_on__gte=models.F("received_on")),
                name="req_concluded_after_received",
            ),
        ]

    def __str__(self) -> str:
        return self.tracking_number

    # --- predicates
    @property
    def is_open(self) -> bool:
        return self.status in self.OPEN_STATES

    @property
    def is_concluded(self) -> bool:
        return self.status in self.CONCLUDED_STATES

    @property
    def is_paused(self) -> bool:
        return self.status in self.PAUSED_STATES

    @property
    def clock_due_on(self):
        """The date the next step is due: the reply while the clock runs, the 补正 or third party's answer while
        it is stopped."""
        return self.due_on if self.status in self.RUNNING_STATES else self.pause_deadline

    @property
    def is_organization_applicant(self) -> bool:
        return self.applicant_type != ApplicantType.NATURAL

    # --- masked views of personal data (public pages, letters, e-mails)
    @property
    def masked_id_number(self) -> str:
        return mask_id_number(self.id_number)

    @property
    def masked_phone(self) -> str:
        return mask_phone(self.phone)

    @property
    def masked_email(self) -> str:
        return mask_email(self.email)

    @property
    def identity_display(self) -> str:
        """For letters and receipts: the document type with its number masked."""
        if self.is_organization_applicant:
            return f"统一社会信用代码 {mask_id_number(self.credit_code)}" if self.credit_code else ""
        if not self.id_number:
            return ""
        return f"{self.get_id_type_display()} {self.masked_id_number}"

    @property
    def info_summary(self) -> str:
        parts = [self.info_title, self.info_doc_number and f"（{self.info_doc_number}）", self.info_description]
        return " ".join(p for p in parts if p)

    @property
    def public_status_label(self) -> str:
        # The internal approval step is no concern of the applicant's.
        if self.status == self.Status.DRAFTED:
            return self.Status.PROCESSING.label
        return self.get_status_display()


class ClockPause(models.Model):
    """A stop of the reply clock: 补正 (Art. 30: restarts the clock in full), 征求第三方意见 (Art. 32-33: the
    waiting days are not counted) or a 收费通知 (Art. 42, 国办函〔2020〕109号: the days from the notice to payment are
    not counted). Kept as a row each, with the due dates before and after (like NYC OpenRecords)."""

    class Kind(models.TextChoices):
        CORRECTION = "correction", "补正"
        THIRD_PARTY = "third_party", "征求第三方意见"
        FEE = "fee", "收费通知"

    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="pauses")
    kind = models.CharField("类型", max_length=20, choices=Kind.choices)
    reason = models.TextField("补正事项/征求意见事项")
    third_party = models.CharField("第三方", max_length=200, blank=True)
    started_on = models.DateField("开始日期")
    deadline = models.DateField("补正期限/答复期限")
    ended_on = models.DateField("结束日期", null=True, blank=True)
    outcome = models.TextField("补正内容/第三方意见", blank=True)
    due_before = models.DateField("暂停前答复期限", null=True, blank=True)
    due_after = models.DateField("恢复后答复期限", null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="发起人", null=True, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField("创建时间", auto_now_add=True)

    class Meta:
        verbose_name = "计时暂停"
        verbose_name_plural = "计时暂停"
        ordering = ["started_on", "id"]
        constraints = [
            # Art. 30: one 补正 per application.
            models.UniqueConstraint(
                fields=["application"], condition=models.Q(kind="correction"), name="req_one_correction"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.application} {self.get_kind_display()} {self.started_on}"

    @property
    def is_open(self) -> bool:
        return self.ended_on is None


class Extension(models.Model):
    """Art. 33: one extension, requested by the handler with a reason, approved by the office, applicant told."""

    class Status(models.TextChoices):
        PENDING = "pending", "待审批"
        APPROVED = "approved", "已批准"
        REJECTED = "rejected", "未批准"

    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="extensions")
    reason = models.TextField("延期理由")
    workdays = models.PositiveSmallIntegerField("延长工作日")
    status = models.CharField("状态", max_length=20, choices=Status.choices, default=Status.PENDING)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="申请人", on_delete=models.PROTECT, related_name="+"
    )
    requested_at = models.DateTimeField("申请时间", auto_now_add=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="审批人", null=True, blank=True, on_delete=models.PROTECT,
        related_name="+",
    )  # fmt: skip
    decided_at = models.DateTimeField("审批时间", null=True, blank=True)
    decision_opinion = models.TextField("审批意见", blank=True)
    due_before = models.DateField("原答复期限", null=True, blank=True)
    due_after = models.DateField("延期后答复期限", null=True, blank=True)

    class Meta:
        verbose_name = "延期答复"
        verbose_name_plural = "延期答复"
        ordering = ["requested_at", "id"]
        constraints = [
            # Art. 33: at most one extension is granted (or waiting) per application.
            models.UniqueConstraint(
                fields=["application"],
                condition=models.Q(status__in=["pending", "approved"]),
                name="req_one_live_extension",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.application} 延期 {self.get_status_display()}"


class ApplicationFile(models.Model):
    class Kind(models.TextChoices):
        SUPPORTING = "supporting", "申请材料"
        CORRECTION = "correction", "补正材料"
        RELEASED = "released", "公开的政府信息"

    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="files")
    kind = models.CharField("类型", max_length=20, choices=Kind.choices)
    file = models.FileField("文件", upload_to=UploadTo("requests/files"), storage=private_storage)
    name = models.CharField("文件名", max_length=200)
    size = models.PositiveBigIntegerField("大小", default=0)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="上传人", null=True, blank=True, on_delete=models.PROTECT,
        related_name="+",
    )  # fmt: skip
    created_at = models.DateTimeField("上传时间", auto_now_add=True)

    class Meta:
        verbose_name = "申请附件"
        verbose_name_plural = "申请附件"
        ordering = ["created_at", "id"]

    def __str__(self) -> str:
        return self.name


class Letter(models.Model):
    """A generated document (登记回执, 补正通知书, 征求意见书, 延期答复告知书, 答复告知书), archived as a PDF.

    The row is written with the event; the PDF is rendered after commit by a task, and a sweep renders any that a
    lost task left without a file."""

    class Kind(models.TextChoices):
        RECEIPT = "receipt", "登记回执"
        CORRECTION = "correction", "补正通知书"
        THIRD_PARTY = "third_party", "征求意见书"
        EXTENSION = "extension", "延期答复告知书"
        REPLY = "reply", "答复告知书"
        FEE = "fee", "收费通知书"

    PUBLIC_KINDS = (
        Kind.RECEIPT,
        Kind.CORRECTION,
        Kind.EXTENSION,
        Kind.REPLY,
        Kind.FEE,
    )  # the 征求意见书 goes to the third party

    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="letters")
    kind = models.CharField("类型", max_length=20, choices=Kind.choices)
    title = models.CharField("标题", max_length=100)
    pause = models.ForeignKey(ClockPause, null=True, blank=True, on_delete=models.CASCADE, related_name="letters")
    extension = models.ForeignKey(Extension, null=True, blank=True, on_delete=models.CASCADE, related_name="letters")
    issued_on = models.DateField("落款日期")
    file = models.FileField("PDF", upload_to=UploadTo("requests/letters"), storage=private_storage, blank=True)
    rendered_at = models.DateTimeField("生成时间", null=True, blank=True)
    emailed_at = models.DateTimeField("邮件发送时间", null=True, blank=True)
    created_at = models.DateTimeField("创建时间", auto_now_add=True)

    class Meta:
        verbose_name = "文书"
        verbose_name_plural = "文书"
        ordering = ["created_at", "id"]
        indexes = [models.Index(fields=["rendered_at"], name="req_letter_rendered")]  # the sweep

    def __str__(self) -> str:
        return f"{self.application} {self.title}"

    @property
    def is_public(self) -> bool:
        return self.kind in self.PUBLIC_KINDS

    @property
    def filename(self) -> str:
        return f"{self.application.tracking_number}-{self.title}.pdf"


class ApplicationEvent(HistoryRecord):
    """The timeline: every event with actor, time and the due date before and after it."""

    class Action(models.TextChoices):
        SUBMIT = "submit", "网上提交申请"
        REGISTER = "register", "登记申请"
        CONFIRM_RECEIPT = "confirm_receipt", "确认接收"
        ASSIGN = "assign", "交办"
        REQUEST_CORRECTION = "request_correction", "要求补正"
        RECEIVE_CORRECTION = "receive_correction", "收到补正材料"
        LAPSE_CORRECTION = "lapse_correction", "逾期未补正，终止办理"
        ASK_THIRD_PARTY = "ask_third_party", "征求第三方意见"
        THIRD_PARTY_ANSWER = "third_party_answer", "收到第三方意见"
        REQUEST_EXTENSION = "request_extension", "申请延期答复"
        APPROVE_EXTENSION = "approve_extension", "延期答复"
        REJECT_EXTENSION = "reject_extension", "不同意延期"
        DRAFT_REPLY = "draft_reply", "拟写答复"
        RETURN_DRAFT = "return_draft", "退回修改答复"
        APPROVE_REPLY = "approve_reply", "答复"
        WITHDRAW = "withdraw", "申请人撤回申请"
        RECOMPUTE_DUE = "recompute_due", "重新计算答复期限"
        RECOMPUTE_THIRD_PARTY_DUE = "recompute_third_party_due", "重新计算第三方答复期限"
        ISSUE_FEE_NOTICE = "issue_fee_notice", "发出收费通知"
        RECORD_FEE_PAYMENT = "record_fee_payment", "缴纳信息处理费"
        LAPSE_FEE = "lapse_fee", "逾期未缴费，终止办理"
        RECOMPUTE_FEE_DUE = "recompute_fee_due", "重新计算缴费期限"

    # The office's own steps, which the applicant's timeline leaves out.
    INTERNAL_ACTIONS = (
        Action.ASSIGN, Action.REQUEST_EXTENSION, Action.REJECT_EXTENSION, Action.DRAFT_REPLY, Action.RETURN_DRAFT,
        Action.RECOMPUTE_THIRD_PARTY_DUE,
    )  # fmt: skip
    STATUS = Application.Status

    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="events")
    action = models.CharField("操作", max_length=40, choices=Action.choices)
    due_before = models.DateField("原答复期限", null=True, blank=True)
    due_after = models.DateField("新答复期限", null=True, blank=True)

    class Meta(HistoryRecord.Meta):
        verbose_name = "办理记录"
        verbose_name_plural = "办理记录"

    @property
    def is_public(self) -> bool:
        return self.action not in self.INTERNAL_ACTIONS

    @property
    def stops_clock(self) -> bool:
        """The event stopped the reply clock (补正 asked, a third party consulted); a closing event ends it instead."""
        return self.to_state in Application.PAUSED_STATES and self.from_state != self.to_state


class Reminder(models.Model):
    """One reminder per item, recipient and day (the reminder task is idempotent)."""

    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="reminders")
    recipient = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    sent_on = models.DateField("提醒日期")
    clock = models.CharField("计时状态", max_length=20)

    class Meta:
        verbose_name = "到期提醒"
        verbose_name_plural = "到期提醒"
        constraints = [
            models.UniqueConstraint(fields=["application", "recipient", "sent_on"], name="req_one_reminder_a_day")
        ]

    def __str__(self) -> str:
        return f"{self.application} {self.sent_on}"


class DisputeCase(models.Model):
    """A 行政复议 or 行政诉讼 case about disclosure (条例 art. 51: an applicant who thinks an agency infringed their
    rights in disclosure work may apply for administrative review or sue). Table 四 of the annual report counts them
    (国办公开办函〔2021〕30号): a case counts in every year it is open on some day of; its result is the one reached by
    31 December, or 尚未审结."""

    class Kind(models.TextChoices):
        REVIEW = "review", "行政复议"
        LAWSUIT_DIRECT = "lawsuit_direct", "行政诉讼（未经复议直接起诉）"
        LAWSUIT_AFTER_REVIEW = "lawsuit_after_review", "行政诉讼（复议后起诉）"

    class Outcome(models.TextChoices):
        UPHELD = "upheld", "结果维持"
        CORRECTED = "corrected", "结果纠正"
        OTHER = "other", "其他结果"

    organization = models.ForeignKey(
        "portal.Organization", verbose_name="被申请人/被告单位", on_delete=models.PROTECT, related_name="dispute_cases"
    )
    application = models.ForeignKey(
        Application, verbose_name="关联申请", null=True, blank=True, on_delete=models.SET_NULL,
        related_name="dispute_cases",
    )  # fmt: skip
    kind = models.CharField("案件类型", max_length=30, choices=Kind.choices)
    case_number = models.CharField("案号", max_length=60, blank=True)
    claimant = models.CharField("申请人/原告", max_length=100)
    organ = models.CharField("复议机关/受理法院", max_length=100)
    filed_on = models.DateField("受理（立案）日期")
    outcome = models.CharField("审结结果", max_length=20, choices=Outcome.choices, blank=True)
    concluded_on = models.DateField("审结日期", null=True, blank=True)
    note = models.TextField("案情摘要", blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name="登记人", on_delete=models.PROTECT,
                                   related_name="+")  # fmt: skip
    created_at = models.DateTimeField("登记时间", auto_now_add=True)
    updated_at = models.DateTimeField("修改时间", auto_now=True)

    class Meta:
        verbose_name = "行政复议、行政诉讼案件"
        verbose_name_plural = "行政复议、行政诉讼案件"
        ordering = ["-filed_on", "-id"]
        indexes = [models.Index(fields=["organization", "filed_on"], name="case_org_filed")]
        constraints = [
            # A result belongs to a concluded case and a concluded case has one.
            models.CheckConstraint(
                condition=(models.Q(concluded_on__isnull=True) & models.Q(outcome=""))
                | (models.Q(concluded_on__isnull=False) & ~models.Q(outcome="")),
                name="dispute_case_outcome_with_date",
            ),
            models.CheckConstraint(
                condition=models.Q(concluded_on__isnull=True) | models.Q(concluded_on__gte=models.F("filed_on")),
                name="dispute_case_concluded_after_filed",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.case_number or self.claimant}"


class FeeNotice(models.Model):
    """A 收费通知 for 信息处理费 (条例 art. 42; 国办函〔2020〕109号《政府信息公开信息处理费管理办法》): charged only for
    requests clearly beyond a reasonable number or volume, by one standard, never both. The reply clock stops from the
    notice to payment; unpaid after the payment period the application is closed (table 三 （六）2)."""

    class Standard(models.TextChoices):
        BY_COUNT = "count", "按件计收"
        BY_VOLUME = "volume", "按量计收"

    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="fee_notices")
    pause = models.OneToOneField(ClockPause, on_delete=models.CASCADE, related_name="fee_notice")
    standard = models.CharField("收费标准", max_length=10, choices=Standard.choices)
    # By count: the application's place among the applicant's applications of the calendar month; by volume: pages.
    quantity = models.PositiveIntegerField("计费数量")
    amount = models.DecimalField("收费金额（元）", max_digits=10, decimal_places=2)
    issued_on = models.DateField("通知日期")
    paid_on = models.DateField("缴费日期", null=True, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name="发出人", null=True, on_delete=models.PROTECT,
                                   related_name="+")  # fmt: skip
    created_at = models.DateTimeField("创建时间", auto_now_add=True)

    class Meta:
        verbose_name = "收费通知"
        verbose_name_plural = "收费通知"
        ordering = ["issued_on", "id"]
        indexes = [models.Index(fields=["paid_on"], name="req_fee_paid")]

    def __str__(self) -> str:
        return f"{self.application} {self.get_standard_display()} {self.amount}元"
