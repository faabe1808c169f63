"""政务舆情回应 (舆情回应制度 三): the clocks run in calendar hours from recording (1 h first release and 24 h press
conference for 特别重大、重大, 48 h otherwise) across midnight and the weekend; responses meet them; reminders
escalate by e-mail; the 回应关切 column shows the public responses; other units meet a 404."""

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core import mail
from django.test import override_settings
from django.utils import timezone

from engagement import services
from engagement.models import Concern, ConcernClock, ConcernResponse
from portal.errors import DomainError, NotAllowed
from tests.conftest import make_org, make_user

pytestmark = pytest.mark.django_db
TZ = ZoneInfo("Asia/Shanghai")
FRIDAY_NIGHT = datetime(2026, 12, 4, 23, 30, tzinfo=TZ)  # a Friday


def at(when: datetime):
    return time_machine.travel(when, tick=False)


@pytest.fixture
def unit_staff(officer, leader):
    officer.email, leader.email = "officer@example.cn", "leader@example.cn"
    officer.save(update_fields=["email"])
    leader.save(update_fields=["email"])
    return officer


@pytest.fixture
def office_mail(office_staff):
    office_staff.email = "office@example.cn"
    office_staff.save(update_fields=["email"])
    return office_staff


def record(actor, unit, level="general", **fields) -> Concern:
    data = services.NewConcern(
        title=fields.pop("title", "网传城关镇自来水浑浊"), summary="多名网民反映自来水发黄。", source="微博",
        first_seen_at=fields.pop("first_seen_at", timezone.now() - timedelta(hours=1)), level=level,
        organization=unit, units=fields.pop("units", []),
    )  # fmt: skip
    return services.record_concern(data, actor=actor)


def response(kind="newmedia", when=None, **fields) -> services.NewResponse:
    return services.NewResponse(kind=kind, title=fields.pop("title", "关于自来水浑浊问题的情况说明"),
                                responded_at=when, link=fields.pop("link", ""), **fields)  # fmt: skip


def clocks(concern) -> dict[str, ConcernClock]:
    return {c.code: c for c in concern.clocks.all()}


def test_a_general_concern_gets_48_calendar_hours_across_the_weekend(office_staff, township):
    with at(FRIDAY_NIGHT):
        concern = record(office_staff, township)
    # Friday 23:30 + 48 hours = Sunday 23:30: the weekend counts, these are not working days.
    assert list(clocks(concern)) == ["response"]
    assert clocks(concern)["response"].due_at == datetime(2026, 12, 6, 23, 30, tzinfo=TZ)


def test_a_major_concern_gets_one_hour_past_midnight_and_a_conference_in_24(office_staff, township):
    with at(FRIDAY_NIGHT):
        concern = record(office_staff, township, level="major")
    due = {code: c.due_at for code, c in clocks(concern).items()}
    assert due == {"release": datetime(2026, 12, 5, 0, 30, tzinfo=TZ),
                   "conference": datetime(2026, 12, 5, 23, 30, tzinfo=TZ)}  # fmt: skip


def test_a_release_after_midnight_meets_the_hour_but_not_the_conference(office_staff, officer, township):
    with at(FRIDAY_NIGHT):
        concern = record(office_staff, township, level="major")
    with at(FRIDAY_NIGHT + timedelta(minutes=50)):
        services.respond(concern, response(when=FRIDAY_NIGHT + timedelta(minutes=45)), actor=officer)
    found = clocks(concern)
    assert found["release"].met_at and not found["release"].is_late()
    assert found["conference"].met_at is None
    concern.refresh_from_db()
    assert concern.status == Concern.Status.RESPONDED


def test_a_late_release_is_marked_late(office_staff, officer, township):
    with at(FRIDAY_NIGHT):
        concern = record(office_staff, township, level="major")
    with at(FRIDAY_NIGHT + timedelta(hours=2)):
        services.respond(concern, response(when=FRIDAY_NIGHT + timedelta(minutes=95)), actor=officer)
        release = clocks(concern)["release"]
    assert release.is_late() and release.state_label == "超时完成"


