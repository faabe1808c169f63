"""Staff pages: a form, a scoped lookup (selectors), a service call, then a redirect or a page. The buttons a filing's
page shows come from the transition table (WORKFLOW.allowed_actions); a refusal becomes a message; another unit's
account or filing is a 404 (portal.scoping)."""

from __future__ import annotations

from collections.abc import Callable

from django.contrib import messages
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from newmedia import selectors, services
from newmedia.blocks import filing_clock
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
from newmedia.views import image_response
from newmedia.workflows import UPDATE_ACTION, WORKFLOW, account_filing_problem, may_open_account
from portal import exports, workdays
from portal.errors import DomainError
from portal.staff import office_required, run_action, staff_required


def _filing_url(filing: Filing) -> str:
    return reverse("newmedia:filing_detail", args=[filing.pk])


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
            "filings": [(f, filing_clock(f)) for f in filings],
            "leader_queue": selectors.leader_queue(user),
            "may_open": may_open_account(user),
        },
    )


@staff_required
def account_new(request):
    if not may_open_account(request.user):
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
        {
            "account": account,
            "filings": filings,
            "open_filing": services.open_filing_for(account),
            # Change and closure filings are offered to whom the services would let start them.
            "may_file": account_filing_problem(request.user, account, Filing.Kind.CHANGE) is None,
        },
    )


@staff_required
def staff_account_image(request, pk: int, which: str):
    account = selectors.account_for_user_or_404(request.user, pk)
    return image_response(request, account.avatar if which == "avatar" else account.qr_code)


@staff_required
def filing_detail(request, pk: int):
    filing = selectors.filing_for_user_or_404(request.user, pk)
    return render(
        request,
        "newmedia/staff/filing_detail.html",
        {
            "filing": filing,
            "account": filing.account,
            "clock": filing_clock(filing),
            "changes": _change_rows(filing),
            "opinion_form": OpinionForm(),
            "return_form": ReturnForm(),
            "actions": WORKFLOW.allowed_actions(filing, request.user),
            "blocked": WORKFLOW.blocked_actions(filing, request.user),
            "edit_action": UPDATE_ACTION[filing.kind],
        },
    )


def _change_rows(filing: Filing) -> list[tuple[str, object, object]]:
    account = filing.account
    return [
        (Account._meta.get_field(name).verbose_name, getattr(account, name), value)
        for name, value in filing.changes.items()
    ]


@staff_required
def filing_image(request, pk: int, which: str):
    filing = selectors.filing_for_user_or_404(request.user, pk)
    return image_response(request, filing.proposed_avatar if which == "avatar" else filing.proposed_qr_code)


@staff_required
def filing_edit(request, pk: int):
    filing = selectors.filing_for_user_or_404(request.user, pk)
    if WORKFLOW.problem(filing, request.user, UPDATE_ACTION[filing.kind]):
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
        if run_action(request, action, "开设备案已保存。"):
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
        if run_action(request, action, "变更备案已保存。"):
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
        if run_action(request, action, "关闭备案已保存。"):
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
        run_action(request, lambda: service(filing, actor=request.user, **kwargs), success)
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
    return render(request, "newmedia/staff/review_queue.html", {"filings": [(f, filing_clock(f)) for f in filings]})


@office_required
def exceptions(request):
    form = ExceptionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        action = lambda: services.grant_exception(  # noqa: E731
            actor=request.user, organization=data["organization"], platform=data["platform"], reason=data["reason"]
        )
        if run_action(request, action, "已登记同平台多账号例外。"):
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
        if run_action(request, action, "发布情况已保存。"):
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
    """政府网站工作年度报表, 移动新媒体: accounts with their posts and followers for the year."""
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
