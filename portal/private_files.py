"""Private uploads: applicants' identity proofs and the letters of 依申请公开, 政民互动 attachments, document attachments
and new-media images before they are published.

They live under PRIVATE_MEDIA_ROOT, outside the public media tree that nginx (and the development server) serve
to anyone with the path, and have no URL. A view that has checked who is asking (the staff scoping rule, the
citizen's tracking session, or that the item is published) hands the file out with ``serve_private``: Django
streams it, or, when PRIVATE_FILES_X_ACCEL_PREFIX is set, nginx sends it from its ``internal`` location
(``location /_private/ { internal; alias <PRIVATE_MEDIA_ROOT>/; }``) on Django's ``X-Accel-Redirect`` answer.

Public media (MEDIA_ROOT) keeps only what pages link to directly: cover images and consultation drafts."""

from __future__ import annotations

import logging
import mimetypes
import os
import shutil
from pathlib import Path, PurePosixPath
from urllib.parse import quote

from django.conf import settings
from django.core.files.storage import FileSystemStorage
from django.http import FileResponse, Http404, HttpResponse
from django.utils.deconstruct import deconstructible
from django.utils.http import content_disposition_header

from portal.signals import sensitive_download

logger = logging.getLogger(__name__)


@deconstructible
class PrivateStorage(FileSystemStorage):
    """Files under PRIVATE_MEDIA_ROOT (read when used, so tests and deployments can move it) with no URL."""

    @property
    def base_location(self) -> str:
        return str(settings.PRIVATE_MEDIA_ROOT)

    @property
    def location(self) -> str:
        return os.path.abspath(self.base_location)

    def url(self, name):
        raise ValueError("A private file has no URL; serve it with portal.private_files.serve_private.")


private_storage = PrivateStorage()


def serve_private(
    request,
    fieldfile,
    filename: str | None = None,
    *,
    as_attachment: bool = True,
    content_type: str | None = None,
    audit: str = "",
) -> HttpResponse:
    """The file of ``fieldfile`` for a caller whose right to it the view has checked; 404 when there is none.
    ``audit`` names a download of personal data for the audit log (the ``sensitive_download`` signal)."""
    if not fieldfile:
        raise Http404("文件不存在。")
    if audit:
        sensitive_download.send(sender=type(fieldfile.instance), request=request, what=audit, count=1)
    filename = filename or PurePosixPath(fieldfile.name).name
    content_type = content_type or mimetypes.guess_type(fieldfile.name)[0] or "application/octet-stream"
    prefix = settings.PRIVATE_FILES_X_ACCEL_PREFIX
    if prefix:
        # nginx sends the file itself from its internal location; the body here is ignored.
        response = HttpResponse(content_type=content_type)
        response["X-Accel-Redirect"] = prefix.rstrip("/") + "/" + quote(fieldfile.name)
    else:
        try:
            handle = fieldfile.open("rb")
        except OSError as exc:
            logger.warning("Private file %s is missing", fieldfile.name)
            raise Http404("文件不存在。") from exc
        response = FileResponse(handle, content_type=content_type)
    response["Content-Disposition"] = content_disposition_header(as_attachment, filename)
    response["X-Content-Type-Options"] = "nosniff"
    return response


def _move(name: str, source: Path, target: Path) -> bool:
    """Move one stored file between roots; a missing file (or one already moved) is left alone."""
    src, dst = source / name, target / name
    if not name or not src.is_file() or dst.exists():
        return False
    dst.parent.mkdir(parents=True, exist_ok=True)
    shutil.move(src, dst)
    return True


def _move_fields(apps, fields: dict[str, list[str]], source: Path, target: Path) -> int:
    moved = 0
    for model_label, names in fields.items():
        model = apps.get_model(model_label)
        for row in model.objects.values_list(*names).iterator():
            moved += sum(_move(name, source, target) for name in row if name)
    return moved


def migration_mover(fields: dict[str, list[str]]):
    """RunPython callables for a migration that moves the stored files of ``{"app.Model": [file fields]}`` from
    MEDIA_ROOT to PRIVATE_MEDIA_ROOT (and back when unapplied). Files already moved or missing are skipped, so the
    migration is safe to run on a database whose files were never copied to this machine."""

    def forwards(apps, schema_editor):
        _move_fields(apps, fields, Path(settings.MEDIA_ROOT), Path(settings.PRIVATE_MEDIA_ROOT))

    def backwards(apps, schema_editor):
        _move_fields(apps, fields, Path(settings.PRIVATE_MEDIA_ROOT), Path(settings.MEDIA_ROOT))

    return forwards, backwards
