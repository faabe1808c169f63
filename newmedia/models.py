"""政务新媒体 (the county's 政府网站及新媒体建设运营管理制度, chapter 9): accounts, their filings (开设 / 变更 / 关闭备案)
with history, the office's one-per-platform exceptions, weekly activity and the activity flags."""

from __future__ import annotations

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Q

from portal.models import HistoryRecord, Organization
from portal.private_files import private_storage
from portal.scoping import OrgScopedQuerySet
from portal.uploads import UploadTo


class Platform(models.TextChoices):
    WECHAT = "wechat", "微信公众号"
    WEIBO = "weibo", "微博"
    DOUYIN = "douyin", "抖音"
    TOUTIAO = "toutiao", "今日头条"
    KUAISHOU = "kuaishou", "快手"
    CHANNELS = "channels", "视频号"
    APP = "app", "移动客户端"
    OTHER = "other", "其他"


class PlatformException(models.Model):
    """Office staff allow one more account of a unit on a platform (the national rule allows at most one), with a reason.

    Each exception is used by at most one account (Account.exception is one-to-one)."""

    organization = models.ForeignKey(
        Organization, verbose_name="单位", on_delete=models.PROTECT, related_name="newmedia_exceptions"
    )
    platform = models.CharField("平台", max_length=20, choices=Platform.choices)
    reason = models.TextField("理由")
    granted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="登记人", on_delete=models.PROTECT, related_name="+"
    )
    granted_at = models.DateTimeField("登记时间", auto_now_add=True)

    objects = OrgScopedQuerySet.as_manager()

    class Meta:
        verbose_name = "同平台多账号例外"
        verbose_name_plural = "同平台多账号例外"
        ordering = ["-granted_at"]

    def __str__(self) -> str:
        return f"{self.organization} · {self.get_platform_display()}"


class ByAccountQuerySet(OrgScopedQuerySet):
    """Rows owned through their account's unit."""

    org_field = "account__organization"


# The account fields a unit may change through a change filing (the platform and unit never change: a new platform
# is a new account).
CHANGEABLE_FIELDS = (
    "name",
    "platform_account_id",
    "homepage_url",
    "verification_subject",
    "chief_name",
    "chief_post",
    "chief_phone",
    "deputy_name",
    "deputy_post",
    "deputy_phone",
    "editor_name",
    "editor_post",
    "editor_phone",
    "operators",
    "is_outsourced",
    "outsourcer",
)


class AccountQuerySet(OrgScopedQuerySet):
    def listed(self):
        """What the public directory shows: filed accounts that have not been closed."""
        return self.filter(status=Account.Status.ACTIVE)


class Account(models.Model):
    """A unit's account on a platform. Its fields hold the approved (filed) values once it is active; proposed changes
    wait on a change Filing until office staff approve them, so the directory never shows an unfiled version."""

    class Status(models.TextChoices):
        PENDING = "pending", "待备案"
        ACTIVE = "active", "已备案"
        CLOSED = "closed", "已关闭"
        WITHDRAWN = "withdrawn", "已撤销"

    # Accounts that count for the one-per-unit-per-platform rule.
    LIVE_STATUSES = (Status.PENDING, Status.ACTIVE)

    organization = models.ForeignKey(
        Organization, verbose_name="开设单位", on_delete=models.PROTECT, related_name="newmedia_accounts"
    )
    platform = models.CharField("平台", max_length=20, choices=Platform.choices)
    name = models.CharField("账号名称", max_length=60)
    platform_account_id = models.CharField("平台账号/ID", max_length=100, blank=True)
    homepage_url = models.URLField("主页地址", blank=True)
    avatar = models.FileField("头像", upload_to=UploadTo("newmedia/avatars"), storage=private_storage, blank=True)
    qr_code = models.FileField("二维码", upload_to=UploadTo("newmedia/qr"), storage=private_storage, blank=True)
    verification_subject = models.CharField("认证主体", max_length=100, blank=True)
    opened_on = models.DateField("开设日期")

    # Art. 39/41 of the county's rules: 主管负责人 (the unit's 主要领导), 分管负责人, and the 总编辑 who answers for the
    # content.
    chief_name = models.CharField("主管负责人姓名", max_length=30)
    chief_post = models.CharField("主管负责人职务", max_length=50)
    chief_phone = models.CharField("主管负责人电话", max_length=30)
    deputy_name = models.CharField("分管负责人姓名", max_length=30)
    deputy_post = models.CharField("分管负责人职务", max_length=50)
    deputy_phone = models.CharField("分管负责人电话", max_length=30)
    editor_name = models.CharField("总编辑姓名", max_length=30)
    editor_post = models.CharField("总编辑职务", max_length=50)
    editor_phone = models.CharField("总编辑电话", max_length=30)
    operators = models.TextField("运维人员", blank=True, help_text="每行一人：姓名、职务、联系电话")
    is_outsourced = models.BooleanField("委托第三方运营", default=False)
    outsourcer = models.CharField("受托运营单位", max_length=100, blank=True)

    status = models.CharField("状态", max_length=20, choices=Status.choices, default=Status.PENDING, db_index=True)
    exception = models.OneToOneField(
        PlatformException,
        verbose_name="多账号例外",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="account",
    )
    filed_at = models.DateTimeField("备案时间", null=True, blank=True)
    closed_on = models.DateField("关闭日期", null=True, blank=True)
    show_on_home = models.BooleanField("首页展示", default=False)
    order = models.PositiveIntegerField("排序", default=100)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="创建人", on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField("创建时间", auto_now_add=True)
    updated_at = models.DateTimeField("更新时间", auto_now=True)

    objects = AccountQuerySet.as_manager()

    class Meta:
        verbose_name = "政务新媒体账号"
        verbose_name_plural = "政务新媒体账号"
        ordering = ["organization__order", "organization_id", "order", "platform", "id"]
        constraints = [
            # At most one live account per unit per platform (国办发〔2018〕123号); a further one needs its own exception.
            models.UniqueConstraint(
                fields=["organization", "platform"],
                condition=Q(exception__isnull=True, status__in=["pending", "active"]),
                name="newmedia_one_account_per_unit_platform",
            ),
        ]
        indexes = [models.Index(fields=["status", "platform"], name="newmedia_acct_status_platform")]

    def __str__(self) -> str:
        return f"{self.name}（{self.get_platform_display()}）"

    @property
    def is_listed(self) -> bool:
        return self.status == self.Status.ACTIVE


