"""Thin views: a form, a scoped lookup (selectors), a service call, then a redirect or a page. Domain errors become
messages; another unit's document is a 404 (portal.scoping)."""

from __future__ import annotations

from functools import wraps

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from disclosure import conf, selectors, services
from disclosure.forms import AttachmentForm, DocumentForm, ReasonForm, ReviewForm, StaffFilterForm, ValidityForm
from disclosure.models import Column, Document, ReviewLevel
from portal.errors import DomainError
from portal.pdf import render_pdf
from portal.signals import sensitive_download


def staff_required(view):
    """Staff pages: login first; then anyone without a role (or without a unit, unless office staff) gets a 404."""

    @wraps(view)
    @login_required
    def wrapper(request, *args, **kwargs):
        user = request.user
        if not user.is_portal_staff or not (user.organization_id or user.is_office_staff):
            raise Http404("未找到该页面。")
        return view(request, *args, **kwargs)

    return wrapper


def _detail(document: Document):
    return redirect("disclosure:staff_detail", document.pk)


def _run(request, action, *args, success: str, **kwargs) -> bool:
    try:
        action(*args, actor=request.user, **kwargs)
    except DomainError as exc:
        messages.error(request, str(exc))
        return False
    messages.success(request, success)
    return True


def _page(request, queryset, per_page: int = conf.PAGE_SIZE):
    return Paginator(queryset, per_page).get_page(request.GET.get("page"))


# --- Staff: lists


@staff_required
def staff_list(request):
    form = StaffFilterForm(request.GET or None)
    documents = selectors.documents_visible_to(request.user).order_by("-updated_at", "-id")
    if form.is_valid():
        if form.cleaned_data["q"]:
            documents = documents.filter(title__icontains=form.cleaned_data["q"])
        if form.cleaned_data["status"]:
            documents = documents.filter(status=form.cleaned_data["status"])
        if form.cleaned_data["mine"]:
            documents = documents.filter(created_by=request.user)
    context = {"form": form, "page": _page(request, documents), "may_draft": services.may_draft(request.user)}
    return render(request, "disclosure/staff/list.html", context)


@staff_required
def staff_queue(request, level: str):
    if level not in ReviewLevel.values:
        raise Http404("未找到该审核级别。")
    documents = selectors.review_queue(request.user, level)
    context = {"level": ReviewLevel(level), "page": _page(request, documents)}
    return render(request, "disclosure/staff/queue.html", context)


# --- Staff: drafting


@staff_required
def staff_create(request):
    if not services.may_draft(request.user):
        raise Http404("未找到该页面。")
    org = request.user.organization
    form = DocumentForm(request.POST or None, request.FILES or None, organization=org, user=request.user)
    if request.method == "POST" and form.is_valid():
        fields = form.service_fields()
        column, title = fields.pop("column"), fields.pop("title")
        try:
            document = services.create_document(actor=request.user, column=column, title=title, **fields)
        except DomainError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, "草稿已保存。可继续上传附件，确认无误后报送审核。")
            return _detail(document)
    return render(request, "disclosure/staff/form.html", {"form": form, "document": None})


@staff_required
def staff_edit(request, pk: int):
    document = selectors.get_document_for_user(request.user, pk)
    if not services.may_edit(request.user, document) or not document.is_editable:
        messages.error(request, "这条信息当前不能由您修改。")
        return _detail(document)
    form = DocumentForm(
        request.POST or None, request.FILES or None, instance=document, organization=document.organization,
        user=request.user,
    )  # fmt: skip
    if request.method == "POST" and form.is_valid():
        was_in_review = document.is_in_review
        try:
            services.update_document(document, actor=request.user, **form.service_fields())
        except DomainError as exc:
            form.add_error(None, str(exc))
        else:
            note = "修改已保存，信息已退回初审重新审核。" if was_in_review else "修改已保存。"
            messages.success(request, note)
            return _detail(document)
    return render(request, "disclosure/staff/form.html", {"form": form, "document": document})


@staff_required
@require_POST
def staff_attachment_add(request, pk: int):
    document = selectors.get_document_for_user(request.user, pk)
    form = AttachmentForm(request.POST, request.FILES)
    if not form.is_valid():
        for error in form.errors.get("file", []):
            messages.error(request, error)
        return _detail(document)
    _run(request, services.add_attachment, document, upload=form.cleaned_data["file"], success="附件已上传。")
    return _detail(document)


