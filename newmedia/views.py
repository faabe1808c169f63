"""Public pages of the 政务新媒体矩阵: the directory of filed accounts, an account's page and its images."""

from __future__ import annotations

import mimetypes

from django.http import FileResponse, Http404
from django.shortcuts import render

from newmedia import selectors
from newmedia.models import Account


def image_response(field_file) -> FileResponse:
    if not field_file:
        raise Http404("没有图片。")
    try:
        handle = field_file.open("rb")
    except (FileNotFoundError, OSError) as exc:
        raise Http404("图片文件不存在。") from exc
    content_type = mimetypes.guess_type(field_file.name)[0] or "application/octet-stream"
    response = FileResponse(handle, content_type=content_type)
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
    return image_response(account.avatar if which == "avatar" else account.qr_code)
