"""Public pages of the 政务新媒体矩阵: the directory of filed accounts, an account's page and its images."""

from __future__ import annotations

from django.http import Http404, HttpResponse
from django.shortcuts import render

from newmedia import selectors
from newmedia.models import Account
from portal.private_files import serve_private


def image_response(request, field_file, *, public: bool = False) -> HttpResponse:
    """An account's avatar or QR code, from private storage: the staff views check the unit first."""
    if not field_file:
        raise Http404("没有图片。")
    response = serve_private(request, field_file, as_attachment=False)
    if public:  # an approved account's image, shown in the public directory
        response["Cache-Control"] = "public, max-age=3600"
    return response


# --- Public: 政务新媒体矩阵


def directory(request):
    by_unit = request.GET.get("by") == "unit"
    groups = selectors.directory_by_unit() if by_unit else selectors.directory_by_platform()
    context = {"groups": groups, "by_unit": by_unit, "crumbs": [("政务新媒体", "")]}
    return render(request, "newmedia/directory.html", context)


def account_page(request, pk: int):
    account = selectors.public_account_or_404(pk)
    closure = selectors.closure_of(account) if account.status == Account.Status.CLOSED else None
    return render(request, "newmedia/account_page.html", {"account": account, "closure": closure})


def public_image(request, pk: int, which: str):
    account = selectors.public_account_or_404(pk)
    return image_response(request, account.avatar if which == "avatar" else account.qr_code, public=True)
