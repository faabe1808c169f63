"""解读回应: 政务舆情 the office records and the responses made on their hour clocks (舆情回应制度), and 在线访谈 with
the public's questions and the answers given live (政策解读制度 三)."""

from __future__ import annotations

from ckeditor.fields import RichTextField
from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone

from portal.models import HistoryRecord, Organization
from portal.uploads import UploadTo

# --- 政务舆情回应


class Concern(models.Model):
    """An issue of public concern (政务舆情) the office recorded, with the units that answer for it."""

    class Level(models.TextChoices):
        MAJOR = "major", "特别重大、重大"
        GENERAL = "general", "一般"

    class Status(models.TextChoices):
        OPEN = "open", "待回应"
        RESPONDED = "responded", "已回应"
        CLOSED = "closed", "已办结"

    title = models.CharField("舆情事项", max_length=200)
    summary = models.TextField("舆情概要")
    source = models.CharField("来源", max_length=100, help_text="如：微博、本地论坛、新闻媒体、12345热线。")
    link = models.URLField("原始链接", max_length=500, blank=True)
    first_seen_at = models.DateTimeField("首次发现时间")
    level = models.CharField("舆情级别", max_length=10, choices=Level.choices)
    # 舆情回应制度 一: the unit concerned answers first; others named share the work.
    organization = models.ForeignKey(
        Organization, verbose_name="牵头责任单位", on_delete=models.PROTECT, related_name="concerns"
    )
    units = models.ManyToManyField(Organization, verbose_name="协同单位", blank=True, related_name="+")
    status = models.CharField("状态", max_length=12, choices=Status.choices, default=Status.OPEN, db_index=True)
    recorded_at = models.DateTimeField("登记时间", default=timezone.now, db_index=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="登记人", on_delete=models.PROTECT, related_name="+"
    )
    # Sent once the responsible units were told (after commit; the periodic sweep sends any a lost task left).
    notified_at = models.DateTimeField("通知时间", null=True, blank=True)
    result = models.TextField("调查处置结果", blank=True)
    closed_at = models.DateTimeField("办结时间", null=True, blank=True)

    class Meta:
        verbose_name = "政务舆情"
        verbose_name_plural = "政务舆情"
        ordering = ["-recorded_at", "-id"]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("engagement:staff_concern", args=[self.pk])


class ConcernClock(models.Model):
    """One deadline of a concern (first release, press conference, response), copied from the settings when the
    concern was recorded so that a later change of the settings does not move it."""

    concern = models.ForeignKey(Concern, verbose_name="舆情", on_delete=models.CASCADE, related_name="clocks")
    code = models.CharField("时限代码", max_length=20)
    label = models.CharField("时限", max_length=30)
    hours = models.PositiveSmallIntegerField("小时数")
    met_by = models.JSONField("满足方式", default=list, blank=True)  # response kinds; empty: any response
    # Reminders and the overdue sweep filter on it.
    due_at = models.DateTimeField("期限", db_index=True)
    met_at = models.DateTimeField("完成时间", null=True, blank=True)
    # How many escalation steps were sent (conf.CONCERN_REMINDERS).
    reminded = models.PositiveSmallIntegerField("已提醒次数", default=0)

    class Meta:
        verbose_name = "回应时限"
        verbose_name_plural = "回应时限"
        ordering = ["due_at", "id"]
        constraints = [models.UniqueConstraint(fields=["concern", "code"], name="one_clock_per_concern_code")]

    def __str__(self) -> str:
        return f"{self.label}（{self.hours}小时）"

    def met_by_kind(self, kind: str) -> bool:
        return not self.met_by or kind in self.met_by

    def is_late(self, now=None) -> bool:
        if self.met_at:
            return self.met_at > self.due_at
        return (now or timezone.now()) > self.due_at

    @property
    def state_label(self) -> str:
        if self.met_at:
            return "超时完成" if self.met_at > self.due_at else "按时完成"
        return "已超时" if self.is_late() else "计时中"

    @property
    def css(self) -> str:
        if self.met_at:
            return "clock-overdue" if self.met_at > self.due_at else "clock-done"
        return "clock-overdue" if self.is_late() else "clock-ok"


