"""纠错 reports: the footer link fills in the page address; office forwards within 1 working day, the unit fixes
and answers within 2 more; the reporter is told by e-mail when they left one."""

from datetime import timedelta

import pytest
import time_machine
from django.core import mail
from django.utils import timezone

from interaction import services
from interaction.models import Correction

from .conftest import at

FORM = {"kind": "broken_link", "description": "第二个附件链接打不开", "captcha_0": "x", "captcha_1": "PASSED"}


def test_the_footer_link_opens_the_form_with_the_page_address_filled_in(client, db):
    page = client.get("/corrections/new/?url=http%3A%2F%2Ftestserver%2Fcolumns%2Fzwyw%2F").content.decode()
    assert 'value="http://testserver/columns/zwyw/"' in page


def test_a_reporter_submits_a_correction_with_a_forwarding_clock(client, db):
    with at(2025, 9, 26, 9):
        response = client.post(
            "/corrections/new/", FORM | {"page_url": "http://testserver/a/", "email": "r@example.com"}
        )
    assert response.status_code == 302
    correction = Correction.objects.get()
    assert str(correction.forward_due_on) == "2025-09-28"  # the make-up Sunday
    assert correction.history.get().action == "submit"


def test_bad_input_on_the_correction_form_saves_nothing(client, db):
    response = client.post("/corrections/new/", FORM | {"page_url": "", "description": "", "phone": "abc"})
    page = response.content.decode()
    assert "请填写页面地址。" in page and "请填写问题描述。" in page and "请填写正确的手机号码" in page
    assert Correction.objects.count() == 0


def test_office_forwards_and_the_unit_answers_and_the_reporter_is_told(
    client, db, office_staff, township, officer, django_capture_on_commit_callbacks
):
    officer.email = "officer@example.com"
    officer.save()
    correction = services.submit_correction(
        services.NewCorrection(page_url="http://x/", kind="typo", description="错字", email="r@example.com")
    )
    with django_capture_on_commit_callbacks(execute=True):
        client.force_login(office_staff)
        client.post(f"/staff/corrections/{correction.pk}/forward/", {"unit": township.pk, "note": "请改正"})
    assert mail.outbox[-1].to == ["officer@example.com"]
    with django_capture_on_commit_callbacks(execute=True):
        client.force_login(officer)
        page = client.get("/staff/corrections/").content.decode()
        assert "剩余" in page or "今日到期" in page
        client.post(f"/staff/corrections/{correction.pk}/reply/", {"reply": "已改正错别字。"})
    correction.refresh_from_db()
    assert correction.status == Correction.Status.REPLIED and correction.replied_on_time
    assert mail.outbox[-1].to == ["r@example.com"] and "已改正错别字" in mail.outbox[-1].body


def test_another_unit_cannot_see_or_answer_a_forwarded_correction(client, db, office_staff, township, outsider):
    correction = services.submit_correction(services.NewCorrection(page_url="/a/", kind="typo", description="x"))
    services.forward_correction(correction, actor=office_staff, unit=township)
    client.force_login(outsider)
    assert client.get(f"/staff/corrections/{correction.pk}/").status_code == 404
    assert client.post(f"/staff/corrections/{correction.pk}/reply/", {"reply": "x"}).status_code == 404
    assert client.post(f"/staff/corrections/{correction.pk}/forward/", {"reply": "x"}).status_code == 404


def test_both_clocks_appear_on_the_workbench(db, office_staff, township, officer):
    from interaction.blocks import workbench_sections

    with at(2025, 9, 29):
        waiting = services.submit_correction(services.NewCorrection(page_url="/a/", kind="typo", description="x"))
        forwarded = services.submit_correction(services.NewCorrection(page_url="/b/", kind="typo", description="y"))
        services.forward_correction(forwarded, actor=office_staff, unit=township)
        office = {s.title: s for s in workbench_sections(office_staff)}
        unit = {s.title: s for s in workbench_sections(officer)}
    assert [t.due_on for t in office["网站纠错待转办"].tasks] == [waiting.forward_due_on]
    assert office["网站纠错待转办"].tasks[0].clock.code == "due_soon"
    fixing = unit["本单位网站纠错待处理"].tasks[0]
    assert str(fixing.due_on) == "2025-10-09" and fixing.clock.code == "on_time"


