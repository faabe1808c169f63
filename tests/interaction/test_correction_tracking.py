"""A 纠错 report gives the citizen a reference number and a query password (shown once) and a page to follow it; the
office's forwarding form proposes the unit that owns the reported page."""

import pytest
from django.urls import reverse

from interaction import services
from interaction.models import Correction
from portal.tracking import password_matches

FORM = {"kind": "typo", "description": "第二段有错别字", "captcha_0": "x", "captcha_1": "PASSED"}

pytestmark = pytest.mark.django_db


def test_the_reporter_gets_a_number_and_password_once_and_can_follow_the_report(client):
    response = client.post("/corrections/new/", FORM | {"page_url": "/columns/zwyw/"}, follow=True)
    correction = Correction.objects.get()
    page = response.content.decode()
    assert correction.tracking_number.startswith("JC") and correction.tracking_number in page
    password = response.context["receipt"]["password"]
    assert password_matches(password, correction.password_hash) and password not in correction.password_hash
    assert client.get("/corrections/new/done/").status_code == 302  # shown once

    other = client.__class__()
    lookup = other.post("/corrections/track/", {"tracking_number": correction.tracking_number, "password": password})
    assert lookup.url == reverse("interaction:correction_track_result", args=[correction.tracking_number])
    result = other.get(lookup.url).content.decode()
    assert "待转办" in result and "第二段有错别字" in result


def test_a_wrong_password_shows_nothing(client):
    correction = services.submit_correction(services.NewCorrection(page_url="/", kind="typo", description="错字"))
    response = client.post("/corrections/track/", {"tracking_number": correction.tracking_number, "password": "x"})
    assert response.status_code == 200 and "错字" not in response.content.decode()
    assert client.get(f"/corrections/track/{correction.tracking_number}/").status_code == 302


def test_the_tracking_page_shows_the_answer_in_few_queries(client, django_assert_max_num_queries, office_staff):
    correction = services.submit_correction(services.NewCorrection(page_url="/", kind="typo", description="错字"))
    services.dismiss_correction(correction, actor=office_staff, reason="页面内容无误。")
    session = client.session
    session["interaction_corrections"] = [correction.pk]
    session.save()
    with django_assert_max_num_queries(6):
        page = client.get(f"/corrections/track/{correction.tracking_number}/").content.decode()
    assert "不予处理" in page and "页面内容无误。" in page


def test_the_forwarding_form_proposes_the_unit_that_published_the_page(
    client, office_staff, officer, reviewer, leader, township
):
    from disclosure.models import Column
    from tests.disclosure.conftest import published

    document = published(officer, reviewer, leader, office_staff, Column.objects.get(slug="tzgg"))
    correction = services.submit_correction(
        services.NewCorrection(page_url=f"http://testserver/documents/{document.pk}/", kind="typo", description="错字")
    )
    client.force_login(office_staff)
    response = client.get(f"/staff/corrections/{correction.pk}/")
    assert response.context["forward_form"]["unit"].value() == township.pk
    assert f'<option value="{township.pk}" selected>' in response.content.decode()


def test_no_unit_is_proposed_for_a_page_no_unit_owns(client, office_staff):
    correction = services.submit_correction(
        services.NewCorrection(page_url="/messages/", kind="typo", description="错")
    )
    client.force_login(office_staff)
    assert client.get(f"/staff/corrections/{correction.pk}/").context["forward_form"]["unit"].value() is None