class ConcernResponse(models.Model):
    """A response made to a concern: a published 回应 document, a press conference, a new-media post."""

    class Kind(models.TextChoices):
        DOCUMENT = "document", "回应文件"
        CONFERENCE = "conference", "新闻发布会"
        NEWMEDIA = "newmedia", "新媒体发布"
        OTHER = "other", "其他方式"

    concern = models.ForeignKey(Concern, verbose_name="舆情", on_delete=models.PROTECT, related_name="responses")
    kind = models.CharField("回应方式", max_length=12, choices=Kind.choices)
    title = models.CharField("回应标题", max_length=200)
    link = models.CharField(
        "链接", max_length=500, blank=True, help_text="已发布的回应文件、发布会或新媒体文章的网址。"
    )
    responded_at = models.DateTimeField("回应时间", db_index=True)
    organization = models.ForeignKey(Organization, verbose_name="回应单位", on_delete=models.PROTECT, related_name="+")
    # 回应关切 column: the public sees the responses marked public.
    is_public = models.BooleanField("在回应关切栏目公开", default=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="记录人", on_delete=models.PROTECT, related_name="+"
    )
    recorded_at = models.DateTimeField("记录时间", default=timezone.now)

    class Meta:
        verbose_name = "舆情回应"
        verbose_name_plural = "舆情回应"
        ordering = ["-responded_at", "-id"]
        # The public 回应关切 list: public responses, newest first.
        indexes = [models.Index(fields=["is_public", "-responded_at"], name="response_public_list")]

    def __str__(self) -> str:
        return self.title


class ConcernHistory(HistoryRecord):
    class Action(models.TextChoices):
        RECORD = "record", "登记"
        RESPOND = "respond", "记录回应"
        CLOSE = "close", "办结"
        REMIND = "remind", "催办提醒"

    STATUS = Concern.Status

    concern = models.ForeignKey(Concern, verbose_name="舆情", on_delete=models.PROTECT, related_name="history")
    action = models.CharField("操作", max_length=40, choices=Action.choices)

    class Meta(HistoryRecord.Meta):
        verbose_name = "舆情处理记录"
        verbose_name_plural = "舆情处理记录"


# --- 在线访谈


class InterviewQuerySet(models.QuerySet):
    def public(self):
        return self.exclude(status=Interview.Status.CANCELLED)


