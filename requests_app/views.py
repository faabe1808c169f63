"""Public pages of 依申请公开: the guide, the application form, the once-shown password, and tracking (the timeline,
letters, released files, withdrawal and 补正) for whoever proved the number and password."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps

from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from portal import private_files, ratelimit
from portal.models import Organization
from portal.staff import run_action
from portal.tracking import Tracker
from requests_app import conf, forms, notifications, selectors, services
from requests_app.models import Application, ApplicationFile, ClockPause, Letter

RATE_SCOPE = "requests"
TRACKER = Tracker(Application, prefix=Application.TRACKING_PREFIX, scope=RATE_SCOPE, session_key="requests_access")
SESSION_NEW = "requests_new"
S = Application.Status


# --- public pages


def guide(request):
    office = Organization.objects.active().filter(kind=Organization.Kind.COUNTY_OFFICE).first()
    return render(request, "requests_app/guide.html", {"office": office, "reply_days": conf.reply_workdays()})


def new(request):
    limited = request.method == "POST" and ratelimit.form_limited(request, RATE_SCOPE)
    if request.method == "POST" and not limited:
        form = forms.PublicApplicationForm(request.POST, request.FILES)
        if form.is_valid():
            filed = services.submit_online(form.application_data(), form.cleaned_data["files"])
            ratelimit.count_form_submission(request, RATE_SCOPE)
            TRACKER.grant(request, filed.application)
            request.session[SESSION_NEW] = {"number": filed.application.tracking_number, "password": filed.password}
            return redirect("requests_app:submitted")
    else:
        # Over the limit: nothing is checked or saved, but what was typed is put back in the form.
        form = forms.PublicApplicationForm(initial=request.POST.dict() if limited else None)
        if limited:
            messages.error(request, ratelimit.RATE_LIMIT_MESSAGE)
    office = Organization.objects.active().filter(kind=Organization.Kind.COUNTY_OFFICE).first()
    return render(request, "requests_app/new.html", {"form": form, "office": office}, status=429 if limited else 200)


def submitted(request):
    """The tracking number and the password, shown once."""
    new_one = request.session.pop(SESSION_NEW, None)
    if not new_one:
        return redirect("requests_app:track")
    receipt = Letter.objects.filter(
        application__tracking_number=new_one["number"], kind=Letter.Kind.RECEIPT
    ).values_list("pk", flat=True)
    context = {**new_one, "receipt_pk": receipt.first()}
    return render(request, "requests_app/submitted.html", context)


def track(request):
    form = forms.TrackingForm(request.POST or None)
    status = 200
    if request.method == "POST" and form.is_valid():
        found = TRACKER.look_up(request, form.cleaned_data["tracking_number"], form.cleaned_data["password"])
        if found.item is not None:
            return redirect("requests_app:track_detail", number=found.item.tracking_number)
        form.add_error(None, found.error)
        status = found.status
    return render(request, "requests_app/track.html", {"form": form}, status=status)


def _tracked_or_redirect(view: Callable) -> Callable:
    @wraps(view)
    def wrapper(request, number: str, *args, **kwargs):
        app = TRACKER.tracked(request, number, Application.objects.select_related("organization"))
        if app is None:
            messages.info(request, "请输入申请编号和查询密码。")
            return redirect("requests_app:track")
        return view(request, app, *args, **kwargs)

    return wrapper


def _track_page(request, app: Application, *, correction_form=None, withdraw_form=None, status: int = 200):
    context = {
        "app": app,
        "due_on_third_party_overdue": services.due_on_while_third_party_overdue(app),
        "events": selectors.public_events(app),
        "letters": selectors.public_letters(app),
        "released": app.files.filter(kind=ApplicationFile.Kind.RELEASED) if app.status == S.REPLIED else [],
        "correction": app.pauses.filter(kind=ClockPause.Kind.CORRECTION, ended_on__isnull=True).first(),
        "correction_form": correction_form or forms.CorrectionReplyForm(),
        "withdraw_form": withdraw_form or forms.WithdrawForm(),
    }
    return render(request, "requests_app/track_detail.html", context, status=status)


@_tracked_or_redirect
def track_detail(request, app: Application):
    return _track_page(request, app)


@_tracked_or_redirect
def track_letter(request, app: Application, pk: int):
    letter = get_object_or_404(app.letters.filter(kind__in=Letter.PUBLIC_KINDS), pk=pk)
    return letter_response(request, letter)


@_tracked_or_redirect
def track_file(request, app: Application, pk: int):
    if app.status != S.REPLIED:
        raise Http404("文件不存在。")
    item = get_object_or_404(app.files.filter(kind=ApplicationFile.Kind.RELEASED), pk=pk)
    return private_files.serve_private(
        request, item.file, item.name, audit=f"依申请公开材料 {app.tracking_number} {item.name}"
    )


@require_POST
@_tracked_or_redirect
def track_withdraw(request, app: Application):
    form = forms.WithdrawForm(request.POST)
    if not form.is_valid():
        return _track_page(request, app, withdraw_form=form, status=400)
    run_action(request, lambda: services.withdraw(app, reason=form.cleaned_data["reason"]), "您的申请已撤回。")
    return redirect("requests_app:track_detail", number=app.tracking_number)


@require_POST
@_tracked_or_redirect
def track_correction(request, app: Application):
    form = forms.CorrectionReplyForm(request.POST, request.FILES)
    if not form.is_valid():
        return _track_page(request, app, correction_form=form, status=400)
    d = form.cleaned_data
    run_action(
        request, lambda: services.receive_correction(app, text=d["text"], files=d["files"]),
        "补正材料已提交，答复期限自今日起重新计算。",
    )  # fmt: skip
    return redirect("requests_app:track_detail", number=app.tracking_number)


def letter_response(request, letter: Letter) -> HttpResponse:
    """A letter's archived PDF (rendered now if a lost task left it missing), shown in the browser under its own
    name; from private storage, after the caller checked who asks."""
    letter = notifications.archived(letter)
    return private_files.serve_private(
        request,
        letter.file,
        letter.filename,
        as_attachment=False,
        content_type="application/pdf",
        audit=f"依申请公开告知书 {letter.application.tracking_number} {letter.filename}",
    )