@staff_required
@require_POST
def staff_attachment_delete(request, pk: int, attachment_pk: int):
    attachment = selectors.get_attachment_for_user(request.user, pk, attachment_pk)
    _run(request, services.remove_attachment, attachment, success="附件已删除。")
    return redirect("disclosure:staff_detail", pk)


@staff_required
def staff_attachment_download(request, pk: int, attachment_pk: int):
    attachment = selectors.get_attachment_for_user(request.user, pk, attachment_pk)
    # A draft's attachment is not public yet and may hold personal data the review is there to catch.
    sensitive_download.send(sender=type(attachment), request=request, what=f"稿件附件 {attachment.name}", count=1)
    return _file_response(attachment)


def _file_response(attachment) -> FileResponse:
    return FileResponse(attachment.file.open("rb"), as_attachment=True, filename=attachment.name)


# --- Staff: the document and its workflow


def _detail_context(request, document: Document) -> dict:
    user = request.user
    return {
        "document": document,
        "attachments": document.attachments.all(),
        "history": selectors.history_of(document),
        "may_edit": document.is_editable and services.may_edit(user, document),
        # Why this reviewer cannot act now (own submission, second level ...); people without a review role see none.
        "review_problem": services.review_problem(user, document) if document.is_in_review and _reviews(user) else None,
        "missing": services.missing_for_submit(document) if document.status in ("draft", "returned") else [],
        "attachment_form": AttachmentForm(),
        "reason_form": ReasonForm(),
        "validity_form": ValidityForm(initial={"validity": document.validity, "repealed_on": document.repealed_on}),
    }


def _reviews(user) -> bool:
    return user.is_unit_reviewer or user.is_unit_leader or user.is_office_staff


@staff_required
def staff_detail(request, pk: int):
    document = selectors.get_document_for_user(request.user, pk)
    return render(request, "disclosure/staff/detail.html", _detail_context(request, document))


@staff_required
@require_POST
def staff_submit(request, pk: int):
    document = selectors.get_document_for_user(request.user, pk)
    _run(request, services.submit, document, success="已报送初审。")
    return _detail(document)


@staff_required
def staff_review(request, pk: int):
    document = selectors.get_document_for_user(request.user, pk)
    problem = services.review_problem(request.user, document)
    if problem:
        messages.error(request, problem)
        return _detail(document)
    form = ReviewForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        done = _run(
            request, services.review, document, decision=data["decision"], opinion=data["opinion"],
            checklist=form.checklist(), success="审核意见已提交。",
        )  # fmt: skip
        if done:
            return _detail(document)
    services.rescan(document)  # show the scan as it stands now (the word list may have changed)
    context = {**_detail_context(request, document), "form": form, "level": document.get_status_display()}
    return render(request, "disclosure/staff/review.html", context)


@staff_required
@require_POST
def staff_override(request, pk: int):
    document = selectors.get_document_for_user(request.user, pk)
    form = ReasonForm(request.POST)
    if not form.is_valid():
        messages.error(request, "放行须填写理由（不少于5个字）。")
        return redirect("disclosure:staff_review", pk)
    if _run(request, services.override_scan, document, reason=form.cleaned_data["reason"], success="已放行扫描结果。"):
        return redirect("disclosure:staff_review", pk)
    return _detail(document)


@staff_required
def staff_withdraw(request, pk: int):
    document = selectors.get_document_for_user(request.user, pk)
    form = ReasonForm(request.POST or None)
    posted = request.method == "POST" and form.is_valid()
    if posted and _run(
        request, services.withdraw, document, reason=form.cleaned_data["reason"], success="信息已撤回。"
    ):
        return _detail(document)
    return render(request, "disclosure/staff/withdraw.html", {"document": document, "form": form})


@staff_required
@require_POST
def staff_validity(request, pk: int):
    document = selectors.get_document_for_user(request.user, pk)
    form = ValidityForm(request.POST)
    if not form.is_valid():
        messages.error(request, "请选择有效性，失效或废止须填写日期。")
        return _detail(document)
    data = form.cleaned_data
    _run(
        request, services.change_validity, document, validity=data["validity"], repealed_on=data["repealed_on"],
        reason=data["reason"], success="有效性已更新。",
    )  # fmt: skip
    return _detail(document)


@staff_required
def staff_history(request, pk: int):
    document = selectors.get_document_for_user(request.user, pk)
    context = {"document": document, "history": selectors.history_of(document)}
    return render(request, "disclosure/staff/history.html", context)