class Interview(models.Model):
    class Status(models.TextChoices):
        SCHEDULED = "scheduled", "预告"
        LIVE = "live", "正在直播"
        ENDED = "ended", "已结束"
        CANCELLED = "cancelled", "已取消"

    title = models.CharField("访谈主题", max_length=200)
    organization = models.ForeignKey(
        Organization, verbose_name="主办单位", on_delete=models.PROTECT, related_name="interviews"
    )
    # 政策解读制度 三: an 在线访谈 is one form of 解读 of a policy.
    policy = models.ForeignKey(
        "disclosure.Document",
        verbose_name="解读的政策文件",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    starts_at = models.DateTimeField("访谈时间", db_index=True)
    preview = models.TextField("访谈预告", help_text="访谈内容简介，发布在预告页面。")
    transcript = RichTextField("文字实录", blank=True)  # sanitised by the services
    status = models.CharField("状态", max_length=12, choices=Status.choices, default=Status.SCHEDULED, db_index=True)
    started_at = models.DateTimeField("开始时间", null=True, blank=True)
    ended_at = models.DateTimeField("结束时间", null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="创建人", on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField("创建时间", auto_now_add=True)

    objects = InterviewQuerySet.as_manager()

    class Meta:
        verbose_name = "在线访谈"
        verbose_name_plural = "在线访谈"
        ordering = ["-starts_at", "-id"]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("engagement:interview", args=[self.pk])

    @property
    def takes_questions(self) -> bool:
        """The public may send questions before and during the interview."""
        return self.status in (self.Status.SCHEDULED, self.Status.LIVE)


class InterviewGuest(models.Model):
    interview = models.ForeignKey(Interview, verbose_name="访谈", on_delete=models.CASCADE, related_name="guests")
    name = models.CharField("嘉宾姓名", max_length=50)
    post = models.CharField("职务", max_length=100)
    order = models.PositiveSmallIntegerField("排序", default=0)

    class Meta:
        verbose_name = "访谈嘉宾"
        verbose_name_plural = "访谈嘉宾"
        ordering = ["order", "id"]

    def __str__(self) -> str:
        return f"{self.name}（{self.post}）"


class InterviewPhoto(models.Model):
    interview = models.ForeignKey(Interview, verbose_name="访谈", on_delete=models.CASCADE, related_name="photos")
    image = models.ImageField("图片", upload_to=UploadTo("engagement/interviews"))
    caption = models.CharField("图片说明", max_length=100, blank=True)
    uploaded_at = models.DateTimeField("上传时间", auto_now_add=True)

    class Meta:
        verbose_name = "访谈图片"
        verbose_name_plural = "访谈图片"
        ordering = ["uploaded_at", "id"]

    def __str__(self) -> str:
        return self.caption or self.image.name


class Question(models.Model):
    """A question the public sent (moderated before anyone sees it), or one the host put; answered live."""

    class Status(models.TextChoices):
        PENDING = "pending", "待审核"
        ACCEPTED = "accepted", "已采纳"
        ANSWERED = "answered", "已答复"
        REJECTED = "rejected", "不予采纳"
        FORWARDED = "forwarded", "已转政民互动"

    interview = models.ForeignKey(Interview, verbose_name="访谈", on_delete=models.CASCADE, related_name="questions")
    name = models.CharField("网民昵称", max_length=50)
    phone = models.CharField("联系电话", max_length=20, blank=True, help_text="不公开；问题转交办理时用于联系。")
    content = models.TextField("问题")
    from_host = models.BooleanField("主持人提问", default=False)  # not a question of the public: not counted as one
    status = models.CharField("状态", max_length=12, choices=Status.choices, default=Status.PENDING, db_index=True)
    submitted_at = models.DateTimeField("提问时间", default=timezone.now)
    submitter_ip = models.GenericIPAddressField("提交地址", null=True, blank=True)
    answer = models.TextField("答复", blank=True)
    answered_by = models.CharField("答复嘉宾", max_length=50, blank=True)
    answered_at = models.DateTimeField("答复时间", null=True, blank=True, db_index=True)
    # The 政民互动 message the question became (interaction's tracking number).
    forwarded_to = models.CharField("转办留言编号", max_length=20, blank=True)

    class Meta:
        verbose_name = "网民提问"
        verbose_name_plural = "网民提问"
        ordering = ["submitted_at", "id"]
        indexes = [models.Index(fields=["interview", "status", "answered_at"], name="question_live_list")]

    def __str__(self) -> str:
        return self.content[:30]


class InterviewHistory(HistoryRecord):
    class Action(models.TextChoices):
        CREATE = "create", "创建"
        EDIT = "edit", "修改"
        START = "start", "开始直播"
        END = "end", "结束访谈"
        CANCEL = "cancel", "取消"
        PHOTO = "photo", "上传图片"
        PHOTO_REMOVE = "photo_remove", "删除图片"

    STATUS = Interview.Status

    interview = models.ForeignKey(Interview, verbose_name="访谈", on_delete=models.PROTECT, related_name="history")
    action = models.CharField("操作", max_length=40, choices=Action.choices)

    class Meta(HistoryRecord.Meta):
        verbose_name = "访谈处理记录"
        verbose_name_plural = "访谈处理记录"


class QuestionHistory(HistoryRecord):
    class Action(models.TextChoices):
        SUBMIT = "submit", "提问"
        ACCEPT = "accept", "采纳"
        REJECT = "reject", "不予采纳"
        ANSWER = "answer", "发布答复"
        FORWARD = "forward", "转政民互动"

    STATUS = Question.Status

    question = models.ForeignKey(Question, verbose_name="提问", on_delete=models.PROTECT, related_name="history")
    action = models.CharField("操作", max_length=40, choices=Action.choices)

    class Meta(HistoryRecord.Meta):
        verbose_name = "提问处理记录"
        verbose_name_plural = "提问处理记录"