def test_a_press_conference_on_saturday_meets_the_24_hour_clock(office_staff, officer, township):
    with at(FRIDAY_NIGHT):
        concern = record(office_staff, township, level="major")
    saturday = datetime(2026, 12, 5, 15, 0, tzinfo=TZ)
    with at(saturday):
        services.respond(concern, response(kind="conference", when=saturday, title="新闻发布会"), actor=officer)
    found = clocks(concern)
    assert found["conference"].met_at == saturday and not found["conference"].is_late()
    assert found["release"].is_late()  # the first release, if it is only this conference, came 14.5 hours late


def test_recording_tells_the_responsible_units_after_commit(
    office_staff, township, unit_staff, django_capture_on_commit_callbacks
):
    with at(FRIDAY_NIGHT), django_capture_on_commit_callbacks(execute=True):
        concern = record(office_staff, township)
    assert sorted(m.to[0] for m in mail.outbox) == ["leader@example.cn", "officer@example.cn"]
    concern.refresh_from_db()
    assert concern.notified_at is not None


def test_reminders_escalate_before_the_hour_and_once_per_step(office_staff, township, unit_staff, office_mail):
    with at(FRIDAY_NIGHT):
        concern = record(office_staff, township, level="major")
        services.notify_concern(concern.pk)  # what the after-commit task does
    mail.outbox.clear()
    with at(FRIDAY_NIGHT + timedelta(minutes=20)):
        assert services.send_reminders() == 0
    with at(datetime(2026, 12, 5, 0, 1, tzinfo=TZ)):  # past midnight, half the hour used: the units
        assert services.send_reminders() == 1
        assert services.send_reminders() == 0
    assert sorted(m.to[0] for m in mail.outbox) == ["leader@example.cn", "officer@example.cn"]
    mail.outbox.clear()
    with at(datetime(2026, 12, 5, 0, 20, tzinfo=TZ)):  # 80 % used: the office too
        services.send_reminders()
    assert "office@example.cn" in [m.to[0] for m in mail.outbox]
    mail.outbox.clear()
    with at(datetime(2026, 12, 5, 0, 31, tzinfo=TZ)):
        services.send_reminders()
    assert mail.outbox and "已超时" in mail.outbox[0].subject
    assert concern.history.filter(action="remind").count() == 3


def test_a_met_clock_sends_no_reminder(office_staff, officer, township, unit_staff):
    with at(FRIDAY_NIGHT):
        concern = record(office_staff, township)
        services.notify_concern(concern.pk)
    with at(FRIDAY_NIGHT + timedelta(hours=1)):
        services.respond(concern, response(when=FRIDAY_NIGHT + timedelta(hours=1)), actor=officer)
    mail.outbox.clear()
    with at(FRIDAY_NIGHT + timedelta(hours=50)):
        assert services.send_reminders() == 0
    assert mail.outbox == []


def test_the_sweep_sends_a_notice_a_lost_task_left(office_staff, township, unit_staff, monkeypatch):
    with at(FRIDAY_NIGHT):
        concern = record(office_staff, township)  # the test's transaction never commits: the queued notice is lost
    assert mail.outbox == []
    with at(FRIDAY_NIGHT + timedelta(minutes=5)):
        services.send_reminders()
    concern.refresh_from_db()
    assert concern.notified_at and len(mail.outbox) == 2


def test_only_office_staff_record_concerns(officer, township):
    with pytest.raises(NotAllowed):
        record(officer, township)


def test_response_time_cannot_be_in_the_future(office_staff, officer, township):
    with at(FRIDAY_NIGHT):
        concern = record(office_staff, township)
        with pytest.raises(DomainError, match="不能晚于现在"):
            services.respond(concern, response(when=FRIDAY_NIGHT + timedelta(hours=1)), actor=officer)
    assert not ConcernResponse.objects.exists()


def test_an_outsider_cannot_record_a_response(office_staff, outsider, township):
    with at(FRIDAY_NIGHT):
        concern = record(office_staff, township)
        with pytest.raises(NotAllowed):
            services.respond(concern, response(when=FRIDAY_NIGHT), actor=outsider)


def test_a_co_unit_may_respond(office_staff, township):
    other = make_org("水务局", "department")
    water = make_user("water", other, "信息员")
    with at(FRIDAY_NIGHT):
        concern = record(office_staff, township, units=[other])
        services.respond(concern, response(when=FRIDAY_NIGHT), actor=water)
    assert concern.responses.get().organization == other


# --- Pages


