"""The public site shell: home page, 机构设置 pages, site map, page QR codes and the display-mode switch."""

from django.db.models import Count
from django.http import HttpResponse, HttpResponseBadRequest, HttpResponseRedirect
from django.shortcuts import get_object_or_404, render
from django.urls import Resolver404, resolve
from django.utils.cache import patch_cache_control
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods

from portal import home as home_blocks
from portal import local_urls, organization_page, pagecache, qr
from portal.models import Organization

# The home page's blocks are kept this long at most (besides any change of public content): a block may show what
# time changes (a consultation that closes).
HOME_BLOCKS_SECONDS = 300


def _unit_counts() -> list[dict]:
    counts = dict(Organization.objects.active().values_list("kind").annotate(n=Count("id")).order_by())
    return [
        {"kind": kind, "label": label, "count": counts[kind]}
        for kind, label in Organization.Kind.choices
        if kind in counts
    ]


def home(request):
    # The home page is the same for every reader, so its blocks (one or two queries each) are built once per change
    # of public content, not per request; a block provider must not depend on who asks.
    blocks = pagecache.per_generation("portal:home_blocks", lambda: home_blocks.blocks_for(request),
                                      HOME_BLOCKS_SECONDS)  # fmt: skip
    unit_counts = pagecache.per_generation("portal:unit_counts", _unit_counts)
    return render(request, "portal/home.html", {"blocks": blocks, "unit_counts": unit_counts})


def _organizations_by_kind() -> list[dict]:
    """Active units grouped in the order of Organization.Kind (office, townships, departments ...), one query."""
    groups: dict[str, list[Organization]] = {kind: [] for kind in Organization.Kind.values}
    for organization in Organization.objects.active().order_by("order", "name"):
        groups[organization.kind].append(organization)
    return [
        {"kind": kind, "label": Organization.Kind(kind).label, "units": units}
        for kind, units in groups.items()
        if units
    ]


def organization_list(request):
    return render(request, "portal/organization_list.html", {"groups": _organizations_by_kind()})


def organization_detail(request, code: str):
    units = Organization.objects.active().select_related("parent").prefetch_related("leaders")
    organization = get_object_or_404(units, code=code.upper())
    blocks = organization_page.blocks_for(request, organization)
    return render(request, "portal/organization_detail.html", {"organization": organization, "blocks": blocks})


def sitemap(request):
    return render(request, "portal/sitemap.html", {"groups": _organizations_by_kind()})


@require_GET
def page_qr(request):
    """A PNG QR code of one of this site's pages: ``/qr/?path=/documents/12/``. Foreign URLs are refused (400)."""
    path = request.GET.get("path", "")
    if not local_urls.is_local_path(path):
        return HttpResponseBadRequest("只能生成本站页面的二维码。", content_type="text/plain; charset=utf-8")
    try:
        resolve(path.split("?", 1)[0].split("#", 1)[0])
    except Resolver404:
        return HttpResponseBadRequest("本站没有这个页面。", content_type="text/plain; charset=utf-8")
    response = HttpResponse(qr.png_for_url(request.build_absolute_uri(path)), content_type="image/png")
    patch_cache_control(response, public=True, max_age=qr.CACHE_SECONDS)
    return response


_DISPLAY_MODES = {"large_text", "high_contrast"}


@never_cache
@require_http_methods(["GET", "POST"])
def display_mode(request):
    """Toggle 长者模式 / 高对比度 without script: the page's GET form (no CSRF token, so pages stay cacheable) comes
    here; the choice persists in a cookie for a year, and static/js/mode.js applies it on every page. A mode cookie
    is a display preference, not an action on anyone's data, so a GET may set it."""
    data = request.POST if request.method == "POST" else request.GET
    response = HttpResponseRedirect(local_urls.redirect_target(request, data.get("next")))
    mode = data.get("mode")
    if mode in _DISPLAY_MODES:
        on = request.COOKIES.get(mode) != "1"
        response.set_cookie(mode, "1" if on else "0", max_age=365 * 24 * 3600, samesite="Lax")
    return response
