"""The staff area shell: login (with the django-axes lockout page), logout and the workbench composed of the apps'
sections (portal.workbench)."""

from __future__ import annotations

import ipaddress
from datetime import datetime

from django import forms
from django.conf import settings
from django.contrib.admin.forms import AdminAuthenticationForm
from django.contrib.auth import logout
from django.contrib.auth.decorators import login_required
from django.contrib.auth.forms import AuthenticationForm
from django.contrib.auth.views import LoginView
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from portal import ratelimit
from portal import workbench as workbench_sections

NO_ROLE_MESSAGE = "您的账号尚未分配工作角色（信息员、单位审核人、单位领导、政务公开办或系统管理员），暂时不能使用工作台。请联系系统管理员分配角色。"
NO_UNIT_MESSAGE = "您的账号尚未分配所属单位，暂时不能使用工作台。请联系系统管理员设置所属单位。"


class AddressLimitMixin:
    """Refuses every login, right password or not, while this address is over the cross-account cap; checked before
    authenticate() so that a spraying client learns nothing more."""

    def clean(self):
        if ratelimit.login_limited(self.request):
            raise ValidationError(ratelimit.LOGIN_LIMITED_MESSAGE, code="address_limited")
        return super().clean()


class AdminLoginForm(AddressLimitMixin, AdminAuthenticationForm):
    pass


class StaffLoginForm(AddressLimitMixin, AuthenticationForm):
    username = forms.CharField(
        label="用户名", max_length=150, widget=forms.TextInput(attrs={"autofocus": True, "autocomplete": "username"})
    )
    password = forms.CharField(
        label="密码", strip=False, widget=forms.PasswordInput(attrs={"autocomplete": "current-password"})
    )
    error_messages = {
        "invalid_login": "用户名或密码不正确（密码区分大小写）。",
        "inactive": "该账号已停用，请联系系统管理员。",
    }


class StaffLoginView(LoginView):
    template_name = "staff/login.html"
    form_class = StaffLoginForm
    redirect_authenticated_user = True

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        # LoginView puts Django's current site in ``site``, which would hide the site profile of the context
        # processor (the page title, the footer's 主办单位, 标识码 and 备案号): keep it under another name.
        context["current_site"] = context.pop("site", None)
        return context

    def form_invalid(self, form):
        response = super().form_invalid(form)
        if form.has_error(NON_FIELD_ERRORS, "address_limited"):
            response.status_code = 429
            return response
        # django-axes counts the failure during authenticate(); warn before the lock, not only after it.
        failures = getattr(self.request, "axes_failures_since_start", None)
        if failures:
            response.context_data["attempts_left"] = max(settings.AXES_FAILURE_LIMIT - failures, 0)
        return response


def axes_client_ip(request) -> str | None:
    """django-axes' client address (AXES_CLIENT_IP_CALLABLE): the one the rate limits use, or None when it is not
    a valid address (axes stores it in an inet column on PostgreSQL)."""
    address = ratelimit.client_ip(request)
    try:
        return str(ipaddress.ip_address(address))
    except ValueError:
        return None


def locked_out(request, original_response=None, credentials=None):
    """django-axes' lockout response (AXES_LOCKOUT_CALLABLE): the lockout page, saying when to try again."""
    cool_off = settings.AXES_COOLOFF_TIME
    context = {
        "failure_limit": settings.AXES_FAILURE_LIMIT,
        "minutes": int(cool_off.total_seconds() // 60),
        "unlock_at": timezone.localtime(_last_failure_at(request, credentials) + cool_off),
    }
    return render(request, settings.AXES_LOCKOUT_TEMPLATE, context, status=429)


def _last_failure_at(request, credentials) -> datetime:
    """When the lock started: the latest failure recorded for this username and address (the lock runs from it)."""
    from axes.models import AccessAttempt

    username = (credentials or {}).get("username") or request.POST.get("username", "")
    ip = getattr(request, "axes_ip_address", None)
    latest = (
        AccessAttempt.objects.filter(username=username, ip_address=ip)
        .order_by("-attempt_time")
        .values_list("attempt_time", flat=True)
        .first()
    )
    return latest or timezone.now()


@require_POST
def staff_logout(request):
    logout(request)
    return redirect("portal:home")


def _access_problem(user) -> str:
    """Why this login cannot use the workbench, or "" when it can."""
    if not user.is_portal_staff:
        return NO_ROLE_MESSAGE
    if not user.organization_id and not (user.is_office_staff or user.is_system_admin):
        return NO_UNIT_MESSAGE
    return ""


@login_required
def workbench(request):
    user = request.user
    problem = _access_problem(user)
    if problem:
        return render(request, "staff/workbench.html", {"problem": problem}, status=403)
    sections = workbench_sections.sections_for(user)
    context = {"sections": sections, "task_total": sum(s.count for s in sections)}
    return render(request, "staff/workbench.html", context)
