"""The system administrator's tables (DESIGN §1): organisations, users and their roles, the working-day calendar's
override table and the site profile."""

from __future__ import annotations

from django import forms
from django.contrib import admin, messages
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.contrib.auth.forms import UserChangeForm, UserCreationForm
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.views.decorators.http import require_POST

from portal import holiday_notice
from portal.models import Leader, Organization, SiteProfile, User, WorkdayOverride

_WEEKDAYS = "一二三四五六日"


class OrganizationForm(forms.ModelForm):
    class Meta:
        model = Organization
        fields = "__all__"  # noqa: DJ007 - the admin edits every field of a unit

    def clean_code(self) -> str:
        # Codes are stored upper-case (Organization.save); compare them so for the unique check too.
        code = (self.cleaned_data.get("code") or "").strip().upper()
        clash = Organization.objects.filter(code=code).exclude(pk=self.instance.pk)
        if code and clash.exists():
            raise forms.ValidationError("已有单位使用该机构代码。")
        return code


@admin.register(Organization)
class OrganizationAdmin(admin.ModelAdmin):
    form = OrganizationForm
    list_display = ("name", "short_name", "kind", "code", "parent", "phone", "head_name", "order", "is_active")
    list_display_links = ("name",)
    list_filter = ("kind", "is_active")
    search_fields = ("name", "short_name", "code")
    ordering = ("order", "id")
    list_select_related = ("parent",)
    autocomplete_fields = ("parent",)
    fieldsets = (
        (None, {"fields": ("name", "short_name", "kind", "code", "parent", "order", "is_active")}),
        (
            "公开联系信息（机构职能页面）",
            {"fields": ("address", "postcode", "office_hours", "phone", "fax", "email", "head_name")},
        ),
        ("机构职能", {"fields": ("duties",)}),
    )


@admin.register(Leader)
class LeaderAdmin(admin.ModelAdmin):
    """领导信息 of every unit; filter by unit to edit one unit's list."""

    list_display = ("name", "post", "organization", "duties", "order")
    list_filter = ("organization__kind", "organization")
    search_fields = ("name", "post", "organization__name")
    list_select_related = ("organization",)
    autocomplete_fields = ("organization",)
    ordering = ("organization__order", "organization_id", "order", "id")


class PortalUserCreationForm(UserCreationForm):
    class Meta(UserCreationForm.Meta):
        model = User
        fields = ("username",)


class PortalUserChangeForm(UserChangeForm):
    class Meta(UserChangeForm.Meta):
        model = User


@admin.register(User)
class UserAdmin(DjangoUserAdmin):
    form = PortalUserChangeForm
    add_form = PortalUserCreationForm
    list_display = ("username", "full_name", "organization", "roles", "is_principal_leader", "is_active", "is_staff")
    list_filter = ("organization", "groups", "is_active", "is_staff", "is_superuser")
    search_fields = ("username", "first_name", "last_name", "phone", "email", "organization__name")
    ordering = ("organization__order", "organization_id", "username")
    list_select_related = ("organization",)
    autocomplete_fields = ("organization",)
    fieldsets = (
        (None, {"fields": ("username", "password")}),
        ("个人信息", {"fields": ("last_name", "first_name", "email", "phone")}),
        ("单位与角色", {"fields": ("organization", "groups", "is_principal_leader")}),
        ("权限", {"fields": ("is_active", "is_staff", "is_superuser", "user_permissions")}),
        ("重要日期", {"fields": ("last_login", "date_joined")}),
    )
    add_fieldsets = (
        (None, {"classes": ("wide",), "fields": ("username", "password1", "password2")}),
        ("个人信息", {"fields": ("last_name", "first_name", "phone")}),
        ("单位与角色", {"fields": ("organization", "groups", "is_principal_leader")}),
    )

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("groups")

    @admin.display(description="姓名", ordering="last_name")
    def full_name(self, obj: User) -> str:
        return obj.get_full_name()

    @admin.display(description="角色")
    def roles(self, obj: User) -> str:
        return "、".join(sorted(g.name for g in obj.groups.all())) or "—"


class YearFilter(admin.SimpleListFilter):
    title = "年份"
    parameter_name = "year"

    def lookups(self, request, model_admin):
        years = WorkdayOverride.objects.dates("date", "year", order="DESC")
        return [(str(d.year), f"{d.year}年") for d in years]

    def queryset(self, request, queryset):
        if self.value() and self.value().isdigit():
            return queryset.filter(date__year=int(self.value()))
        return queryset


