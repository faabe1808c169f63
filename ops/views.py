"""Thin views of ops: /healthz and the status page, the second login step and enrolment, the account's security page
and password change, and the administrator's accounts overview and audit log."""

from __future__ import annotations

import csv
import logging
from base64 import b32encode
from urllib.parse import urlencode

import django_otp
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import get_user_model, update_session_auth_hash
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse, JsonResponse, StreamingHttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from ops import backup, forms, health, passwords, selectors, services, sessions
from portal import qr
from portal.signals import sensitive_download

logger = logging.getLogger(__name__)


# --- health
@never_cache
def healthz(request):
    """For an outside uptime monitor: JSON, 200 when every check passes, 503 when one fails, never a 500."""
    try:
        checks = health.run()
        body = {
            "status": "ok" if all(c.ok for c in checks) else "fail",
            "checks": {c.name: {"ok": c.ok, "detail": c.detail} for c in checks},
            "time": timezone.now().isoformat(),
        }
    except Exception:  # the monitor must get an answer it can read
        logger.exception("health checks failed to run")
        body = {"status": "fail", "checks": {}, "time": timezone.now().isoformat()}
    return JsonResponse(body, status=200 if body["status"] == "ok" else 503, json_dumps_params={"ensure_ascii": False})


@never_cache
@login_required
def status_page(request):
    selectors.require_status_reader(request.user)
    checks = health.run(detailed=True)
    context = {
        "checks": checks,
        "healthy": all(c.ok for c in checks),
        "archives": backup.archives()[:5],
        "jobs": selectors.job_runs(),
    }
    return render(request, "ops/status.html", context)


