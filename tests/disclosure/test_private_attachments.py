"""Document attachments live in the private storage and are served only by views: to the public once the document
is published (and not after it is withdrawn), to its unit's staff and the office before that; outsiders get 404."""

from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from disclosure import services
from tests.disclosure.conftest import draft, passed

pytestmark = pytest.mark.django_db


def _attach(document, officer):
    upload = SimpleUploadedFile("实施方案.pdf", b"%PDF-1.4\n%%EOF\n", content_type="application/pdf")
    return services.add_attachment(document, actor=officer, upload=upload)


@pytest.mark.urls("tests.portal.urls_with_media")
def test_an_unpublished_attachment_is_not_in_the_public_media_tree(client, officer, news_column, settings):
    document = draft(officer, news_column)
    attachment = _attach(document, officer)
    name = attachment.file.name
    assert (Path(settings.PRIVATE_MEDIA_ROOT) / name).is_file()
    assert not (Path(settings.MEDIA_ROOT) / name).exists()
    assert client.get(f"/media/{name}").status_code == 404
    assert client.get(reverse("disclosure:attachment", args=[document.pk, attachment.pk])).status_code == 404


def test_the_unit_and_the_office_download_a_draft_attachment_an_outsider_gets_404(
    client, officer, reviewer, office_staff, outsider, news_column
):
    document = draft(officer, news_column)
    attachment = _attach(document, officer)
    services.submit(document, actor=officer)
    url = reverse("disclosure:staff_attachment", args=[document.pk, attachment.pk])
    for user in (officer, reviewer, office_staff):
        client.force_login(user)
        response = client.get(url)
        assert response.status_code == 200 and response.getvalue() == b"%PDF-1.4\n%%EOF\n"
        assert response["X-Content-Type-Options"] == "nosniff"
    client.force_login(outsider)
    assert client.get(url).status_code == 404


def test_the_public_downloads_a_published_attachment_until_the_document_is_withdrawn(
    client, officer, reviewer, leader, office_staff, news_column
):
    document = draft(officer, news_column)
    attachment = _attach(document, officer)
    services.submit(document, actor=officer)
    document = passed(document, reviewer, leader, office_staff)
    url = reverse("disclosure:attachment", args=[document.pk, attachment.pk])
    response = client.get(url)
    assert response.status_code == 200 and response.getvalue() == b"%PDF-1.4\n%%EOF\n"
    assert response["Content-Disposition"].startswith("attachment;")
    services.withdraw(document, actor=office_staff, reason="内容已过时，予以撤回。")
    assert client.get(url).status_code == 404
