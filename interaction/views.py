"""Public pages of 政民互动: messages, tracking and rating, 纠错 reports, consultations and statistics."""

from __future__ import annotations

from django.contrib import messages as flash
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from portal import ratelimit
from portal.staff import run_action
from portal.tracking import Tracker

from . import selectors, services, stats
from .forms import CorrectionForm, CorrectionTrackForm, MessageForm, OpinionForm, RatingForm, TrackForm
from .models import Correction, Message

PAGE_SIZE = 20
_NEW_MESSAGE_KEY = "interaction_new_message"
TRACKER = Tracker(Message, prefix=Message.TRACKING_PREFIX, scope="messages", session_key="interaction_tracked")
CORRECTION_TRACKER = Tracker(
    Correction, prefix=Correction.TRACKING_PREFIX, scope="corrections", session_key="interaction_corrections"
)
_NEW_CORRECTION_KEY = "interaction_new_correction"


def message_list(request):
    params = {k: request.GET.get(k, "").strip()[:50] for k in ("q", "kind", "unit", "month")}
    page = Paginator(selectors.published_messages(**params), PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "interaction/message_list.html",
        {"page": page, "params": params, "kinds": Message.Kind.choices, "units": selectors.replying_units()},
    )


def message_detail(request, pk: int):
    return render(request, "interaction/message_detail.html", {"message": selectors.get_published_message(pk)})


def message_new(request):
    form = MessageForm(request.POST or None, request.FILES or None)
    status = 200
    if request.method == "POST":
        sent = ratelimit.submit_public_form(
            request, form, "messages", lambda data: services.submit_message(services.NewMessage(**data))
        )
        if sent.taken:
            message, password = sent.result
            request.session[_NEW_MESSAGE_KEY] = {"number": message.tracking_number, "password": password}
            return redirect("interaction:message_done")
        status = sent.status
    return render(request, "interaction/message_form.html", {"form": form}, status=status)


def message_done(request):
    """The tracking number and password, shown once: reloading the page does not show the password again."""
    receipt = request.session.pop(_NEW_MESSAGE_KEY, None)
    if not receipt:
        return redirect("interaction:message_track")
    return render(request, "interaction/message_done.html", {"receipt": receipt})


def message_track(request):
    form = TrackForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        found = TRACKER.look_up(request, form.cleaned_data["tracking_number"], form.cleaned_data["password"])
        if found.item is not None:
            return redirect("interaction:message_track_result", number=found.item.tracking_number)
        form.add_error(None, found.error)
        return render(request, "interaction/message_track.html", {"form": form}, status=found.status)
    return render(request, "interaction/message_track.html", {"form": form})


def _tracked_message(request, number: str) -> Message | None:
    return TRACKER.tracked(request, number, Message.objects.select_related("unit"))


def message_track_result(request, number: str):
    message = _tracked_message(request, number)
    if message is None:
        flash.info(request, "请输入留言编号和查询密码。")
        return redirect("interaction:message_track")
    return render(request, "interaction/message_track_result.html", {"message": message, "rating_form": RatingForm()})


@require_POST
def message_rate(request, number: str):
    """Only the writer — whoever proved the password in this session — rates, and only once."""
    message = _tracked_message(request, number)
    if message is None:
        flash.error(request, "请先输入留言编号和查询密码。")
        return redirect("interaction:message_track")
    form = RatingForm(request.POST)
    if not form.is_valid():
        return render(request, "interaction/message_track_result.html", {"message": message, "rating_form": form})
    d = form.cleaned_data
    run_action(
        request, lambda: services.rate_message(message, satisfaction=d["satisfaction"], comment=d["comment"]),
        "感谢您的评价！",
    )  # fmt: skip
    return redirect("interaction:message_track_result", number=message.tracking_number)


def message_stats(request):
    year = _year(request)
    report = stats.year_report(year, Message.objects.all())
    return render(request, "interaction/stats_public.html", {"report": report, "years": _years()})


def _year(request) -> int:
    this_year = timezone.localdate().year
    return selectors.small_int(request.GET.get("year", ""), 2000, this_year + 1) or this_year


def _years() -> list[int]:
    this_year = timezone.localdate().year
    return list(range(this_year, this_year - 5, -1))


# --- 纠错


def correction_new(request):
    initial = {"page_url": request.GET.get("url", "")[:500]}
    form = CorrectionForm(request.POST or None, initial=initial)
    status = 200
    if request.method == "POST":
        sent = ratelimit.submit_public_form(
            request, form, "corrections", lambda data: services.submit_correction(services.NewCorrection(**data))
        )
        if sent.taken:
            correction = sent.result
            CORRECTION_TRACKER.grant(request, correction)
            request.session[_NEW_CORRECTION_KEY] = {
                "number": correction.tracking_number,
                "password": correction.password,
            }
            return redirect("interaction:correction_done")
        status = sent.status
    return render(request, "interaction/correction_form.html", {"form": form}, status=status)


def correction_done(request):
    """The reference number and query password, shown once."""
    receipt = request.session.pop(_NEW_CORRECTION_KEY, None)
    if not receipt:
        return redirect("interaction:correction_track")
    return render(request, "interaction/correction_done.html", {"receipt": receipt})


def correction_track(request):
    form = CorrectionTrackForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        found = CORRECTION_TRACKER.look_up(request, form.cleaned_data["tracking_number"], form.cleaned_data["password"])
        if found.item is not None:
            return redirect("interaction:correction_track_result", number=found.item.tracking_number)
        form.add_error(None, found.error)
        return render(request, "interaction/correction_track.html", {"form": form}, status=found.status)
    return render(request, "interaction/correction_track.html", {"form": form})


def correction_track_result(request, number: str):
    correction = CORRECTION_TRACKER.tracked(request, number, Correction.objects.select_related("unit"))
    if correction is None:
        flash.info(request, "请输入纠错编号和查询密码。")
        return redirect("interaction:correction_track")
    return render(request, "interaction/correction_track_result.html", {"correction": correction})


# --- 意见征集


def consultation_list(request):
    page = Paginator(selectors.public_consultations(), PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "interaction/consultation_list.html", {"page": page})


def consultation_detail(request, pk: int, form: OpinionForm | None = None, status: int = 200):
    consultation = selectors.get_public_consultation(pk)
    phase = consultation.phase()
    context = {"consultation": consultation, "phase": phase, "form": form or OpinionForm()}
    if consultation.has_closed:
        context["opinion_count"] = consultation.opinions.count()
        context["public_opinions"] = consultation.opinions.filter(is_public=True)
    return render(request, "interaction/consultation_detail.html", context, status=status)


@require_POST
def opinion_new(request, pk: int):
    consultation = selectors.get_public_consultation(pk)
    form = OpinionForm(request.POST)
    sent = ratelimit.submit_public_form(
        request, form, "opinions", lambda data: services.submit_opinion(consultation, services.NewOpinion(**data))
    )
    if not sent.taken:
        return consultation_detail(request, pk, form, status=sent.status)
    flash.success(request, "您的意见已提交，感谢您的参与！")
    return redirect(reverse("interaction:consultation_detail", args=[pk]) + "#opinion")