def test_a_correction_can_be_dismissed_with_a_reason(db, office_staff):
    correction = services.submit_correction(services.NewCorrection(page_url="/a/", kind="other", description="广告"))
    from portal.errors import DomainError

    with pytest.raises(DomainError, match="请填写不予处理的理由"):  # bad input, whatever the state
        services.dismiss_correction(correction, actor=office_staff, reason="")
    services.dismiss_correction(correction, actor=office_staff, reason="与网站内容无关的广告")
    correction.refresh_from_db()
    assert correction.status == Correction.Status.DISMISSED


def test_a_javascript_address_is_never_made_a_link(client, db, office_staff):
    correction = services.submit_correction(
        services.NewCorrection(page_url="javascript:alert(1)", kind="other", description="x")
    )
    page = client.get("/", follow=True) and None
    client.force_login(office_staff)
    page = client.get(f"/staff/corrections/{correction.pk}/").content.decode()
    assert 'href="javascript:' not in page


def test_a_reporter_who_left_an_email_is_told_of_a_dismissal_too(db, office_staff, django_capture_on_commit_callbacks):
    correction = services.submit_correction(
        services.NewCorrection(page_url="/a/", kind="other", description="广告", email="r@example.com")
    )
    with django_capture_on_commit_callbacks(execute=True):
        services.dismiss_correction(correction, actor=office_staff, reason="与网站内容无关")
    assert mail.outbox[-1].to == ["r@example.com"] and "与网站内容无关" in mail.outbox[-1].body
    correction.refresh_from_db()
    assert correction.reporter_notified_at is not None


def test_the_sweep_tells_a_dismissed_reporter_a_lost_task_left_untold(
    db, office_staff, monkeypatch, django_capture_on_commit_callbacks
):
    from interaction import notifications, tasks

    def broker_down(*args, **kwargs):
        raise ConnectionError("redis down")

    monkeypatch.setattr(tasks.notify_reporter, "apply_async", broker_down)
    with time_machine.travel(timezone.now() - timedelta(hours=1)):
        correction = services.submit_correction(
            services.NewCorrection(page_url="/a/", kind="other", description="广告", email="r@example.com")
        )
    with django_capture_on_commit_callbacks(execute=True):
        services.dismiss_correction(correction, actor=office_staff, reason="与网站内容无关")
    assert not mail.outbox
    assert notifications.sweep() == 1 and mail.outbox[-1].to == ["r@example.com"]
    assert notifications.sweep() == 0


@pytest.mark.parametrize(
    "address",
    [
        "/columns/zwyw/",
        "http://testserver/documents/12/?page=2",
        "https://localhost:8443/a/",
        "https://www.example.gov.cn/columns/zwyw/",  # the site profile's domain
        "HTTP://WWW.EXAMPLE.GOV.CN/",
    ],
)
def test_the_address_may_be_a_path_or_a_url_of_this_site(client, db, address):
    response = client.post("/corrections/new/", FORM | {"page_url": address})
    assert response.status_code == 302
    assert Correction.objects.get().page_url == address


@pytest.mark.parametrize(
    "address",
    [
        "javascript:alert(1)",
        "JavaScript:alert(document.cookie)",
        "data:text/html,<script>alert(1)</script>",
        "https://evil.example/phish",
        "//evil.example/a",
        "/\\evil.example/a",
        "http://www.example.gov.cn@evil.example/",
        "ftp://www.example.gov.cn/",
        "首页的通知",
        "columns/zwyw/",
    ],
)
def test_any_other_address_is_refused_next_to_the_field(client, db, address):
    response = client.post("/corrections/new/", FORM | {"page_url": address})
    assert response.status_code == 200
    assert response.context["form"].errors["page_url"] == [
        "请填写本网站页面的地址（以“/”开头的路径，或本网站的网址）。"
    ]
    assert "请填写本网站页面的地址" in response.content.decode()
    assert Correction.objects.count() == 0
