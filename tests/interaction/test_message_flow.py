"""The message flow through services: every step guarded, logged, and refused with a Chinese message when wrong."""

import pytest

from interaction import services
from interaction.models import Message
from portal.errors import DomainError, InvalidTransition, NotAllowed
from portal.tracking import password_matches

from .conftest import at, new_message

S = Message.Status


def test_submitting_gives_an_ly_tracking_number_and_a_password_stored_hashed(db):
    message, password = new_message()
    assert message.tracking_number.startswith("LY") and len(message.tracking_number) == 12
    assert message.status == S.SUBMITTED
    assert password not in message.password_hash and password_matches(password, message.password_hash)
    assert [h.action for h in message.history.all()] == ["submit"]


def test_full_flow_from_submission_to_publication_writes_a_history_row_per_step(
    message, office_staff, township, officer
):
    services.accept_message(message, actor=office_staff)
    services.dispatch_message(message, actor=office_staff, unit=township, instruction="请城关镇3日内答复。")
    services.reply_message(message, actor=officer, reply="已安排施工队维修。")
    services.publish_message(message, actor=office_staff)
    message.refresh_from_db()
    assert message.status == S.PUBLISHED
    assert message.accepted_at and message.replied_at and message.published_at
    assert message.replied_on_time is True
    assert [h.action for h in message.history.all()] == ["submit", "accept", "dispatch", "reply", "publish"]
    assert message.history.get(action="dispatch").opinion == "请城关镇3日内答复。"


def test_dispatching_a_pending_message_accepts_it_in_the_same_step(message, office_staff, township):
    services.dispatch_message(message, actor=office_staff, unit=township, instruction="转城关镇办理")
    message.refresh_from_db()
    assert message.status == S.PROCESSING and message.accepted_at is not None
    assert [h.action for h in message.history.all()] == ["submit", "accept", "dispatch"]


def test_dispatch_needs_the_leaders_instruction(message, office_staff, township):
    with pytest.raises(DomainError, match="领导批示"):
        services.dispatch_message(message, actor=office_staff, unit=township, instruction="  ")


def test_only_office_staff_screen_and_dispatch(message, officer, township):
    with pytest.raises(NotAllowed):
        services.accept_message(message, actor=officer)
    with pytest.raises(NotAllowed):
        services.dispatch_message(message, actor=officer, unit=township, instruction="x")


def test_rejection_records_the_reason_shown_to_the_writer(message, office_staff):
    services.reject_message(
        message, actor=office_staff, reason=Message.RejectReason.PETITION, note="请到县信访局反映。"
    )
    message.refresh_from_db()
    assert message.status == S.REJECTED
    assert message.get_reject_reason_display() == "属于信访事项，请通过信访渠道反映"
    assert message.reject_note == "请到县信访局反映。"


def test_rejecting_for_other_reasons_needs_an_explanation(message, office_staff):
    with pytest.raises(DomainError, match="具体说明"):
        services.reject_message(message, actor=office_staff, reason=Message.RejectReason.OTHER)


def test_a_rejected_message_cannot_be_dispatched(message, office_staff, township):
    services.reject_message(message, actor=office_staff, reason=Message.RejectReason.ABUSIVE)
    with pytest.raises(InvalidTransition, match="不予受理"):
        services.dispatch_message(message, actor=office_staff, unit=township, instruction="x")


def test_only_the_assigned_unit_replies(dispatched, outsider, office_staff):
    with pytest.raises(NotAllowed):
        services.reply_message(dispatched, actor=outsider, reply="不是我们的")
    with pytest.raises(NotAllowed):
        services.reply_message(dispatched, actor=office_staff, reply="代答")


def test_a_unit_returns_a_wrongly_dispatched_message_and_redispatch_starts_a_new_clock(
    db, office_staff, township, other_township, officer, outsider
):
    with at(2025, 9, 22):  # Monday
        message, _ = new_message()
        services.dispatch_message(message, actor=office_staff, unit=township, instruction="请城关镇答复")
    message.refresh_from_db()
    assert str(message.due_on) == "2025-09-25"
    with at(2025, 9, 23):
        services.return_message(message, actor=officer, reason="该路段属于河西乡管辖。")
    message.refresh_from_db()
    assert message.status == S.ACCEPTED and message.unit is None and message.due_on is None
    with at(2025, 9, 24):
        services.dispatch_message(message, actor=office_staff, unit=other_township, instruction="请河西乡答复")
    message.refresh_from_db()
    assert message.unit == other_township and str(message.due_on) == "2025-09-28"  # a make-up Sunday
    dispatches = message.history.filter(action="dispatch")
    assert [h.extra["unit"] for h in dispatches] == [township.name, other_township.name]
    assert message.history.get(action="return").opinion == "该路段属于河西乡管辖。"
    services.reply_message(message, actor=outsider, reply="已核实。")


def test_returning_needs_a_reason_and_a_member_of_the_unit(dispatched, officer, outsider):
    with pytest.raises(DomainError, match="退回理由"):
        services.return_message(dispatched, actor=officer, reason="")
    with pytest.raises(NotAllowed):
        services.return_message(dispatched, actor=outsider, reason="x")


