"""依申请公开 files are private: identity proofs, corrections, released files and letters live outside the public
media tree; the citizen reaches theirs through the tracking session, the handling unit and the office through the
staff pages, and anyone else gets 404 (issue: private uploads)."""

from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from requests_app import notifications, services
from requests_app.models import ApplicationFile, Letter, Result
from tests.requests_app.conftest import application_data

pytestmark = pytest.mark.django_db


def _pdf(name: str) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, b"%PDF-1.4\n%" + name.encode() + b"\n", content_type="application/pdf")


@pytest.fixture
def replied(office_staff, officer, township):
    filed = services.submit_online(application_data(township), [_pdf("身份证.pdf")])
    app = filed.application
    services.confirm_receipt(app, actor=office_staff)
    services.assign(app, actor=office_staff, unit=township)
    services.draft_reply(app, actor=officer, result=Result.DISCLOSED, text="请见附件。", files=[_pdf("名单.pdf")])
    services.approve_reply(app, actor=office_staff)
    return filed


def _track(client, filed) -> None:
    client.post(reverse("requests_app:track"), {"tracking_number": filed.application.tracking_number,
                                                "password": filed.password})  # fmt: skip


@pytest.mark.urls("tests.portal.urls_with_media")
def test_no_file_of_an_application_is_in_the_public_media_tree(client, replied, settings):
    app = replied.application
    letters = [notifications.archived(letter) for letter in app.letters.all()]  # the PDFs the tasks archive
    names = [f.file.name for f in app.files.all()] + [letter.file.name for letter in letters]
    assert len(names) >= 4
    for name in names:
        assert (Path(settings.PRIVATE_MEDIA_ROOT) / name).is_file()
        assert not (Path(settings.MEDIA_ROOT) / name).exists()
        assert client.get(f"/media/{name}").status_code == 404


def test_the_applicant_downloads_the_released_file_and_the_letter_through_the_tracking_session(client, replied):
    app = replied.application
    released = app.files.get(kind=ApplicationFile.Kind.RELEASED)
    letter = app.letters.get(kind=Letter.Kind.REPLY)
    file_url = reverse("requests_app:track_file", args=[app.tracking_number, released.pk])
    letter_url = reverse("requests_app:track_letter", args=[app.tracking_number, letter.pk])

    assert client.get(file_url).status_code == 302  # no session yet: back to the tracking form
    assert client.get(letter_url).status_code == 302
    _track(client, replied)
    response = client.get(file_url)
    assert response.status_code == 200 and response.getvalue().startswith(b"%PDF-1.4\n%")
    assert response["X-Content-Type-Options"] == "nosniff"
    assert "attachment;" in response["Content-Disposition"]
    letter_response = client.get(letter_url)
    assert letter_response.status_code == 200 and letter_response["Content-Type"] == "application/pdf"
    assert letter_response["Content-Disposition"].startswith("inline;")
    assert "no-store" in response["Cache-Control"] and "no-store" in letter_response["Cache-Control"]


def test_the_applicant_cannot_reach_their_own_identity_proof_through_tracking(client, replied):
    app = replied.application
    proof = app.files.get(kind=ApplicationFile.Kind.SUPPORTING)
    _track(client, replied)
    assert client.get(reverse("requests_app:track_file", args=[app.tracking_number, proof.pk])).status_code == 404


def test_the_handling_unit_and_the_office_download_the_identity_proof_an_outsider_gets_404(
    client, replied, officer, office_staff, outsider
):
    app = replied.application
    proof = app.files.get(kind=ApplicationFile.Kind.SUPPORTING)
    url = reverse("requests_app:staff_file", args=[app.pk, proof.pk])
    for user in (officer, office_staff):
        client.force_login(user)
        response = client.get(url)
        assert response.status_code == 200 and b"%PDF-1.4" in response.getvalue()
        assert "no-store" in response["Cache-Control"]
    client.force_login(outsider)
    assert client.get(url).status_code == 404
    letter = app.letters.get(kind=Letter.Kind.REPLY)
    assert client.get(reverse("requests_app:staff_letter", args=[app.pk, letter.pk])).status_code == 404


def test_behind_nginx_the_tracking_download_is_an_internal_redirect(client, replied, settings):
    settings.PRIVATE_FILES_X_ACCEL_PREFIX = "/_private/"
    app = replied.application
    released = app.files.get(kind=ApplicationFile.Kind.RELEASED)
    _track(client, replied)
    response = client.get(reverse("requests_app:track_file", args=[app.tracking_number, released.pk]))
    assert response["X-Accel-Redirect"] == f"/_private/{released.file.name}"
    assert response.content == b""


def test_the_admin_shows_an_application_with_its_letters(client, replied, admin_user):
    letter = notifications.archived(replied.application.letters.get(kind=Letter.Kind.REPLY))
    client.force_login(admin_user)
    response = client.get(f"/admin/requests_app/application/{replied.application.pk}/change/")
    assert response.status_code == 200 and letter.file.name in response.content.decode()
