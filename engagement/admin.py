"""Read-only views of 解读回应 for administrators: every change goes through the staff pages and the services."""

from django.contrib import admin

from disclosure.admin import ReadOnlyAdmin
from interaction.admin import ReadOnlyHistoryInline

from .models import Concern, ConcernHistory, Interview, InterviewHistory


class ConcernHistoryInline(ReadOnlyHistoryInline):
    model = ConcernHistory


class InterviewHistoryInline(ReadOnlyHistoryInline):
    model = InterviewHistory


@admin.register(Concern)
class ConcernAdmin(ReadOnlyAdmin):
    list_display = ("title", "level", "organization", "status", "recorded_at")
    list_filter = ("status", "level")
    search_fields = ("title",)
    inlines = [ConcernHistoryInline]


@admin.register(Interview)
class InterviewAdmin(ReadOnlyAdmin):
    list_display = ("title", "organization", "starts_at", "status")
    list_filter = ("status",)
    search_fields = ("title",)
    inlines = [InterviewHistoryInline]