def test_office_grants_one_extension_with_a_reason(db, office_staff, township):
    with at(2025, 9, 22):
        message, _ = new_message()
        services.dispatch_message(message, actor=office_staff, unit=township, instruction="答复")
        services.extend_message(message, actor=office_staff, reason="需现场勘察")
    message.refresh_from_db()
    assert str(message.due_on) == "2025-09-29"  # 25 + 3 working days: 26 Fri, 28 make-up Sun, 29 Mon
    assert message.history.get(action="extend").extra["old_due_on"] == "2025-09-25"
    with pytest.raises(InvalidTransition, match="已延期一次"):
        services.extend_message(message, actor=office_staff, reason="再延")


def test_extension_needs_a_reason(dispatched, office_staff):
    with pytest.raises(DomainError, match="延期理由"):
        services.extend_message(dispatched, actor=office_staff, reason=" ")


def test_a_late_reply_is_frozen_as_late(db, office_staff, township, officer):
    with at(2025, 9, 22):
        message, _ = new_message()
        services.dispatch_message(message, actor=office_staff, unit=township, instruction="答复")
    with at(2025, 9, 26):
        services.reply_message(message, actor=officer, reply="迟复")
    message.refresh_from_db()
    assert message.replied_on_time is False
    assert message.handling_workdays == 4


def test_with_review_on_the_reply_waits_for_office_staff(settings, dispatched, officer, office_staff):
    settings.MESSAGE_REPLY_REVIEW = True
    services.reply_message(dispatched, actor=officer, reply="初稿")
    dispatched.refresh_from_db()
    assert dispatched.status == S.REPLY_REVIEW and dispatched.replied_at is None
    assert dispatched.public_status == "办理中"
    services.send_back_reply(dispatched, actor=office_staff, opinion="请补充完工时间")
    services.reply_message(dispatched, actor=officer, reply="本月底完工")
    services.approve_reply(dispatched, actor=office_staff)
    dispatched.refresh_from_db()
    assert dispatched.status == S.REPLIED and dispatched.reply == "本月底完工" and dispatched.replied_at


def test_the_reply_is_approved_by_someone_other_than_its_drafter(settings, client, db, office, office_staff):
    """Four eyes, as in the document review: an office member who answered a message sent to the office cannot
    approve that reply too."""
    from tests.conftest import make_user

    settings.MESSAGE_REPLY_REVIEW = True
    colleague = make_user("office_colleague", office, "政务公开办")
    message, _ = new_message()
    services.dispatch_message(message, actor=office_staff, unit=office, instruction="本办直接答复")
    services.reply_message(message, actor=office_staff, reply="本月底完工")
    with pytest.raises(NotAllowed, match="拟稿人以外"):
        services.approve_reply(message, actor=office_staff)
    message.refresh_from_db()
    assert message.status == S.REPLY_REVIEW and message.replied_at is None
    client.force_login(office_staff)
    page = client.get(f"/staff/messages/{message.pk}/").content.decode()
    assert "/approve/" not in page and "拟稿人以外" in page
    client.force_login(colleague)
    assert f"/staff/messages/{message.pk}/approve/" in client.get(f"/staff/messages/{message.pk}/").content.decode()
    services.approve_reply(message, actor=colleague)
    message.refresh_from_db()
    assert message.status == S.REPLIED


def test_publishing_needs_the_writers_agreement(db, office_staff, township, officer):
    message, _ = new_message(agrees_to_publish=False)
    services.dispatch_message(message, actor=office_staff, unit=township, instruction="答复")
    services.reply_message(message, actor=officer, reply="答复")
    with pytest.raises(InvalidTransition, match="不同意公开"):
        services.publish_message(message, actor=office_staff)
    services.close_message(message, actor=office_staff)
    message.refresh_from_db()
    assert message.status == S.CLOSED


def test_rating_happens_once_and_only_after_the_reply(message, replied):
    with pytest.raises(InvalidTransition, match="尚未答复"):
        services.rate_message(message.__class__.objects.get(pk=new_message()[0].pk), satisfaction="satisfied")
    services.rate_message(replied, satisfaction=Message.Satisfaction.BASIC, comment="还行")
    with pytest.raises(InvalidTransition, match="只能评价一次"):
        services.rate_message(replied, satisfaction=Message.Satisfaction.SATISFIED)
    replied.refresh_from_db()
    assert replied.satisfaction == "basic"


def test_history_rows_are_immutable(replied):
    row = replied.history.first()
    with pytest.raises(TypeError):
        row.save()
    with pytest.raises(TypeError):
        replied.history.all().delete()


def test_a_message_is_saved_even_when_the_broker_is_down(db, office_staff, township, monkeypatch):
    from interaction import tasks

    def broken(*args, **kwargs):
        raise ConnectionError("redis down")

    monkeypatch.setattr(tasks.notify_unit_of_message, "apply_async", broken)
    message, _ = new_message()
    services.dispatch_message(message, actor=office_staff, unit=township, instruction="答复")
    message.refresh_from_db()
    assert message.status == S.PROCESSING and message.unit_notified_at is None
