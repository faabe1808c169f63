"""Staff pages of 办事服务: thin views over the services; buttons come from the workflow's allowed_actions, another
unit's item is a 404 (portal.scoping)."""

from __future__ import annotations

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.http import content_disposition_header
from django.views.decorators.http import require_POST

from portal import exports
from portal.errors import DomainError
from portal.review import ReviewLevel
from portal.staff import run_action, staff_required
from portal.workdays import today
from services_guide import catalogue, conf, selectors, services
from services_guide.forms import (
    GuideForm,
    ImportForm,
    NewItemForm,
    OpinionForm,
    StaffFilterForm,
    StopForm,
    material_formset,
    material_inputs,
)
from services_guide.models import GuideVersion
from services_guide.views import file_response
from services_guide.workflows import WORKFLOW, may_draft_for

S = GuideVersion.Status
# The POST actions of the detail page: the service each runs and what it says when done.
ACTIONS = {
    "submit": (lambda v, user, opinion: services.submit(v, actor=user), "已报送初审。"),
    "pass_first": (
        lambda v, user, opinion: services.pass_review(v, actor=user, level="first", opinion=opinion),
        "初审通过，已送复审。",
    ),
    "pass_second": (
        lambda v, user, opinion: services.pass_review(v, actor=user, level="second", opinion=opinion),
        "复审通过，已送县政府办公室终审。",
    ),
    "approve": (
        lambda v, user, opinion: services.approve(v, actor=user, opinion=opinion),
        "终审通过，该版本已发布施行。",
    ),
    "return": (lambda v, user, opinion: services.return_for_changes(v, actor=user, opinion=opinion), "已退回修改。"),
    "reject": (lambda v, user, opinion: services.reject(v, actor=user, opinion=opinion), "已决定不予发布。"),
    "discard": (lambda v, user, opinion: services.discard(v, actor=user, opinion=opinion), "该版本已作废。"),
}
# Actions whose button sits beside an opinion box (a review decision).
REVIEW_ACTIONS = ("pass_first", "pass_second", "approve", "return", "reject")


def _detail(version: GuideVersion):
    return redirect("services_guide:staff_version", version.pk)


def _page(request, queryset):
    return Paginator(queryset, conf.PAGE_SIZE).get_page(request.GET.get("page"))


@staff_required
def version_list(request):
    form = StaffFilterForm(request.GET or None)
    data = form.cleaned_data if form.is_valid() else {}
    versions = selectors.staff_versions(request.user, status=data.get("status", ""), query=data.get("q", ""))
    context = {
        "form": form,
        "page": _page(request, versions),
        "may_draft": request.user.is_officer or request.user.is_office_staff,
        "units": selectors.units_for(request.user),
    }
    return render(request, "services_guide/staff/list.html", context)


@staff_required
def queue(request, level: str):
    if level not in ReviewLevel.values:
        raise Http404("未找到该审核级别。")
    context = {"level": ReviewLevel(level), "page": _page(request, selectors.review_queue(request.user, level))}
    return render(request, "services_guide/staff/queue.html", context)


@staff_required
def item_create(request):
    user = request.user
    units = selectors.units_for(user)
    if not (user.is_officer or user.is_office_staff):
        raise Http404("未找到该页面。")
    form = NewItemForm(request.POST or None, units=units, initial={"organization": user.organization_id})
    formset = material_formset(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid() and formset.is_valid():
        fields = form.guide_fields()
        try:
            version = services.create_item(
                actor=user, organization=form.cleaned_data["organization"], code=form.cleaned_data["code"],
                themes=form.cleaned_data["themes"], materials=material_inputs(formset), **fields,
            )  # fmt: skip
        except DomainError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, "事项草稿已保存。补全办事指南的必备要素后即可报送审核。")
            return _detail(version)
    return render(request, "services_guide/staff/form.html", {"form": form, "formset": formset, "version": None})


@staff_required
def version_edit(request, pk: int):
    version = selectors.get_version_for_user(request.user, pk)
    if "edit" not in WORKFLOW.allowed_actions(version, request.user):
        messages.error(request, "这个版本当前不能由您修改。")
        return _detail(version)
    form = GuideForm(request.POST or None, instance=version)
    formset = material_formset(request.POST or None, request.FILES or None, version=version)
    if request.method == "POST" and form.is_valid() and formset.is_valid():
        try:
            # The service re-reads the row under its lock, so the values the form left on the instance are compared
            # with what is stored, not with themselves.
            services.update_version(
                version, actor=request.user, themes=form.cleaned_data["themes"], materials=material_inputs(formset),
                **form.guide_fields(),
            )  # fmt: skip
        except DomainError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, "已保存。")
            return _detail(version)
    return render(request, "services_guide/staff/form.html", {"form": form, "formset": formset, "version": version})