@admin.register(WorkdayOverride)
class WorkdayOverrideAdmin(admin.ModelAdmin):
    """Saving or deleting a row recomputes stored due dates after commit (portal/signals.py)."""

    list_display = ("date", "weekday", "is_workday", "note", "updated_at")
    list_filter = (YearFilter, "is_workday")
    search_fields = ("note",)
    ordering = ("date",)
    date_hierarchy = "date"

    @admin.display(description="星期", ordering="date")
    def weekday(self, obj: WorkdayOverride) -> str:
        return f"周{_WEEKDAYS[obj.date.weekday()]}"

    def get_urls(self):
        wrap = self.admin_site.admin_view
        return [
            path("import/", wrap(self.import_preview), name="portal_workdayoverride_import"),
            path(
                "import/confirm/", wrap(require_POST(self.import_confirm)), name="portal_workdayoverride_import_confirm"
            ),
            *super().get_urls(),
        ]

    def _check_import_permission(self, request) -> None:
        if not (self.has_add_permission(request) and self.has_change_permission(request)):
            raise PermissionDenied

    def import_preview(self, request):
        """Paste the State Council's notice; the days found are shown for confirmation, nothing is saved yet."""
        self._check_import_permission(request)
        form = NoticeForm(request.POST or None)
        notice = form.notice if request.method == "POST" and form.is_valid() else None
        return self._import_page(request, form, notice)

    def import_confirm(self, request):
        """Save the confirmed notice (read again from the same text: what was shown is what is saved)."""
        self._check_import_permission(request)
        form = NoticeForm(request.POST)
        if not form.is_valid():
            return self._import_page(request, form, None)
        result = holiday_notice.import_notice(form.notice)
        messages.success(
            request, f"已导入{form.notice.year}年节假日安排：新增{result.created}条，更新{result.updated}条。"
        )
        return redirect(f"{reverse('admin:portal_workdayoverride_changelist')}?year={form.notice.year}")

    def _import_page(self, request, form, notice):
        existing = holiday_notice.existing_overrides(notice) if notice else {}
        rows = [
            {"date": day, "weekday": f"周{_WEEKDAYS[day.weekday()]}", "is_workday": working, "note": note,
             "replaces": existing.get(day)}
            for day, working, note in (notice.overrides() if notice else [])
        ]  # fmt: skip
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "title": "从国务院办公厅通知导入节假日安排",
            "form": form,
            "notice": notice,
            "rows": rows,
            "confirm_form": NoticeForm(initial=form.cleaned_data) if notice else None,
        }
        return TemplateResponse(request, "admin/portal/workdayoverride/import_notice.html", context)


class NoticeForm(forms.Form):
    text = forms.CharField(
        label="通知全文",
        widget=forms.Textarea(attrs={"rows": 18, "cols": 100}),
        help_text="粘贴国务院办公厅关于某年部分节假日安排的通知全文（含标题）。每个编号的节日行都必须能识别，否则不导入。",
    )
    year = forms.IntegerField(
        label="年份", required=False, min_value=2000, max_value=2200, help_text="通知全文含标题时可不填。"
    )

    def clean(self):
        data = super().clean()
        if data.get("text"):
            try:
                self.notice = holiday_notice.parse_notice(data["text"], data.get("year"))
            except holiday_notice.NoticeError as exc:
                self.add_error("text", str(exc))
        return data


class SiteProfileForm(forms.ModelForm):
    police_number_link = forms.URLField(label="公安备案链接", required=False, assume_scheme="https")
    conac_link = forms.URLField(label="党政机关标识链接", required=False, assume_scheme="https")
    error_report_link = forms.URLField(label="政府网站找错链接", required=False, assume_scheme="https")

    class Meta:
        model = SiteProfile
        fields = "__all__"  # noqa: DJ007 - the admin edits every field of the profile

    def clean_site_id_code(self) -> str:
        value = (self.cleaned_data.get("site_id_code") or "").strip()
        if value and not (len(value) == 10 and value.isdigit()):
            raise forms.ValidationError("政府网站标识码应为10位数字（6位行政区划代码 + 4位顺序号）。")
        return value


@admin.register(SiteProfile)
class SiteProfileAdmin(admin.ModelAdmin):
    """One row: it can be edited, never added twice or deleted (the header and footer read it)."""

    form = SiteProfileForm
    list_display = ("site_name", "sponsor", "site_id_code", "icp_number", "police_number")
    fieldsets = (
        (None, {"fields": ("county_name", "site_name", "site_domain", "sponsor")}),
        ("联系方式", {"fields": ("contact_address", "contact_phone", "contact_email")}),
        ("备案与标识", {"fields": ("site_id_code", "icp_number", "police_number", "police_number_link")}),
        ("首页与页脚标识", {"fields": ("welcome_message", "conac_link", "error_report_link")}),
        ("搜索引擎", {"fields": ("description", "keywords")}),
    )

    def has_add_permission(self, request) -> bool:
        return super().has_add_permission(request) and not SiteProfile.objects.exists()

    def has_delete_permission(self, request, obj=None) -> bool:
        return False
