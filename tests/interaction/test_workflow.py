"""The transition tables of 政民互动 (interaction.workflows) are the only rule: for messages, 纠错 reports and
consultations, every action a table offers a persona succeeds through the service and every action it hides is
refused, in every state; the staff pages show exactly the offered actions."""

from datetime import datetime

import pytest
from django.urls import reverse

from interaction import services
from interaction.models import (
    Consultation,
    ConsultationHistory,
    Correction,
    CorrectionHistory,
    Message,
    MessageHistory,
    Opinion,
)
from interaction.workflows import CONSULTATIONS, CORRECTIONS, MESSAGES
from tests.allowed_actions import check_every_state

from .conftest import TZ, at, new_message

MA, CA, KA = MessageHistory.Action, CorrectionHistory.Action, ConsultationHistory.Action


def _messages(office_staff, officer, township) -> dict:
    def dispatched(**fields):
        return services.dispatch_message(
            new_message(**fields)[0], actor=office_staff, unit=township, instruction="请核实"
        )

    made = {"submitted": new_message()[0]}
    made["accepted"] = services.accept_message(new_message()[0], actor=office_staff)
    made["rejected"] = services.reject_message(new_message()[0], actor=office_staff, reason="out_of_scope")
    made["processing"] = dispatched()
    made["extended"] = services.extend_message(dispatched(), actor=office_staff, reason="情况复杂")
    made["replied"] = services.reply_message(dispatched(), actor=officer, reply="已处理")
    made["replied, no consent"] = services.reply_message(dispatched(agrees_to_publish=False), actor=officer, reply="好")
    made["published"] = services.publish_message(services.reply_message(dispatched(), actor=officer, reply="好"),
                                                 actor=office_staff)  # fmt: skip
    made["closed"] = services.close_message(services.reply_message(dispatched(), actor=officer, reply="好"),
                                            actor=office_staff)  # fmt: skip
    made["rated"] = services.rate_message(services.reply_message(dispatched(), actor=officer, reply="好"),
                                          satisfaction="satisfied")  # fmt: skip
    return made


@pytest.mark.parametrize("review", [False, True])
def test_every_offered_message_action_succeeds_and_every_hidden_one_is_refused(
    db, settings, review, office_staff, officer, outsider, township
):
    with at(2025, 9, 22):
        made = _messages(office_staff, officer, township)
        settings.MESSAGE_REPLY_REVIEW = review
        if review:
            made["reply review"] = services.reply_message(
                services.dispatch_message(new_message()[0], actor=office_staff, unit=township, instruction="请核实"),
                actor=officer, reply="待审核",
            )  # fmt: skip
        calls = {
            MA.ACCEPT: lambda m, u: services.accept_message(m, actor=u),
            MA.DISPATCH: lambda m, u: services.dispatch_message(m, actor=u, unit=township, instruction="请核实"),
            MA.REJECT: lambda m, u: services.reject_message(m, actor=u, reason="out_of_scope"),
            MA.EXTEND: lambda m, u: services.extend_message(m, actor=u, reason="情况复杂"),
            MA.REPLY: lambda m, u: services.reply_message(m, actor=u, reply="已处理"),
            MA.SUBMIT_REPLY: lambda m, u: services.reply_message(m, actor=u, reply="已处理"),
            MA.RETURN: lambda m, u: services.return_message(m, actor=u, reason="非本单位职责"),
            MA.APPROVE_REPLY: lambda m, u: services.approve_reply(m, actor=u),
            MA.SEND_BACK: lambda m, u: services.send_back_reply(m, actor=u, opinion="请补充"),
            MA.PUBLISH: lambda m, u: services.publish_message(m, actor=u),
            MA.CLOSE: lambda m, u: services.close_message(m, actor=u),
            MA.UNPUBLISH: lambda m, u: services.unpublish_message(m, actor=u, reason="涉及隐私"),
            MA.RATE: lambda m, u: services.rate_message(m, actor=u, satisfaction="satisfied"),
        }
        assert set(calls) == set(MESSAGES.table)
        personas = {"office": office_staff, "unit officer": officer, "outsider": outsider, "writer": None}
        # One service answers for the unit; which code it records depends on the review setting.
        other_reply = MA.REPLY if review else MA.SUBMIT_REPLY
        offered = check_every_state(MESSAGES, made, personas, calls, skip=(other_reply,))
    review_steps = set() if review else {MA.APPROVE_REPLY, MA.SEND_BACK}  # no message waits for review
    assert offered == set(calls) - {other_reply} - review_steps