@staff_required
def version_detail(request, pk: int):
    user = request.user
    version = selectors.get_version_for_user(user, pk)
    item = version.item
    allowed = WORKFLOW.allowed_actions(version, user)
    buttons = [(code, WORKFLOW.label(code)) for code in allowed if code in ACTIONS and code not in REVIEW_ACTIONS]
    reviews = [(code, WORKFLOW.label(code)) for code in allowed if code in REVIEW_ACTIONS]
    open_version = item.versions.filter(status__in=[S.DRAFT, S.RETURNED, S.PENDING_FIRST, S.PENDING_SECOND,
                                                    S.PENDING_FINAL]).exclude(pk=version.pk).first()  # fmt: skip
    may_change = (
        version.pk == item.current_id and version.status == S.PUBLISHED and open_version is None
        and may_draft_for(user, item.organization) is None
    )  # fmt: skip
    context = {
        "version": version,
        "item": item,
        "may_edit": "edit" in allowed,
        "may_stop": "stop" in allowed,
        "may_change": may_change,
        "buttons": buttons,
        "submit_label": WORKFLOW.label("submit"),
        "reviews": reviews,
        "opinion_form": OpinionForm(),
        # Actions only a condition holds back (the required elements still missing before submitting).
        "blocked": WORKFLOW.blocked_actions(version, user),
        "open_version": open_version,
        "history": selectors.history_of(item),
        "versions": item.versions.order_by("-number"),
    }
    return render(request, "services_guide/staff/detail.html", context)


@require_POST
@staff_required
def version_act(request, pk: int, action: str):
    if action not in ACTIONS:
        raise Http404("未找到该操作。")
    version = selectors.get_version_for_user(request.user, pk)
    form = OpinionForm(request.POST)
    opinion = form.cleaned_data["opinion"] if form.is_valid() else ""
    service, success = ACTIONS[action]
    run_action(request, lambda: service(version, request.user, opinion), success)
    return _detail(version)


@require_POST
@staff_required
def item_change(request, pk: int):
    item = selectors.get_item_for_user(request.user, pk)
    try:
        version = services.draft_change(item, actor=request.user)
    except DomainError as exc:
        messages.error(request, str(exc))
        return (
            redirect("services_guide:staff_version", item.current_id)
            if item.current_id
            else redirect("services_guide:staff_list")
        )
    messages.success(request, f"已起草第{version.number}版。审核通过前，公开页面仍显示现行版本。")
    return redirect("services_guide:staff_edit", version.pk)


@staff_required
def item_stop(request, pk: int):
    item = selectors.get_item_for_user(request.user, pk)
    if item.current is None or "stop" not in WORKFLOW.allowed_actions(item.current, request.user):
        raise Http404("未找到该页面。")
    form = StopForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        version = item.current
        stop = lambda: services.stop(version, actor=request.user, reason=data["reason"], stopped_on=data["stopped_on"])  # noqa: E731
        if run_action(request, stop, "该事项已停止办理。"):
            return _detail(item.current)
    return render(request, "services_guide/staff/stop.html", {"item": item, "version": item.current, "form": form})


@staff_required
def material_file(request, pk: int, material_pk: int, which: str):
    return file_response(request, selectors.get_material_for_user(request.user, pk, material_pk), which)


@staff_required
def catalogue_import(request):
    user = request.user
    units = selectors.units_for(user)
    if not (user.is_officer or user.is_office_staff):
        raise Http404("未找到该页面。")
    form = ImportForm(request.POST or None, request.FILES or None, units=units,
                      initial={"organization": user.organization_id})  # fmt: skip
    errors: list[str] = []
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        parsed = catalogue.parse(upload.name, upload.read())
        errors = parsed.errors
        if not errors:
            outcome = services.import_rows(parsed.rows, actor=user, organization=form.cleaned_data["organization"])
            errors = outcome.errors
        if not errors:
            messages.success(
                request,
                f"已导入：新建{outcome.created}个事项、修改{outcome.changed}个事项，均为草稿，请核对后报送审核。",
            )
            return redirect("services_guide:staff_list")
        messages.error(request, f"文件中有{len(errors)}处错误，未导入任何事项，请修改后重新上传。")
    context = {"form": form, "errors": errors, "headers": catalogue.HEADERS}
    return render(request, "services_guide/staff/import.html", context)


@staff_required
def catalogue_export(request):
    """A unit's items in force, in the import's layout (CSV or XLSX)."""
    units = selectors.units_for(request.user)
    try:
        unit = units.get(pk=int(request.GET.get("unit") or request.user.organization_id or 0))
    except (ValueError, units.model.DoesNotExist) as exc:
        raise Http404("未找到该单位。") from exc
    versions = selectors.export_versions(unit)
    stem = f"{unit.code}-services-{today():%Y%m%d}"
    if request.GET.get("format") == "xlsx":
        content_type = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
        response = HttpResponse(catalogue.export_xlsx(versions), content_type=content_type)
        response["Content-Disposition"] = content_disposition_header(True, f"{stem}.xlsx")
        return response
    rows = (catalogue.row_for(version) for version in versions)
    return exports.csv_response(f"{stem}.csv", catalogue.HEADERS, rows)
