"""Staff pages: a form, a scoped lookup (selectors), a service call, then a redirect or a page. The buttons a page
shows come from the transition table (WORKFLOW.allowed_actions); a refusal becomes a message; another unit's document
is a 404 (portal.scoping)."""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from disclosure import highlight, selectors, services
from disclosure.forms import AttachmentForm, DocumentForm, ReasonForm, ReviewForm, StaffFilterForm, ValidityForm
from disclosure.models import Document, DocumentHistory, ReviewLevel
from disclosure.views import page_of
from disclosure.workflows import WORKFLOW, may_draft
from portal import review_warnings
from portal.errors import DomainError
from portal.middleware import rich_text_editor_csp
from portal.pdf import render_pdf
from portal.private_files import serve_private
from portal.signals import sensitive_download
from portal.staff import run_action, staff_required

A = DocumentHistory.Action


def _detail(document: Document):
    return redirect("disclosure:staff_detail", document.pk)


# --- Staff: lists


@staff_required
def staff_list(request):
    form = StaffFilterForm(request.GET or None)
    documents = selectors.documents_visible_to(request.user).order_by("-updated_at", "-id")
    if form.is_valid():
        if form.cleaned_data["q"]:
            documents = documents.filter(title__icontains=form.cleaned_data["q"])
        status = form.cleaned_data["status"]
        if status == selectors.OPEN_FILTER:
            documents = documents.filter(status__in=selectors.OPEN_STATES)
        elif status:
            documents = documents.filter(status=status)
        if form.cleaned_data["mine"]:
            documents = documents.filter(created_by=request.user)
    context = {"form": form, "page": page_of(request, documents), "may_draft": may_draft(request.user)}
    return render(request, "disclosure/staff/list.html", context)


@staff_required
def staff_queue(request, level: str):
    if level not in ReviewLevel.values:
        raise Http404("未找到该审核级别。")
    documents = selectors.review_queue(request.user, level)
    context = {"level": ReviewLevel(level), "page": page_of(request, documents)}
    return render(request, "disclosure/staff/queue.html", context)


# --- Staff: drafting


@staff_required
@rich_text_editor_csp
def staff_create(request):
    if not may_draft(request.user):
        raise Http404("未找到该页面。")
    org = request.user.organization
    form = DocumentForm(request.POST or None, request.FILES or None, organization=org, user=request.user,
                        initial=_interpretation_initial(request))  # fmt: skip
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


def _interpretation_initial(request) -> dict:
    """「起草解读」 on a policy's page: the new item starts in the 政策解读 column, linked to that policy."""
    pk = request.GET.get("interprets", "")
    if not pk.isdigit():
        return {}
    policy = selectors.interpretable_policies(request.user).filter(pk=int(pk)).first()
    column = selectors.interpretation_column()
    if policy is None or column is None:
        return {}
    return {"interprets": policy.pk, "column": column.pk, "title": f"《{policy.title}》政策解读"}


@staff_required
@rich_text_editor_csp
def staff_edit(request, pk: int):
    document = selectors.get_document_for_user(request.user, pk)
    if WORKFLOW.problem(document, request.user, A.EDIT):
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
    upload = form.cleaned_data["file"]
    run_action(request, lambda: services.add_attachment(document, actor=request.user, upload=upload), "附件已上传。")
    return _detail(document)


@staff_required
@require_POST
def staff_attachment_delete(request, pk: int, attachment_pk: int):
    attachment = selectors.get_attachment_for_user(request.user, pk, attachment_pk)
    run_action(request, lambda: services.remove_attachment(attachment, actor=request.user), "附件已删除。")
    return redirect("disclosure:staff_detail", pk)


@staff_required
def staff_attachment_download(request, pk: int, attachment_pk: int):
    attachment = selectors.get_attachment_for_user(request.user, pk, attachment_pk)
    return serve_private(request, attachment.file, attachment.name, audit=f"稿件附件 {attachment.name}")


# --- Staff: the document and its workflow