def test_outsider_gets_404_on_the_concern_page(client, office_staff, outsider, officer, township):
    concern = record(office_staff, township)
    client.force_login(outsider)
    assert client.get(f"/staff/concerns/{concern.pk}/").status_code == 404
    assert concern.title not in client.get("/staff/concerns/").content.decode()
    client.force_login(officer)
    assert client.get(f"/staff/concerns/{concern.pk}/").status_code == 200


def test_unit_staff_cannot_open_the_record_form(client, officer):
    client.force_login(officer)
    assert client.get("/staff/concerns/new/").status_code == 404


def test_record_form_keeps_input_and_saves_nothing_on_bad_input(client, office_staff, township):
    client.force_login(office_staff)
    response = client.post("/staff/concerns/new/", {"title": "网传停水", "level": "general",
                                                    "organization": township.pk})  # fmt: skip
    page = response.content.decode()
    assert "请填写舆情概要。" in page and "请填写首次发现时间。" in page and 'value="网传停水"' in page
    assert not Concern.objects.exists()


def test_record_form_records_and_starts_the_clock(client, office_staff, township):
    with at(FRIDAY_NIGHT):
        client.force_login(office_staff)
        response = client.post("/staff/concerns/new/", {
            "title": "网传停水", "summary": "网民反映停水。", "source": "本地论坛", "first_seen_at": "2026-12-04T22:00",
            "level": "general", "organization": township.pk,
        })  # fmt: skip
    concern = Concern.objects.get()
    assert response.status_code == 302 and concern.clocks.get().hours == 48


def test_response_form_wants_a_link_for_a_document(client, office_staff, township):
    concern = record(office_staff, township)
    client.force_login(office_staff)
    page = client.post(f"/staff/concerns/{concern.pk}/respond/", {
        "kind": "document", "title": "情况通报", "responded_at": "2026-11-01T10:00",
    }).content.decode()  # fmt: skip
    assert "回应文件请填写已发布文件的链接。" in page and not concern.responses.exists()


def test_public_column_lists_public_responses_only(
    client, office_staff, officer, township, django_assert_max_num_queries
):
    with at(FRIDAY_NIGHT):
        concern = record(office_staff, township)
        services.respond(
            concern, response(when=FRIDAY_NIGHT, title="公开的情况说明", link="/documents/1/"), actor=officer
        )
        services.respond(concern, response(when=FRIDAY_NIGHT, title="内部通报", is_public=False), actor=officer)
    with django_assert_max_num_queries(8):
        page = client.get("/responses/").content.decode()
    assert "公开的情况说明" in page and "内部通报" not in page
    with override_settings(PAGE_CACHE_SECONDS=0), django_assert_max_num_queries(0):  # the list is kept too
        assert "公开的情况说明" in client.get("/responses/").content.decode()


def test_office_closes_with_the_result(office_staff, officer, township):
    with at(FRIDAY_NIGHT):
        concern = record(office_staff, township)
        services.respond(concern, response(when=FRIDAY_NIGHT), actor=officer)
        with pytest.raises(NotAllowed):
            services.close_concern(concern, actor=officer, result="已处理")
        concern = services.close_concern(concern, actor=office_staff, result="经查为管网检修所致，已恢复正常。")
    assert concern.status == Concern.Status.CLOSED


def test_staff_list_has_a_query_ceiling(client, office_staff, officer, township, django_assert_max_num_queries):
    for i in range(6):
        concern = record(office_staff, township, title=f"舆情事项{i}", level="major" if i % 2 else "general")
        services.respond(concern, response(when=timezone.now()), actor=officer)
    client.force_login(office_staff)
    client.get("/staff/concerns/")  # the session and the site profile settle
    with django_assert_max_num_queries(14):
        page = client.get("/staff/concerns/").content.decode()
    assert all(f"舆情事项{i}" in page for i in range(6))


def test_a_new_public_response_is_on_the_cached_column_at_once(client, office_staff, officer, township):
    concern = record(office_staff, township)
    services.respond(
        concern, response(when=timezone.now(), title="第一次情况说明", link="/documents/1/"), actor=officer
    )
    client.get("/responses/")
    assert client.get("/responses/")["X-Page-Cache"] == "hit"  # anonymous readers get the kept page
    services.respond(
        concern, response(when=timezone.now(), title="第二次情况说明", link="/documents/2/"), actor=officer
    )
    page = client.get("/responses/")
    assert page["X-Page-Cache"] == "miss" and "第二次情况说明" in page.content.decode()
