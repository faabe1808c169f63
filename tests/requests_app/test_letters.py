"""Every reply category produces its 告知书 as a PDF holding the tracking number, the legal basis and the appeal
rights; the ID number never appears in full. Letters are archived on the application after commit."""

from datetime import date

import pytest

from portal.pdf import pdf_text
from requests_app import letters, notifications, services
from requests_app.models import Letter, Result
from tests.requests_app.conftest import at, registered

pytestmark = pytest.mark.django_db


def _flat(text: str) -> str:
    return "".join(text.split())


def replied(office_staff, officer, township, result: str, **fields):
    app = registered(office_staff, township, date(2024, 11, 4), unit=township)
    with at(date(2024, 11, 8)):
        services.draft_reply(app, actor=officer, result=result, text="经检索，相关情况说明如下。", **fields)
        services.approve_reply(app, actor=office_staff)
    return app


@pytest.mark.parametrize("result", [r for r in Result.values if r != Result.OTHER_NO_CORRECTION])
def test_every_category_produces_its_letter_pdf(office_staff, officer, township, result):
    app = replied(office_staff, officer, township, result)
    letter = app.letters.get(kind=Letter.Kind.REPLY)
    spec = letters.REPLY_LETTERS[result]
    assert letter.title == spec.title
    text = _flat(pdf_text(notifications.render_letter_pdf(letter)))
    assert app.tracking_number in text
    assert spec.title in text
    assert "政府信息公开条例" in text and "国务院令第711号" in text
    for article in spec.articles:
        assert _flat(article) in text
    assert "行政复议" in text and "六十日" in text and "行政诉讼" in text and "六个月" in text
    assert township.name in text and "2024年11月8日" in text
    assert app.id_number not in text


def test_not_held_with_a_known_agency_becomes_the_not_ours_letter(office_staff, officer, township):
    app = replied(
        office_staff, officer, township, Result.UNAVAILABLE_NOT_HELD, referral_agency="示范县自然资源局 0954-1234567"
    )
    letter = app.letters.get(kind=Letter.Kind.REPLY)
    assert letter.title == "非本机关政府信息告知书"
    text = _flat(pdf_text(notifications.render_letter_pdf(letter)))
    assert "第三十六条第（五）项" in text and "示范县自然资源局" in text


def test_correction_extension_third_party_and_receipt_letters_render(office_staff, officer, township):
    app = registered(office_staff, township, date(2024, 11, 4), unit=township)
    with at(date(2024, 11, 5)):
        services.request_correction(app, actor=officer, items="请写明年份。", deadline=date(2024, 11, 15))
        services.receive_correction(app, text="2024年")
        services.ask_third_party(app, actor=officer, third_party="某建筑有限公司", reason="涉及投标报价")
        services.record_third_party_answer(app, actor=officer, outcome="同意公开")
        ext = services.request_extension(app, actor=officer, reason="需要调取档案")
        services.approve_extension(ext.application, actor=office_staff)
    expected = {
        Letter.Kind.RECEIPT: ["登记回执", "第三十一条", "640422********"],
        Letter.Kind.CORRECTION: ["补正申请通知书", "第三十条", "请写明年份", "2024年11月15日"],
        Letter.Kind.THIRD_PARTY: ["征求第三方意见书", "第三十二条", "某建筑有限公司"],
        Letter.Kind.EXTENSION: ["延期答复告知书", "第三十三条第二款", "需要调取档案", "行政复议"],
    }
    for kind, needles in expected.items():
        text = _flat(pdf_text(notifications.render_letter_pdf(app.letters.get(kind=kind))))
        assert app.tracking_number in text
        for needle in needles:
            assert _flat(needle) in text, (kind, needle)
        assert app.id_number not in text


def test_letters_are_archived_and_emailed_after_commit(
    office_staff, officer, township, django_capture_on_commit_callbacks, mailoutbox
):
    with django_capture_on_commit_callbacks(execute=True):
        app = registered(office_staff, township, date(2024, 11, 4), unit=township)
    receipt = app.letters.get(kind=Letter.Kind.RECEIPT)
    assert receipt.rendered_at and receipt.file.name.startswith("requests/letters/")
    assert receipt.emailed_at
    assert len(mailoutbox) == 1
    message = mailoutbox[0]
    assert app.tracking_number in message.subject
    assert app.id_number not in message.body
    assert message.attachments[0][2] == "application/pdf"


def test_the_sweep_renders_letters_a_lost_task_left_undone(office_staff, township, mailoutbox):
    app = registered(office_staff, township, date(2024, 11, 4))  # on_commit never ran: no PDF yet
    letter = app.letters.get()
    assert not letter.rendered_at
    assert notifications.sweep() == {"rendered": 1, "emailed": 1}
    letter.refresh_from_db()
    assert letter.rendered_at and len(mailoutbox) == 1
    assert notifications.sweep() == {"rendered": 0, "emailed": 0}


def test_the_tracking_page_serves_the_reply_letter(client, office_staff, officer, township):
    from django.urls import reverse

    from tests.requests_app.conftest import application_data

    filed = services.submit_online(application_data(township))
    app = filed.application
    services.confirm_receipt(app, actor=office_staff)
    services.assign(app, actor=office_staff, unit=township)
    services.draft_reply(app, actor=officer, result=Result.DISCLOSED, text="请见附件。")
    services.approve_reply(app, actor=office_staff)
    client.post(reverse("requests_app:track"), {"tracking_number": app.tracking_number, "password": filed.password})
    page = client.get(reverse("requests_app:track_detail", args=[app.tracking_number])).content.decode()
    letter = app.letters.get(kind=Letter.Kind.REPLY)
    assert "政府信息公开告知书" in page
    response = client.get(reverse("requests_app:track_letter", args=[app.tracking_number, letter.pk]))
    assert response["Content-Type"] == "application/pdf"
    assert app.tracking_number in _flat(pdf_text(response.getvalue()))
    # The third party's letter is not the applicant's to read.
    assert not any(t in page for t in ["征求意见书"])


def test_receipt_states_the_configured_reply_and_extension_lengths(office_staff, township, settings):
    # The 2019 regulation's 20 + 20 is a settings change (条例 Art. 33); here the two differ on purpose.
    settings.REQUEST_REPLY_WORKDAYS, settings.REQUEST_EXTENSION_WORKDAYS = 20, 10
    app = registered(office_staff, township, date(2024, 11, 4))
    text = _flat(pdf_text(notifications.render_letter_pdf(app.letters.get(kind=Letter.Kind.RECEIPT))))
    assert "自收到申请之日起20个工作日内" in text
    assert "最长不超过10个工作日" in text
