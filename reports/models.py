"""The 政府信息公开工作年度报告 of a unit (or of the county government) for a year, in the format of
国办公开办函〔2021〕30号.

Tables 二 (first line), 三 and 四 are computed from the portal's data; the unit enters what the portal does not hold
(行政许可、行政处罚、行政强制 decisions and the 行政事业性收费 amount, table 二) and writes the narrative sections. While
the report is being drafted its tables are computed afresh on every view; when the unit sends it to its leader the
tables are frozen in ``tables``, so what the leader approves and the office accepts is exactly what is filed."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.urls import reverse

from portal.models import HistoryRecord, Organization
from portal.private_files import private_storage
from portal.uploads import UploadTo

ENTERED_FIELDS = ("licences", "penalties", "enforcements", "fees")
NARRATIVE_FIELDS = ("overview", "problems", "other_matters")


class AnnualReport(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", "起草中"
        PENDING_APPROVAL = "pending_approval", "待领导审批"
        SUBMITTED = "submitted", "已报送"
        RETURNED = "returned", "退回修改"
        ACCEPTED = "accepted", "已接收"

    organization = models.ForeignKey(Organization, verbose_name="单位", on_delete=models.PROTECT,
                                     related_name="annual_reports")  # fmt: skip
    year = models.PositiveIntegerField("报告年度")
    status = models.CharField("状态", max_length=20, choices=Status.choices, default=Status.DRAFT, db_index=True)
    # The county government's report may add up every unit's figures (the office decides when drafting it).
    aggregate = models.BooleanField("汇总全县各单位数据", default=False)
    due_on = models.DateField("公开期限", db_index=True)

    # Table 二, the figures the portal does not hold (entered by the unit).
    licences = models.PositiveIntegerField("行政许可本年处理决定数量", null=True, blank=True)
    penalties = models.PositiveIntegerField("行政处罚本年处理决定数量", null=True, blank=True)
    enforcements = models.PositiveIntegerField("行政强制本年处理决定数量", null=True, blank=True)
    fees = models.DecimalField("行政事业性收费本年收费金额（万元）", max_digits=12, decimal_places=4, null=True,
                               blank=True)  # fmt: skip

    # Sections 一, 五 and 六 (pre-filled with what the portal knows; the unit edits them).
    overview = models.TextField("一、总体情况", blank=True)
    problems = models.TextField("五、存在的主要问题及改进情况", blank=True)
    other_matters = models.TextField("六、其他需要报告的事项", blank=True)

    tables = models.JSONField("统计表（报送时固定）", default=dict, blank=True)
    tables_at = models.DateTimeField("统计时间", null=True, blank=True)
    # The PDF of the frozen report, rendered once (the first download or the publication) and served from then on.
    pdf = models.FileField("PDF", upload_to=UploadTo("reports/pdf"), storage=private_storage, blank=True)

    edited_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name="最后修改人", null=True, blank=True,
                                  on_delete=models.PROTECT, related_name="+")  # fmt: skip
    submitted_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name="提交审批人", null=True, blank=True,
                                     on_delete=models.PROTECT, related_name="+")  # fmt: skip
    approved_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name="审批领导", null=True, blank=True,
                                    on_delete=models.PROTECT, related_name="+")  # fmt: skip
    filed_at = models.DateTimeField("报送时间", null=True, blank=True)
    accepted_at = models.DateTimeField("接收时间", null=True, blank=True)
    document = models.ForeignKey("disclosure.Document", verbose_name="公开稿", null=True, blank=True,
                                 on_delete=models.SET_NULL, related_name="+")  # fmt: skip
    created_at = models.DateTimeField("创建时间", auto_now_add=True)

    class Meta:
        verbose_name = "政府信息公开工作年度报告"
        verbose_name_plural = "政府信息公开工作年度报告"
        ordering = ["-year", "organization__order", "organization_id"]
        constraints = [models.UniqueConstraint(fields=["organization", "year"], name="annual_report_unit_year")]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("reports:staff_report", args=[self.pk])

    @property
    def title(self) -> str:
        return f"{self.organization.name}{self.year}年政府信息公开工作年度报告"

    @property
    def is_county(self) -> bool:
        return self.organization.is_county_office

    @property
    def is_editable(self) -> bool:
        return self.status in (self.Status.DRAFT, self.Status.RETURNED)


class AnnualReportHistory(HistoryRecord):
    class Action(models.TextChoices):
        CREATE = "create", "起草"
        EDIT = "edit", "修改"
        SUBMIT = "submit", "提交领导审批"
        APPROVE = "approve", "领导审批并报送"
        SEND_BACK = "send_back", "领导退回"
        ACCEPT = "accept", "接收"
        RETURN = "return", "退回修改"
        PUBLISH = "publish", "生成公开稿并报送审核"

    STATUS = AnnualReport.Status
    report = models.ForeignKey(AnnualReport, verbose_name="年度报告", on_delete=models.PROTECT,
                               related_name="history")  # fmt: skip
    action = models.CharField("操作", max_length=40, choices=Action.choices)

    class Meta(HistoryRecord.Meta):
        verbose_name = "年度报告处理记录"
        verbose_name_plural = "年度报告处理记录"


class ReportReminder(models.Model):
    """One reminder e-mail per unit, report year and day (the reminder task may run twice and sends nothing new)."""

    organization = models.ForeignKey(Organization, on_delete=models.CASCADE, related_name="+")
    year = models.PositiveIntegerField("报告年度")
    sent_on = models.DateField("提醒日期")

    class Meta:
        verbose_name = "年度报告提醒"
        verbose_name_plural = "年度报告提醒"
        constraints = [
            models.UniqueConstraint(fields=["organization", "year", "sent_on"], name="report_reminder_once_a_day")
        ]

    def __str__(self) -> str:
        return f"{self.organization} {self.year} {self.sent_on}"
