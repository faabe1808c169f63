"""The ground floor every app may import: organisations, users, the calendar's override table, the site profile,
and the abstract history row the apps' audit tables are built on."""

from django.conf import settings
from django.contrib.auth.models import AbstractUser, UserManager
from django.db import models

from portal import workflow
from portal.validators import validate_organization_code


class Role(models.TextChoices):
    """The staff roles, one auth Group each (created by a data migration)."""

    OFFICER = "信息员", "信息员"
    REVIEWER = "单位审核人", "单位审核人"
    LEADER = "单位领导", "单位领导"
    OFFICE = "政务公开办", "政务公开办"
    ADMIN = "系统管理员", "系统管理员"


class OrganizationQuerySet(models.QuerySet):
    def active(self):
        return self.filter(is_active=True)


class Organization(models.Model):
    class Kind(models.TextChoices):
        COUNTY_OFFICE = "office", "县政府办公室"
        TOWNSHIP = "township", "乡镇"
        DEPARTMENT = "department", "部门"
        AGENCY = "agency", "派出机构"
        INSTITUTION = "institution", "事业单位"

    name = models.CharField("单位名称", max_length=100, unique=True)
    short_name = models.CharField("简称", max_length=30, blank=True)
    kind = models.CharField("单位类型", max_length=20, choices=Kind.choices)
    # The code prefixes every 索引号 this unit issues (REFERENCE §4); it never changes once documents cite it.
    code = models.CharField(
        "机构代码",
        max_length=18,
        unique=True,
        validators=[validate_organization_code],
        help_text="9位组织机构代码或18位统一社会信用代码，用于索引号。",
    )
    parent = models.ForeignKey(
        "self", verbose_name="上级单位", null=True, blank=True, on_delete=models.PROTECT, related_name="children"
    )
    address = models.CharField("办公地址", max_length=200, blank=True)
    postcode = models.CharField("邮政编码", max_length=6, blank=True)
    office_hours = models.CharField("办公时间", max_length=200, blank=True)
    phone = models.CharField("联系电话", max_length=50, blank=True)
    fax = models.CharField("传真", max_length=50, blank=True)
    email = models.EmailField("电子邮箱", blank=True)
    head_name = models.CharField("负责人", max_length=50, blank=True)
    duties = models.TextField("机构职能", blank=True)
    order = models.PositiveIntegerField("排序", default=100)
    is_active = models.BooleanField("启用", default=True)

    objects = OrganizationQuerySet.as_manager()

    class Meta:
        verbose_name = "单位"
        verbose_name_plural = "单位"
        ordering = ["order", "id"]

    def __str__(self) -> str:
        return self.name

    def save(self, *args, **kwargs):
        self.code = self.code.strip().upper()
        super().save(*args, **kwargs)

    @property
    def display_name(self) -> str:
        return self.short_name or self.name

    @property
    def is_county_office(self) -> bool:
        return self.kind == self.Kind.COUNTY_OFFICE


class Leader(models.Model):
    """领导信息: a unit's leaders as its 机构 page lists them. The site's wording check (错敏) compares the names and
    posts an article gives with this table, so a post must be written as the unit itself writes it."""

    organization = models.ForeignKey(
        Organization, verbose_name="所属单位", on_delete=models.CASCADE, related_name="leaders"
    )
    name = models.CharField("姓名", max_length=20)
    post = models.CharField("职务", max_length=60, help_text="如：党委书记、镇长、副镇长、局长。一人多个职务分行填写。")
    duties = models.CharField("分工", max_length=300, blank=True)
    order = models.PositiveIntegerField("排序", default=100)

    class Meta:
        verbose_name = "领导信息"
        verbose_name_plural = "领导信息"
        ordering = ["organization_id", "order", "id"]

    def __str__(self) -> str:
        return f"{self.post}{self.name}"


class PortalUserManager(UserManager):
    def with_role(self, role: str):
        return self.filter(groups__name=role, is_active=True)


class User(AbstractUser):
    organization = models.ForeignKey(
        Organization, verbose_name="所属单位", null=True, blank=True, on_delete=models.PROTECT, related_name="users"
    )
    phone = models.CharField("手机号码", max_length=20, blank=True)
    # DESIGN §6: an item marked 重要 needs a 主要领导 at 复审.
    is_principal_leader = models.BooleanField("主要领导", default=False)

    objects = PortalUserManager()

    class Meta:
        verbose_name = "用户"
        verbose_name_plural = "用户"

    def __str__(self) -> str:
        return self.get_full_name() or self.username

    def get_full_name(self) -> str:
        # Chinese names: family name first, no space.
        return f"{self.last_name}{self.first_name}".strip()

    def role_names(self) -> set[str]:
        if not hasattr(self, "_role_names"):
            self._role_names = set(self.groups.values_list("name", flat=True))
        return self._role_names

    def has_role(self, role: str) -> bool:
        return role in self.role_names()

    @property
    def roles_display(self) -> str:
        return "、".join(r for r in Role.values if r in self.role_names()) or "无"

    @property
    def is_office_staff(self) -> bool:
        """Office staff of the 县政府办公室 (政务公开办 / 电子政务室) see every unit's work."""
        return self.is_active and (self.is_superuser or self.has_role(Role.OFFICE))

    @property
    def is_officer(self) -> bool:
        return self.is_active and self.has_role(Role.OFFICER)

    @property
    def is_unit_reviewer(self) -> bool:
        return self.is_active and self.has_role(Role.REVIEWER)

    @property
    def is_unit_leader(self) -> bool:
        return self.is_active and self.has_role(Role.LEADER)

    @property
    def is_system_admin(self) -> bool:
        return self.is_active and (self.is_superuser or self.has_role(Role.ADMIN))

    @property
    def is_portal_staff(self) -> bool:
        """May use the staff workbench: any role, and a unit unless office staff."""
        return self.is_active and bool(self.role_names() or self.is_superuser)


