from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from portal import home as home_blocks
from portal.models import Organization


def home(request):
    return render(request, "portal/home.html", {"blocks": home_blocks.blocks_for(request)})


def organization_list(request):
    organizations = Organization.objects.active().order_by("kind", "order", "id")
    return render(request, "portal/organization_list.html", {"organizations": organizations})


def organization_detail(request, code: str):
    organization = get_object_or_404(Organization.objects.active(), code=code.upper())
    return render(request, "portal/organization_detail.html", {"organization": organization})


_DISPLAY_MODES = {"large_text", "high_contrast"}


@require_POST
def display_mode(request):
    """Toggle 长者模式 / 高对比度; the choice persists in a cookie for a year. Works without JavaScript."""
    from django.utils.http import url_has_allowed_host_and_scheme

    target = request.POST.get("next") or "/"
    if not url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
        target = "/"
    response = redirect(target)
    mode = request.POST.get("mode")
    if mode in _DISPLAY_MODES:
        on = request.COOKIES.get(mode) != "1"
        response.set_cookie(mode, "1" if on else "0", max_age=365 * 24 * 3600, samesite="Lax")
    return response
