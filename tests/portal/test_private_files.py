"""Private uploads live under PRIVATE_MEDIA_ROOT with no URL and are handed out only by views that checked the
caller (portal.private_files.serve_private): streamed by Django, or by nginx through X-Accel-Redirect."""

from pathlib import Path

import pytest
from django.apps import apps
from django.core.checks import Error
from django.core.files.base import ContentFile
from django.http import Http404
from django.test import RequestFactory

from portal import private_files
from portal.checks import private_media_outside_public_trees
from portal.private_files import private_storage, serve_private
from requests_app.models import Application, ApplicationFile
from tests.requests_app.conftest import application_data


class Stored:
    """What a FileField hands a view: a name in the private storage, opened on demand."""

    def __init__(self, name: str):
        self.name = name

    def __bool__(self) -> bool:
        return bool(self.name)

    def open(self, mode="rb"):
        return private_storage.open(self.name, mode)


@pytest.fixture
def stored(settings, tmp_path):
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private"
    return Stored(private_storage.save("requests/files/2026/12/abc.pdf", ContentFile(b"%PDF-1.4 secret")))


def test_the_private_storage_is_outside_the_public_media_tree_and_has_no_url(stored, settings):
    assert (Path(settings.PRIVATE_MEDIA_ROOT) / stored.name).read_bytes() == b"%PDF-1.4 secret"
    assert not (Path(settings.MEDIA_ROOT) / stored.name).exists()
    with pytest.raises(ValueError, match="no URL"):
        private_storage.url(stored.name)


def test_a_private_file_is_streamed_as_a_download_with_nosniff(stored):
    response = serve_private(RequestFactory().get("/"), stored, "身份证明.pdf")
    assert response.getvalue() == b"%PDF-1.4 secret"
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == "attachment; filename*=utf-8''%E8%BA%AB%E4%BB%BD%E8%AF%81%E6%98%8E.pdf"
    assert response["X-Content-Type-Options"] == "nosniff"


def test_behind_nginx_the_answer_is_an_internal_redirect_with_no_body(stored, settings):
    settings.PRIVATE_FILES_X_ACCEL_PREFIX = "/_private/"
    response = serve_private(RequestFactory().get("/"), stored, "letter.pdf", as_attachment=False)
    assert response["X-Accel-Redirect"] == "/_private/requests/files/2026/12/abc.pdf"
    assert response.content == b""
    assert response["Content-Disposition"] == 'inline; filename="letter.pdf"'
    assert response["X-Content-Type-Options"] == "nosniff"


def test_a_missing_file_is_a_404(stored):
    with pytest.raises(Http404):
        serve_private(RequestFactory().get("/"), Stored("requests/files/2026/12/gone.pdf"))
    with pytest.raises(Http404):
        serve_private(RequestFactory().get("/"), Stored(""))


def test_the_migration_moves_existing_files_and_skips_missing_ones(settings, tmp_path, township):
    settings.MEDIA_ROOT, settings.PRIVATE_MEDIA_ROOT = tmp_path / "media", tmp_path / "private"
    app = Application.objects.create(**application_data(township), tracking_number="YSQ2026000001", password_hash="x")
    old = tmp_path / "media" / "requests/files/2026/01/old.pdf"
    old.parent.mkdir(parents=True)
    old.write_bytes(b"%PDF-1.4 old")
    for name in ("requests/files/2026/01/old.pdf", "requests/files/2026/01/never-copied.pdf"):
        ApplicationFile.objects.create(application=app, kind="supporting", name="证明.pdf", file=name)
    forwards, backwards = private_files.migration_mover({"requests_app.ApplicationFile": ["file"]})

    forwards(apps, None)
    assert not old.exists()
    assert (tmp_path / "private" / "requests/files/2026/01/old.pdf").read_bytes() == b"%PDF-1.4 old"
    forwards(apps, None)  # again: nothing left to move, nothing fails
    backwards(apps, None)
    assert old.read_bytes() == b"%PDF-1.4 old"


@pytest.mark.parametrize("inside", ["MEDIA_ROOT", "STATIC_ROOT"])
def test_a_private_root_inside_a_served_tree_is_an_error(settings, tmp_path, inside):
    setattr(settings, inside, tmp_path / "public")
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "public" / "private"
    errors = private_media_outside_public_trees(None)
    assert [e.id for e in errors] == ["portal.E001"] and isinstance(errors[0], Error)


def test_the_default_private_root_is_apart(settings):
    assert private_media_outside_public_trees(None) == []