def _detail_context(request, document: Document) -> dict:
    user = request.user
    # Why this reviewer cannot act now (own submission, second level ...); people without a review role see none.
    refusal = WORKFLOW.problem(document, user, A.REVIEW) if document.is_in_review and _reviews(user) else None
    return {
        "document": document,
        "attachments": document.attachments.all(),
        "history": selectors.history_of(document),
        "actions": WORKFLOW.allowed_actions(document, user),
        # Actions only a condition holds back (what is missing before submitting, a full attachment list).
        "blocked": WORKFLOW.blocked_actions(document, user),
        "review_problem": str(refusal) if refusal else None,
        "attachment_form": AttachmentForm(),
        "reason_form": ReasonForm(),
        "validity_form": ValidityForm(initial={"validity": document.validity, "repealed_on": document.repealed_on}),
        "interpretations": selectors.interpretations_waiting_for(document),
        "needs_interpretation": services.needs_interpretation(document),
        "may_draft": may_draft(user),
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
    run_action(request, lambda: services.submit(document, actor=request.user), "已报送初审。")
    return _detail(document)


@staff_required
def staff_review(request, pk: int):
    document = selectors.get_document_for_user(request.user, pk)
    problem = WORKFLOW.problem(document, request.user, A.REVIEW)
    if problem:
        messages.error(request, str(problem))
        return _detail(document)
    form = ReviewForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        decide = lambda: services.review(  # noqa: E731
            document, actor=request.user, decision=data["decision"], opinion=data["opinion"],
            checklist=form.checklist(),
        )  # fmt: skip
        if run_action(request, decide, "审核意见已提交。"):
            return _detail(document)
    services.rescan(document)  # show the scan as it stands now (the word list may have changed)
    context = {**_detail_context(request, document), "form": form, "level": document.get_status_display()}
    context["review_warnings"] = review_warnings.warnings_for(document)  # other apps' checks (the wording check)
    context["marked_body"] = highlight.mark_hits(document.body, document.scan_findings)
    return render(request, "disclosure/staff/review.html", context)


@staff_required
@require_POST
def staff_override(request, pk: int):
    document = selectors.get_document_for_user(request.user, pk)
    form = ReasonForm(request.POST)
    if not form.is_valid():
        messages.error(request, "放行须填写理由（不少于5个字）。")
        return redirect("disclosure:staff_review", pk)
    reason = form.cleaned_data["reason"]
    if run_action(
        request, lambda: services.override_scan(document, actor=request.user, reason=reason), "已放行扫描结果。"
    ):
        return redirect("disclosure:staff_review", pk)
    return _detail(document)


@staff_required
def staff_withdraw(request, pk: int):
    document = selectors.get_document_for_user(request.user, pk)
    form = ReasonForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        reason = form.cleaned_data["reason"]
        if run_action(request, lambda: services.withdraw(document, actor=request.user, reason=reason), "信息已撤回。"):
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
    change = lambda: services.change_validity(  # noqa: E731
        document, actor=request.user, validity=data["validity"], repealed_on=data["repealed_on"], reason=data["reason"]
    )
    run_action(request, change, "有效性已更新。")
    return _detail(document)


@staff_required
def staff_history(request, pk: int):
    document = selectors.get_document_for_user(request.user, pk)
    context = {"document": document, "history": selectors.history_of(document)}
    return render(request, "disclosure/staff/history.html", context)


@staff_required
def staff_review_pdf(request, pk: int):
    """信息发布审核表 (the county's form for every published item): every review record of the document, for the
    archive."""
    document = selectors.get_document_for_user(request.user, pk)
    history = list(selectors.history_of(document))
    context = {"document": document, "history": history, "reviews": [h for h in history if h.level]}
    pdf = render_pdf("disclosure/pdf/review_form.html", context)
    sensitive_download.send(sender=Document, request=request, what=f"信息发布审核表 {document}", count=1)
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="review-form-{document.pk}.pdf"'
    return response