class Filing(models.Model):
    """One filing with the office: the opening (开设备案), a change (变更备案) or the closure (关闭备案) of an account.

    Flow: the unit's officer drafts → the unit's 主要领导 approves (which submits it) → office staff file it (已备案) or
    return it with reasons; a returned filing goes back through the 主要领导 (the county's rules, art. 39: opened and
    closed with the 主要领导's approval, filed with the office)."""

    class Kind(models.TextChoices):
        OPENING = "opening", "开设备案"
        CHANGE = "change", "变更备案"
        CLOSURE = "closure", "关闭备案"

    class Status(models.TextChoices):
        DRAFT = "draft", "草稿"
        LEADER_REVIEW = "leader_review", "待主要领导审批"
        SUBMITTED = "submitted", "待政务公开办备案"
        RETURNED = "returned", "退回修改"
        APPROVED = "approved", "已备案"
        WITHDRAWN = "withdrawn", "已撤销"

    OPEN_STATUSES = (Status.DRAFT, Status.LEADER_REVIEW, Status.SUBMITTED, Status.RETURNED)
    EDITABLE_STATUSES = (Status.DRAFT, Status.RETURNED)

    account = models.ForeignKey(Account, verbose_name="账号", on_delete=models.PROTECT, related_name="filings")
    kind = models.CharField("备案类型", max_length=20, choices=Kind.choices)
    status = models.CharField("状态", max_length=20, choices=Status.choices, default=Status.DRAFT, db_index=True)

    # The clock: opening date (开设) or closing date (关闭); a change has no statutory clock.
    clock_start_on = models.DateField("计时起始日", null=True, blank=True)
    due_on = models.DateField("备案期限", null=True, blank=True, db_index=True)
    first_submitted_on = models.DateField("首次报送日期", null=True, blank=True)
    is_late = models.BooleanField("逾期备案", default=False, db_index=True)

    # A change: the proposed values of the changed fields (images wait in the two file fields below).
    changes = models.JSONField("变更内容", default=dict, blank=True)
    proposed_avatar = models.FileField(
        "新头像", upload_to=UploadTo("newmedia/pending"), storage=private_storage, blank=True
    )
    proposed_qr_code = models.FileField(
        "新二维码", upload_to=UploadTo("newmedia/pending"), storage=private_storage, blank=True
    )
    change_note = models.TextField("变更说明", blank=True)

    # A closure: the reason, the public 停更公告 and the successor account it names (art. 39: announced before closing).
    closure_reason = models.TextField("关闭原因", blank=True)
    announcement_url = models.URLField("停更公告链接", blank=True)
    successor = models.ForeignKey(
        Account,
        verbose_name="接续账号",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="succeeded_filings",
    )
    successor_note = models.CharField("接续账号（其他）", max_length=100, blank=True)

    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="填报人", on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField("创建时间", auto_now_add=True)
    leader_approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="主要领导",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    leader_approved_at = models.DateTimeField("主要领导审批时间", null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="备案审核人",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    decided_at = models.DateTimeField("备案审核时间", null=True, blank=True)
    return_reason = models.TextField("退回理由", blank=True)
    updated_at = models.DateTimeField("更新时间", auto_now=True)

    objects = ByAccountQuerySet.as_manager()

    class Meta:
        verbose_name = "备案"
        verbose_name_plural = "备案"
        ordering = ["-created_at", "-id"]
        constraints = [
            # One filing in progress per account: a change cannot race a closure, nor two changes each other.
            models.UniqueConstraint(
                fields=["account"],
                condition=Q(status__in=["draft", "leader_review", "submitted", "returned"]),
                name="newmedia_one_open_filing_per_account",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.account.name} · {self.get_kind_display()}"


class FilingHistory(HistoryRecord):
    """One row per action on a filing; the staff page shows them as its 办理记录."""

    class Action(models.TextChoices):
        CREATE_OPENING = "create_opening", "创建开设备案"
        UPDATE_OPENING = "update_opening", "修改开设备案"
        CREATE_CHANGE = "create_change", "创建变更备案"
        UPDATE_CHANGE = "update_change", "修改变更备案"
        CREATE_CLOSURE = "create_closure", "创建关闭备案"
        UPDATE_CLOSURE = "update_closure", "修改关闭备案"
        SUBMIT = "submit", "报送主要领导审批"
        LEADER_APPROVE = "leader_approve", "主要领导审批同意"
        LEADER_RETURN = "leader_return", "主要领导退回"
        OFFICE_APPROVE = "office_approve", "备案通过"
        OFFICE_RETURN = "office_return", "政务公开办退回"
        WITHDRAW = "withdraw", "撤销备案"

    STATUS = Filing.Status

    filing = models.ForeignKey(Filing, verbose_name="备案", on_delete=models.PROTECT, related_name="history")
    action = models.CharField("操作", max_length=40, choices=Action.choices)

    class Meta(HistoryRecord.Meta):
        verbose_name = "备案记录"
        verbose_name_plural = "备案记录"


class WeeklyActivity(models.Model):
    """Posts an account published in one week (Monday to Sunday), as the unit reported them."""

    class Source(models.TextChoices):
        FORM = "form", "手工填报"
        CSV = "csv", "CSV导入"

    account = models.ForeignKey(Account, verbose_name="账号", on_delete=models.CASCADE, related_name="activity")
    week_start = models.DateField("周起始日（周一）")
    posts = models.PositiveIntegerField("发布条数", validators=[MinValueValidator(0)])
    followers = models.PositiveIntegerField("关注量/订阅数", null=True, blank=True)
    source = models.CharField("来源", max_length=10, choices=Source.choices, default=Source.FORM)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="填报人", on_delete=models.PROTECT, related_name="+"
    )
    recorded_at = models.DateTimeField("填报时间", auto_now=True)

    objects = ByAccountQuerySet.as_manager()

    class Meta:
        verbose_name = "每周发布情况"
        verbose_name_plural = "每周发布情况"
        ordering = ["-week_start", "account_id"]
        constraints = [
            models.UniqueConstraint(fields=["account", "week_start"], name="newmedia_one_activity_row_per_week"),
        ]

    def __str__(self) -> str:
        return f"{self.account.name} {self.week_start:%Y-%m-%d} {self.posts}条"


class ActivityFlag(models.Model):
    """A failing mark found by the weekly check. The row is the record that the unit and the office were told, so
    a re-run finds it and sends nothing twice (idempotent)."""

    class Kind(models.TextChoices):
        LOW = "low", "周发布少于4条"
        SILENT = "silent", "连续两周未更新"

    account = models.ForeignKey(Account, verbose_name="账号", on_delete=models.CASCADE, related_name="flags")
    kind = models.CharField("类型", max_length=10, choices=Kind.choices)
    week_start = models.DateField("所查周起始日")
    posts = models.PositiveIntegerField("发布条数", default=0)
    created_at = models.DateTimeField("发现时间", auto_now_add=True)
    notified_at = models.DateTimeField("通知时间", null=True, blank=True, db_index=True)
    recipients = models.TextField("通知对象", blank=True)

    objects = ByAccountQuerySet.as_manager()

    class Meta:
        verbose_name = "活跃度预警"
        verbose_name_plural = "活跃度预警"
        ordering = ["-week_start", "account_id"]
        constraints = [
            models.UniqueConstraint(fields=["account", "kind", "week_start"], name="newmedia_one_flag_per_week"),
        ]

    def __str__(self) -> str:
        return f"{self.account.name} {self.get_kind_display()} {self.week_start:%Y-%m-%d}"