@staff_required
def staff_review_pdf(request, pk: int):
    """信息发布审核表 (seed 000): every review record of the document, for the archive."""
    document = selectors.get_document_for_user(request.user, pk)
    history = list(selectors.history_of(document))
    context = {"document": document, "history": history, "reviews": [h for h in history if h.level]}
    pdf = render_pdf("disclosure/pdf/review_form.html", context)
    sensitive_download.send(sender=Document, request=request, what=f"信息发布审核表 {document}", count=1)
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="review-form-{document.pk}.pdf"'
    return response


# --- Public


def platform(request, code: str | None = None):
    """The 政府信息公开 platform (REFERENCE §3): the catalogue tree with counts, for the county or one unit."""
    if not code and request.GET.get("unit"):  # the unit selector (a GET form that works without JavaScript)
        return redirect("disclosure:platform_unit", selectors.unit_by_code(request.GET["unit"]).code)
    unit = selectors.unit_by_code(code) if code else None
    roots, children = selectors.column_tree()
    root = next((c for c in roots if c.slug == "xxgk"), None)
    if root is None:
        raise Http404("政府信息公开平台栏目未配置。")
    counts = selectors.published_counts(unit)
    latest = selectors.public_documents().filter(column__carries_metadata=True)
    if unit:
        latest = latest.filter(organization=unit)
    context = {
        "unit": unit,
        "root": root,
        "sections": _tree_nodes(root, children, counts),
        "units": selectors.publishing_units(),
        "latest": latest.order_by("-published_at")[:10],
    }
    return render(request, "disclosure/platform.html", context)


def _tree_nodes(column: Column, children: dict, counts: dict[int, int]) -> list[dict]:
    nodes = []
    for child in children.get(column.pk, []):
        sub = _tree_nodes(child, children, counts)
        total = counts.get(child.pk, 0) + sum(n["count"] for n in sub)
        nodes.append({"column": child, "children": sub, "count": total})
    return nodes


def platform_unit(request, code: str):
    return platform(request, code)


def column_list(request, slug: str):
    column = selectors.column_by_slug(slug)
    unit = selectors.unit_by_code(request.GET["unit"]) if request.GET.get("unit") else None
    if column.kind == Column.Kind.GUIDE:
        return guide(request, unit.code if unit else None, column=column)
    roots, children = selectors.column_tree()
    documents = selectors.column_documents(selectors.descendant_ids(column, children), unit)
    parent = next((c for cs in children.values() for c in cs if c.pk == column.parent_id), None)
    context = {
        "column": column,
        "parent": parent,
        "unit": unit,
        "subcolumns": children.get(column.pk, []),
        "siblings": children.get(column.parent_id, []) if column.parent_id else [],
        "page": _page(request, documents),
    }
    return render(request, "disclosure/column.html", context)


def guide(request, code: str | None = None, column: Column | None = None):
    """政府信息公开指南 (条例 Art. 12), built from the unit's own contact fields; the county's is the office's."""
    from portal.models import Organization

    if code:
        unit = selectors.unit_by_code(code)
    else:
        unit = Organization.objects.active().filter(kind=Organization.Kind.COUNTY_OFFICE).order_by("order").first()
    roots, children = selectors.column_tree()
    root = next((c for c in roots if c.slug == "xxgk"), None)
    context = {
        "unit": unit,
        "column": column or Column.objects.filter(kind=Column.Kind.GUIDE).first(),
        "sections": _tree_nodes(root, children, {}) if root else [],
        "units": selectors.publishing_units(),
    }
    return render(request, "disclosure/guide.html", context)


def document_detail(request, pk: int, template: str = "disclosure/document.html"):
    document = selectors.public_document(pk)
    context = {
        "document": document,
        "attachments": document.attachments.all() if document.status == Document.Status.PUBLISHED else [],
        "interpretations": document.interpretations.all(),
        "policy": document.interprets if document.interprets and document.interprets.is_public else None,
        "trail": _trail(document.column),
    }
    return render(request, template, context)


def _trail(column: Column) -> list[Column]:
    trail, node = [], column
    while node is not None:
        trail.insert(0, node)
        node = node.parent
    return trail


def document_print(request, pk: int):
    return document_detail(request, pk, template="disclosure/document_print.html")


def attachment_download(request, pk: int, attachment_pk: int):
    return _file_response(selectors.public_attachment(pk, attachment_pk))


def staff_detail_url(document: Document) -> str:
    return reverse("disclosure:staff_detail", args=[document.pk])
