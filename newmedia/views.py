"""Thin views: a form, a scoped lookup, a service call, then a redirect or a page. Domain errors become messages."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from newmedia import selectors, services
from newmedia.forms import (
    AccountForm,
    ActivityForm,
    ActivityImportForm,
    ChangeForm,
    ClosureForm,
    ExceptionForm,
    OpinionForm,
    ReturnForm,
)
from newmedia.models import Account, Filing, PlatformException
from portal import clocks, exports, workdays
from portal.errors import DomainError
from portal.home import Block
from portal.private_files import serve_private
from portal.workbench import Section, Task

# --- Helpers


def staff_required(view: Callable) -> Callable:
    """Signed-in staff only; anyone else signed in meets a 404, like an outsider (nothing to learn here)."""

    @login_required
    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if not request.user.is_portal_staff:
            raise Http404("未找到该页面。")
        return view(request, *args, **kwargs)

    return wrapper


def office_required(view: Callable) -> Callable:
    @staff_required
    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if not request.user.is_office_staff:
            raise Http404("未找到该页面。")
        return view(request, *args, **kwargs)

    return wrapper


def _filing_url(filing: Filing) -> str:
    return reverse("newmedia:filing_detail", args=[filing.pk])


def _attempt(request, action: Callable, success: str) -> bool:
    try:
        action()
    except DomainError as error:
        messages.error(request, str(error))
        return False
    messages.success(request, success)
    return True


def _image_response(request, field_file, *, public: bool = False) -> HttpResponse:
    if not field_file:
        raise Http404("没有图片。")
    response = serve_private(request, field_file, as_attachment=False)
    if public:  # an approved account's image, shown in the public directory
        response["Cache-Control"] = "public, max-age=3600"
    return response


def _clock(filing: Filing):
    # The unit's clock stops when the filing reaches the office; say whether it did so in time rather than
    # "已办结", because the office still has to review it.
    if filing.first_submitted_on is not None:
        if filing.is_late:
            return clocks.ClockState("done", "已报送（逾期）", "clock-overdue", None)
        return clocks.ClockState("done", "已按时报送", "clock-done", None)
    return clocks.clock_state(filing.due_on)


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
    return _image_response(request, account.avatar if which == "avatar" else account.qr_code, public=True)


def home_block(request) -> Block | None:
    accounts = selectors.home_strip()
    if not accounts:
        return None
    return Block("newmedia/home_strip.html", {"newmedia_accounts": accounts}, order=70)


# --- Workbench section


def workbench_sections(user) -> list[Section]:
    if not (user.is_office_staff or user.organization_id):
        return []
    open_filings = list(selectors.open_filings_for(user)[:8])
    tasks = [
        Task(
            title=f"{f.account.name}（{f.get_kind_display()}）",
            url=_filing_url(f),
            unit=f.account.organization.display_name,
            state=f.get_status_display(),
            due_on=f.due_on,
            clock=_clock(f),
        )
        for f in open_filings
    ]
    links = [("政务新媒体账号", reverse("newmedia:staff_index")), ("发布情况", reverse("newmedia:activity"))]
    if user.is_officer:
        links.insert(0, ("开设备案", reverse("newmedia:account_new")))
    if user.is_office_staff:
        links.append(("备案审核", reverse("newmedia:review_queue")))
    return [
        Section(
            title="政务新媒体",
            url=reverse("newmedia:staff_index"),
            count=selectors.open_filings_for(user).count(),
            tasks=tasks,
            links=links,
            order=60,
        )
    ]


# --- Staff: accounts and filings


@staff_required
def staff_index(request):
    user = request.user
    accounts = selectors.accounts_for(user).order_by("status", "organization__order", "platform", "id")
    filings = list(selectors.open_filings_for(user))
    return render(
        request,
        "newmedia/staff/index.html",
        {
            "accounts": accounts,
            "filings": [(f, _clock(f)) for f in filings],
            "leader_queue": selectors.leader_queue(user),
        },
    )


@staff_required
def account_new(request):
    if not (request.user.is_officer and request.user.organization_id):
        messages.error(request, "只有单位信息员可以填报开设备案。")
        return redirect("newmedia:staff_index")
    form = AccountForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            account, filing = services.create_account(
                actor=request.user, fields=data, avatar=data.get("avatar"), qr_code=data.get("qr_code")
            )
        except DomainError as error:
            form.add_error("platform", str(error))
        else:
            messages.success(request, f"已保存开设备案草稿。请在{filing.due_on:%Y年%m月%d日}前报送主要领导审批并备案。")
            return redirect(_filing_url(filing))
    return render(request, "newmedia/staff/account_form.html", {"form": form, "title": "政务新媒体开设备案"})


@staff_required
def staff_account(request, pk: int):
    account = selectors.account_for_user_or_404(request.user, pk)
    filings = account.filings.select_related("created_by").order_by("-created_at")
    return render(
        request,
        "newmedia/staff/account_detail.html",
        {"account": account, "filings": filings, "open_filing": services.open_filing_for(account)},
    )


@staff_required
def staff_account_image(request, pk: int, which: str):
    account = selectors.account_for_user_or_404(request.user, pk)
    return _image_response(request, account.avatar if which == "avatar" else account.qr_code)


@staff_required
def filing_detail(request, pk: int):
    filing = selectors.filing_for_user_or_404(request.user, pk)
    return render(
        request,
        "newmedia/staff/filing_detail.html",
        {
            "filing": filing,
            "account": filing.account,
            "clock": _clock(filing),
            "changes": _change_rows(filing),
            "opinion_form": OpinionForm(),
            "return_form": ReturnForm(),
            "can": _permissions(request.user, filing),
        },
    )


def _change_rows(filing: Filing) -> list[tuple[str, object, object]]:
    account = filing.account
    return [
        (Account._meta.get_field(name).verbose_name, getattr(account, name), value)
        for name, value in filing.changes.items()
    ]


def _permissions(user, filing: Filing) -> dict[str, bool]:
    same_unit = user.organization_id == filing.account.organization_id
    officer = user.is_officer and same_unit
    principal = user.is_unit_leader and user.is_principal_leader and same_unit
    status = filing.status
    return {
        "edit": officer and filing.is_editable,
        "submit": officer and filing.is_editable,
        "withdraw": officer and filing.is_editable,
        "leader": principal and status == Filing.Status.LEADER_REVIEW,
        "office": user.is_office_staff and status == Filing.Status.SUBMITTED,
    }


@staff_required
def filing_image(request, pk: int, which: str):
    filing = selectors.filing_for_user_or_404(request.user, pk)
    return _image_response(request, filing.proposed_avatar if which == "avatar" else filing.proposed_qr_code)


@staff_required
def filing_edit(request, pk: int):
    filing = selectors.filing_for_user_or_404(request.user, pk)
    if not _permissions(request.user, filing)["edit"]:
        messages.error(request, "该备案当前不能修改。")
        return redirect(_filing_url(filing))
    editors = {Filing.Kind.OPENING: _edit_opening, Filing.Kind.CHANGE: _edit_change, Filing.Kind.CLOSURE: _edit_closure}
    return editors[filing.kind](request, filing)


def _edit_opening(request, filing: Filing):
    form = AccountForm(request.POST or None, request.FILES or None, instance=filing.account)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        action = lambda: services.update_opening(  # noqa: E731
            filing, actor=request.user, fields=data, avatar=data.get("avatar"), qr_code=data.get("qr_code")
        )
        if _attempt(request, action, "开设备案已保存。"):
            return redirect(_filing_url(filing))
    return render(
        request, "newmedia/staff/account_form.html", {"form": form, "title": "修改开设备案", "filing": filing}
    )


def _change_form(request, account: Account, filing: Filing | None = None) -> ChangeForm:
    initial = dict(filing.changes) if filing else {}
    if filing:
        initial["change_note"] = filing.change_note
    return ChangeForm(request.POST or None, request.FILES or None, instance=account, initial=initial)


def _edit_change(request, filing: Filing):
    form = _change_form(request, filing.account, filing)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        action = lambda: services.update_change(  # noqa: E731
            filing,
            actor=request.user,
            fields=data,
            avatar=data.get("avatar"),
            qr_code=data.get("qr_code"),
            note=data.get("change_note", ""),
        )
        if _attempt(request, action, "变更备案已保存。"):
            return redirect(_filing_url(filing))
    context = {"form": form, "title": "修改变更备案", "filing": filing, "account": filing.account}
    return render(request, "newmedia/staff/change_form.html", context)


def _closure_details(data: dict) -> services.ClosureDetails:
    return services.ClosureDetails(
        closed_on=data["closed_on"],
        reason=data["reason"],
        announcement_url=data["announcement_url"],
        successor=data.get("successor"),
        successor_note=data.get("successor_note", ""),
    )


def _closure_form(request, account: Account, filing: Filing | None = None) -> ClosureForm:
    initial = {}
    if filing:
        initial = {
            "closed_on": filing.clock_start_on,
            "reason": filing.closure_reason,
            "announcement_url": filing.announcement_url,
            "successor": filing.successor_id,
            "successor_note": filing.successor_note,
        }
    successors = selectors.successor_choices(request.user)
    return ClosureForm(request.POST or None, account=account, successors=successors, initial=initial)


def _edit_closure(request, filing: Filing):
    form = _closure_form(request, filing.account, filing)
    if request.method == "POST" and form.is_valid():
        details = _closure_details(form.cleaned_data)
        action = lambda: services.update_closure(filing, actor=request.user, details=details)  # noqa: E731
        if _attempt(request, action, "关闭备案已保存。"):
            return redirect(_filing_url(filing))
    context = {"form": form, "title": "修改关闭备案", "filing": filing, "account": filing.account}
    return render(request, "newmedia/staff/closure_form.html", context)


@staff_required
def change_new(request, pk: int):
    account = selectors.account_for_user_or_404(request.user, pk)
    form = _change_form(request, account)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            filing = services.start_change(
                account,
                actor=request.user,
                fields=data,
                avatar=data.get("avatar"),
                qr_code=data.get("qr_code"),
                note=data.get("change_note", ""),
            )
        except DomainError as error:
            messages.error(request, str(error))
        else:
            messages.success(request, "已保存变更备案草稿；变更经备案后，公开目录才会显示新的信息。")
            return redirect(_filing_url(filing))
    context = {"form": form, "title": "政务新媒体变更备案", "account": account}
    return render(request, "newmedia/staff/change_form.html", context)


@staff_required
def closure_new(request, pk: int):
    account = selectors.account_for_user_or_404(request.user, pk)
    form = _closure_form(request, account)
    if request.method == "POST" and form.is_valid():
        try:
            filing = services.start_closure(account, actor=request.user, details=_closure_details(form.cleaned_data))
        except DomainError as error:
            messages.error(request, str(error))
        else:
            messages.success(request, f"已保存关闭备案草稿，须在{filing.due_on:%Y年%m月%d日}前完成备案。")
            return redirect(_filing_url(filing))
    context = {"form": form, "title": "政务新媒体关闭备案", "account": account}
    return render(request, "newmedia/staff/closure_form.html", context)


# --- Staff: transitions (one view per action)


def _transition(service: Callable, success: str, form_class=None):
    @require_POST
    @staff_required
    def view(request, pk: int):
        filing = selectors.filing_for_user_or_404(request.user, pk)
        kwargs = {}
        if form_class is not None:
            form = form_class(request.POST)
            if not form.is_valid():
                messages.error(request, "请填写退回理由。")
                return redirect(_filing_url(filing))
            kwargs["opinion"] = form.cleaned_data["opinion"]
        _attempt(request, lambda: service(filing, actor=request.user, **kwargs), success)
        return redirect(_filing_url(filing))

    return view


filing_submit = _transition(services.submit_to_leader, "已报送本单位主要领导审批。")
filing_leader_approve = _transition(services.leader_approve, "已审批同意，备案已报送政务公开办。", OpinionForm)
filing_leader_return = _transition(services.leader_return, "已退回信息员修改。", ReturnForm)
filing_approve = _transition(services.office_approve, "备案已通过。", OpinionForm)
filing_return = _transition(services.office_return, "已退回报送单位。", ReturnForm)
filing_withdraw = _transition(services.withdraw, "备案已撤销。")


@office_required
def review_queue(request):
    filings = list(selectors.review_queue(request.user))
    return render(request, "newmedia/staff/review_queue.html", {"filings": [(f, _clock(f)) for f in filings]})


@office_required
def exceptions(request):
    form = ExceptionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        action = lambda: services.grant_exception(  # noqa: E731
            actor=request.user, organization=data["organization"], platform=data["platform"], reason=data["reason"]
        )
        if _attempt(request, action, "已登记同平台多账号例外。"):
            return redirect("newmedia:exceptions")
    rows = PlatformException.objects.select_related("organization", "granted_by", "account")
    return render(request, "newmedia/staff/exceptions.html", {"form": form, "exceptions": rows})


# --- Staff: activity


@staff_required
def activity(request):
    user = request.user
    accounts = selectors.activity_accounts_for(user)
    form = ActivityForm(
        request.POST or None, accounts=accounts, initial={"week": services.last_complete_week(workdays.today())}
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        action = lambda: services.record_activity(  # noqa: E731
            data["account"], actor=user, week=data["week"], posts=data["posts"], followers=data.get("followers")
        )
        if _attempt(request, action, "发布情况已保存。"):
            return redirect("newmedia:activity")
    return _activity_page(request, form, ActivityImportForm())


def _activity_page(request, form, import_form, import_errors=None):
    weeks, rows = selectors.activity_dashboard(request.user)
    summary = {k: sum(1 for r in rows if r.standing == k) for k in ("good", "low", "silent")}
    return render(
        request,
        "newmedia/staff/activity.html",
        {
            "form": form,
            "import_form": import_form,
            "import_errors": import_errors or [],
            "weeks": weeks,
            "rows": rows,
            "summary": summary,
            "flags": selectors.recent_flags(request.user, 20),
        },
    )


@require_POST
@staff_required
def activity_import(request):
    user = request.user
    import_form = ActivityImportForm(request.POST, request.FILES)
    errors = []
    if import_form.is_valid():
        data = import_form.cleaned_data["file"].read()
        result = services.import_activity_csv(data, actor=user, accounts=selectors.activity_accounts_for(user))
        if not result.errors:
            messages.success(request, f"已导入{result.imported}条发布情况。")
            return redirect("newmedia:activity")
        errors = result.errors
        messages.error(request, f"文件中有{len(errors)}处错误，未导入任何数据，请修改后重新上传。")
    form = ActivityForm(accounts=selectors.activity_accounts_for(user))
    return _activity_page(request, form, import_form, errors)


@staff_required
def activity_template(request):
    header = ["账号编号", "周起始日期", "发布条数", "关注量", "账号名称（仅供参考，导入时忽略）"]
    week = services.last_complete_week(workdays.today())
    rows = (
        [account.pk, week.isoformat(), "", "", account.name]
        for account in selectors.activity_accounts_for(request.user)
    )
    return exports.csv_response("newmedia-activity.csv", header, rows)


@staff_required
def export_annual(request):
    """REFERENCE §5 政府网站工作年度报表, 移动新媒体: accounts with their posts and followers for the year."""
    try:
        year = int(request.GET.get("year") or workdays.today().year)
    except ValueError:
        year = workdays.today().year
    header = [
        "平台", "账号名称", "开设单位", "平台账号/ID", "开设日期", "状态", "关闭日期", f"{year}年信息发布量",
        "关注量/订阅数", "逾期备案",
    ]  # fmt: skip
    rows = (
        [
            row["account"].get_platform_display(),
            row["account"].name,
            row["account"].organization.name,
            row["account"].platform_account_id,
            row["account"].opened_on.isoformat(),
            row["account"].get_status_display(),
            row["account"].closed_on.isoformat() if row["account"].closed_on else "",
            row["posts"],
            row["followers"],
            "是" if row["late"] else "否",
        ]  # fmt: skip
        for row in selectors.annual_rows(request.user, year)
    )
    return exports.csv_response(f"newmedia-{year}.csv", header, rows)