def test_every_offered_correction_action_succeeds_and_every_hidden_one_is_refused(
    db, office_staff, officer, outsider, township
):
    def new():
        return services.submit_correction(services.NewCorrection(page_url="/a/", kind="typo", description="错字"))

    with at(2025, 9, 22):
        made = {"received": new(), "dismissed": services.dismiss_correction(new(), actor=office_staff, reason="广告")}
        made["forwarded"] = services.forward_correction(new(), actor=office_staff, unit=township)
        made["replied"] = services.reply_correction(
            services.forward_correction(new(), actor=office_staff, unit=township), actor=officer, reply="已改"
        )
        calls = {
            CA.FORWARD: lambda c, u: services.forward_correction(c, actor=u, unit=township),
            CA.DISMISS: lambda c, u: services.dismiss_correction(c, actor=u, reason="广告"),
            CA.REPLY: lambda c, u: services.reply_correction(c, actor=u, reply="已改"),
        }
        assert set(calls) == set(CORRECTIONS.table)
        personas = {"office": office_staff, "unit officer": officer, "outsider": outsider, "reporter": None}
        assert check_every_state(CORRECTIONS, made, personas, calls) == set(calls)


def _consultation(office, office_staff, start: datetime, end: datetime, publish: bool = True) -> Consultation:
    c = Consultation(title="公交线路优化方案", background="<p>背景</p>", draft_text="<p>方案</p>", starts_at=start,
                     ends_at=end, contact_unit=office, contact_details="0954-1234567")  # fmt: skip
    services.save_consultation(c, actor=office_staff)
    if publish:
        services.publish_consultation(c, actor=office_staff)
    Opinion.objects.create(consultation=c, name="王五", content="建议增加班次")
    return c


def test_every_offered_consultation_action_succeeds_and_every_hidden_one_is_refused(db, office, office_staff, officer):
    may = (datetime(2025, 5, 10, 9, tzinfo=TZ), datetime(2025, 5, 20, 18, tzinfo=TZ))
    with at(2025, 5, 1):
        made = {
            "draft": _consultation(office, office_staff, *may, publish=False),
            "upcoming": _consultation(office, office_staff, *may),
            "published then closed": _consultation(office, office_staff, *may),
            "fed back": _consultation(office, office_staff, *may),
            "draft past its window": _consultation(office, office_staff, *may, publish=False),
        }
    with at(2025, 5, 21):
        services.publish_feedback(made["fed back"], actor=office_staff, feedback="<p>采纳了建议</p>")
        made.pop("upcoming")
    with at(2025, 5, 21):
        calls = {
            KA.EDIT: lambda c, u: services.save_consultation(c, actor=u),
            KA.PUBLISH: lambda c, u: services.publish_consultation(c, actor=u),
            KA.PUBLISH_OPINION: lambda c, u: services.set_opinion_public(c.opinions.get(), actor=u, public=True),
            KA.UNPUBLISH_OPINION: lambda c, u: services.set_opinion_public(c.opinions.get(), actor=u, public=False),
            KA.PUBLISH_FEEDBACK: lambda c, u: services.publish_feedback(c, actor=u, feedback="<p>采纳</p>"),
        }
        assert set(calls) == set(CONSULTATIONS.table)
        offered = check_every_state(CONSULTATIONS, made, {"office": office_staff, "unit officer": officer}, calls)
    assert offered == set(calls) - {KA.PUBLISH}
    with at(2025, 5, 5):
        assert KA.PUBLISH in CONSULTATIONS.allowed_actions(made["draft"], office_staff)


def test_the_message_page_shows_the_forms_of_the_offered_actions(client, db, office_staff, officer, township):
    with at(2025, 9, 22):
        made = _messages(office_staff, officer, township)
        for user in (office_staff, officer):
            client.force_login(user)
            for message in Message.objects.for_user(user):
                response = client.get(reverse("interaction:staff_message_detail", args=[message.pk]))
                allowed = set(MESSAGES.allowed_actions(message, user)) - {MA.PUBLISH, MA.CLOSE, MA.RATE}
                keys = response.context.keys()  # noqa: SIM118 - a ContextList iterates its contexts, not their keys
                shown = {key.removesuffix("_form") for key in keys if key.endswith("_form")}
                assert shown == allowed, message.get_status_display()
        page = client.get(reverse("interaction:staff_message_detail", args=[made["processing"].pk])).content.decode()
    assert "提交答复" in page and "退回（非本单位职责）" in page and "分办（按领导批示）" not in page


def test_the_correction_page_shows_the_forms_of_the_offered_actions(client, db, office_staff, officer, township):
    with at(2025, 9, 22):
        correction = services.submit_correction(services.NewCorrection(page_url="/a/", kind="typo", description="错"))
        client.force_login(office_staff)
        page = client.get(reverse("interaction:staff_correction_detail", args=[correction.pk])).content.decode()
        assert "转办" in page and "不予处理" in page and "提交处理结果" not in page
        services.forward_correction(correction, actor=office_staff, unit=township)
        client.force_login(officer)
        page = client.get(reverse("interaction:staff_correction_detail", args=[correction.pk])).content.decode()
    assert "提交处理结果" in page and "不予处理</button>" not in page
    assert Correction.objects.get().history.last().action_label == "转办"