# --- the second login step
def _next_url(request, default: str = "portal:workbench") -> str:
    candidate = request.POST.get("next") or request.GET.get("next") or ""
    if candidate and url_has_allowed_host_and_scheme(
        candidate, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return candidate
    return reverse(default)


@never_cache
@login_required
def verify(request):
    user = request.user
    if user.is_verified() or not request.session.get(sessions.NEEDS_OTP):
        return redirect(_next_url(request))
    if not services.has_totp(user):
        if services.is_required(user):
            return redirect(f"{reverse('ops:enrol')}?{urlencode({'next': _next_url(request)})}")
        # The authenticator was reset and this account may use the password alone.
        request.session[sessions.NEEDS_OTP] = False
        sessions.announce_previous_login(request)
        return redirect(_next_url(request))
    form = forms.CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            device = services.verify(user, form.cleaned_data["code"], request=request)
        except services.TwoFactorError as exc:
            form.add_error("code", str(exc))
        else:
            django_otp.login(request, device)
            sessions.announce_previous_login(request)
            return redirect(_next_url(request))
    return render(request, "ops/verify.html", {"form": form, "next": _next_url(request)}, status=_status(form))


def _status(form) -> int:
    return 400 if form.is_bound and form.errors else 200


def _may_enrol(request) -> bool:
    # Binding a new authenticator replaces the old one: only a session that proved the old one (or has none) may.
    return request.user.is_verified() or not services.has_totp(request.user)


@never_cache
@login_required
def enrol(request):
    user = request.user
    if not _may_enrol(request):
        return redirect(f"{reverse('ops:verify')}?{urlencode({'next': reverse('ops:enrol')})}")
    device = services.pending_device(user)
    form = forms.EnrolForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            codes = services.confirm_enrolment(user, form.cleaned_data["code"], request=request)
        except services.TwoFactorError as exc:
            form.add_error("code", str(exc))
        else:
            first_login_step = request.session.get(sessions.NEEDS_OTP) and not user.is_verified()
            device.refresh_from_db()
            django_otp.login(request, device)
            request.session[sessions.NEEDS_OTP] = True
            if first_login_step:
                sessions.announce_previous_login(request)
            messages.success(request, "身份验证器已绑定，此后登录时须输入它显示的验证码。")
            return _show_recovery_codes(request, codes)
    context = {
        "form": form,
        "secret": _grouped(b32encode(device.bin_key).decode()),
        "required": services.is_required(user),
        "replacing": services.has_totp(user),
        "next": _next_url(request),
    }
    return render(request, "ops/enrol.html", context, status=_status(form))


def _grouped(secret: str) -> str:
    return " ".join(secret[i : i + 4] for i in range(0, len(secret), 4))


@never_cache
@login_required
def enrol_qr(request):
    """The QR code of the authenticator being bound (it carries the secret: never cached, only for its owner)."""
    if not _may_enrol(request):
        raise Http404("未找到该页面。")
    device = services.pending_device(request.user)
    return HttpResponse(qr.make_png(device.config_url), content_type="image/png")


def _show_recovery_codes(request, codes: list[str]):
    return render(request, "ops/recovery_codes.html", {"codes": codes, "next": _next_url(request, "ops:security")})


# --- the account's own security page
@never_cache
@login_required
def security(request):
    user = request.user
    context = {
        "has_totp": services.has_totp(user),
        "required": services.is_required(user),
        "codes_left": services.recovery_codes_left(user),
        "password_changed_at": passwords.changed_at(user),
        "expiry_applies": passwords.expiry_applies(user),
        "max_age_days": settings.PASSWORD_MAX_AGE_DAYS,
        "events": selectors.own_recent_events(user),
    }
    return render(request, "ops/security.html", context)


@require_POST
@login_required
def recovery_codes(request):
    try:
        codes = services.regenerate_recovery_codes(request.user, request=request)
    except services.TwoFactorError as exc:
        messages.error(request, str(exc))
        return redirect("ops:security")
    messages.success(request, "已生成新的恢复码，原有恢复码全部作废。")
    return _show_recovery_codes(request, codes)


@never_cache
@login_required
def password_change(request):
    form = forms.StaffPasswordChangeForm(request.user, request.POST or None)
    if request.method == "POST" and form.is_valid():
        user = form.save()
        update_session_auth_hash(request, user)
        request.session[sessions.PASSWORD_EXPIRED] = False
        messages.success(request, "密码已修改。")
        return redirect(_next_url(request, "ops:security"))
    context = {"form": form, "next": _next_url(request, "ops:security"), "policy": _policy_lines()}
    return render(request, "ops/password_change.html", context, status=_status(form))


def _policy_lines() -> list[str]:
    from django.contrib.auth.password_validation import password_validators_help_texts

    return password_validators_help_texts()


# --- the administrator's pages
@never_cache
@login_required
def accounts(request):
    rows = selectors.staff_accounts(request.user)
    page = Paginator(rows, 50).get_page(request.GET.get("page"))
    return render(request, "ops/accounts.html", {"page": page})


@require_POST
@login_required
def account_reset_two_factor(request, pk: int):
    selectors.require_audit_reader(request.user)
    account = get_object_or_404(get_user_model(), pk=pk)
    services.reset_two_factor(account, actor=request.user, request=request)
    messages.success(request, f"已重置 {account.get_username()} 的两步验证；该账号下次登录时须重新绑定身份验证器。")
    return redirect("ops:accounts")


@never_cache
@login_required
def audit_list(request):
    form = forms.AuditFilterForm(request.GET or None)
    filters = form.cleaned_data if form.is_valid() else {}
    entries = selectors.audit_entries(request.user, filters)
    page = Paginator(entries, 50).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    context = {"form": form, "page": page, "query": query.urlencode(), "retention_days": settings.AUDIT_RETENTION_DAYS}
    return render(request, "ops/audit_list.html", context)


class _Echo:
    def write(self, value):
        return value


def _cell(value) -> str:
    # A failed login records whatever username was typed: keep a spreadsheet from reading it as a formula.
    text = str(value)
    return "'" + text if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text


_CSV_HEADER = ["时间", "事件", "操作人", "账号", "来源地址", "对象类型", "对象", "详情"]


@never_cache
@login_required
def audit_export(request):
    form = forms.AuditFilterForm(request.GET or None)
    entries = selectors.audit_entries(request.user, form.cleaned_data if form.is_valid() else {})
    count = entries.count()
    writer = csv.writer(_Echo())

    def rows():
        yield "\ufeff" + writer.writerow(_CSV_HEADER)
        for entry in entries.iterator(chunk_size=2000):
            yield writer.writerow([_cell(value) for value in (
                timezone.localtime(entry.timestamp).strftime("%Y-%m-%d %H:%M:%S"), entry.get_event_display(),
                entry.actor.get_username() if entry.actor_id else "", entry.username, entry.remote_addr or "",
                entry.content_type.name if entry.content_type_id else "", entry.object_repr, entry.detail,
            )])  # fmt: skip

    sensitive_download.send(sender="ops.audit", request=request, what="审计日志导出", count=count)
    response = StreamingHttpResponse(rows(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f"attachment; filename=audit-{timezone.localdate():%Y%m%d}.csv"
    return response