class WorkdayOverride(models.Model):
    """One date whose working-day status differs from (or is missing in) the chinesecalendar package.

    Administrators enter next year's State Council schedule here before the package knows it (DESIGN §4)."""

    date = models.DateField("日期", unique=True)
    is_workday = models.BooleanField("是否工作日")
    note = models.CharField("说明", max_length=100, blank=True, help_text="如：春节调休上班、国庆节放假")
    updated_at = models.DateTimeField("更新时间", auto_now=True)

    class Meta:
        verbose_name = "工作日调整"
        verbose_name_plural = "工作日调整"
        ordering = ["date"]

    def __str__(self) -> str:
        day = self._meta.get_field("date").to_python(self.date)  # a row may be saved with the date still a string
        return f"{day:%Y-%m-%d} {'上班' if self.is_workday else '休息'} {self.note}".strip()


class SiteProfile(models.Model):
    """The site's identity, shown in the header, footer and <meta> tags (REFERENCE §5). One row."""

    county_name = models.CharField("县名", max_length=50, default="示范县")
    site_name = models.CharField("网站名称", max_length=100, default="示范县人民政府")
    site_domain = models.CharField("网站域名", max_length=100, default="www.example.gov.cn")
    sponsor = models.CharField("主办单位", max_length=100, default="示范县人民政府办公室")
    contact_address = models.CharField("联系地址", max_length=200, blank=True)
    contact_phone = models.CharField("联系电话", max_length=50, blank=True)
    contact_email = models.EmailField("联系邮箱", blank=True)
    site_id_code = models.CharField(
        "政府网站标识码", max_length=10, blank=True, help_text="10位：6位行政区划代码 + 4位顺序号"
    )
    icp_number = models.CharField("ICP备案号", max_length=50, blank=True)
    police_number = models.CharField("公安备案号", max_length=50, blank=True)
    police_number_link = models.URLField("公安备案链接", blank=True)
    description = models.CharField("网站描述", max_length=200, blank=True)
    keywords = models.CharField("网站关键词", max_length=200, blank=True)
    welcome_message = models.CharField(
        "首页欢迎语", max_length=200, blank=True, help_text="首页横幅上的一两句欢迎词；留空时使用默认欢迎语。"
    )
    # The footer badges every government site carries (国办发〔2017〕47号): the 党政机关 identification mark, linking to
    # the site's registration record, and the 政府网站找错 entry of the national platform, linking with the site's code.
    conac_link = models.URLField(
        "党政机关标识链接", blank=True, help_text="党政机关网站标识的核验地址（由机构编制部门提供）；留空则不显示标识。"
    )
    error_report_link = models.URLField(
        "政府网站找错链接",
        blank=True,
        help_text="全国政府网站“我为政府网站找错”平台本网站的地址；留空则链接到本站的纠错页面。",
    )

    class Meta:
        verbose_name = "网站信息"
        verbose_name_plural = "网站信息"

    def __str__(self) -> str:
        return self.site_name

    @classmethod
    def get(cls) -> "SiteProfile":
        """The one profile; built with defaults the first time it is asked for."""
        profile = cls.objects.order_by("pk").first()
        if profile is None:
            profile = cls()
            # The defaults every page showed already: not a change of public content (portal/pagecache.py).
            profile.pagecache_unchanged = True
            profile.save()
        return profile


class HistoryQuerySet(models.QuerySet):
    def update(self, **kwargs):
        raise TypeError("History rows are immutable.")

    def delete(self):
        raise TypeError("History rows are immutable.")


class HistoryRecord(models.Model):
    """Abstract audit row: subclass it with a ForeignKey to the object. Written once, in the same transaction as the
    change it records, never edited or deleted (DESIGN §6; STYLE: history is a table)."""

    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="操作人",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    at = models.DateTimeField("时间", auto_now_add=True, db_index=True)
    action = models.CharField("操作", max_length=40)
    from_state = models.CharField("原状态", max_length=30, blank=True)
    to_state = models.CharField("新状态", max_length=30, blank=True)
    opinion = models.TextField("意见/理由", blank=True)
    extra = models.JSONField("附加信息", default=dict, blank=True)

    objects = HistoryQuerySet.as_manager()
    # A subclass names its action codes in a nested ``Action`` (TextChoices) and the status choices of its object in
    # ``STATUS``, so timelines show Chinese labels while the column keeps codes.
    STATUS: type[models.TextChoices] | None = None

    class Meta:
        abstract = True
        ordering = ["at", "id"]

    def save(self, *args, **kwargs):
        if self.pk is not None:
            raise TypeError("History rows are immutable.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise TypeError("History rows are immutable.")

    @property
    def action_label(self) -> str:
        return workflow.action_label(type(self), self.action)

    @property
    def from_label(self) -> str:
        return self._state_label(self.from_state)

    @property
    def to_label(self) -> str:
        return self._state_label(self.to_state)

    def _state_label(self, value: str) -> str:
        if self.STATUS is None or not value:
            return value
        return dict(self.STATUS.choices).get(value, value)
