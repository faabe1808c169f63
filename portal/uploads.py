"""Upload checks shared by every app: the type is sniffed from the content (never trusted from the name or the
browser), the size is capped, and the stored name is ours (a UUID), never the user's."""

from __future__ import annotations

import uuid
import zipfile
from dataclasses import dataclass
from pathlib import PurePath

from django.conf import settings
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils import timezone


@dataclass(frozen=True)
class FileKind:
    key: str
    label: str
    extensions: tuple[str, ...]


KINDS = {
    "pdf": FileKind("pdf", "PDF", (".pdf",)),
    "ofd": FileKind("ofd", "OFD", (".ofd",)),
    "doc": FileKind("doc", "Word 97-2003", (".doc", ".wps", ".xls", ".et")),
    "docx": FileKind("docx", "Word", (".docx",)),
    "xlsx": FileKind("xlsx", "Excel", (".xlsx",)),
    "zip": FileKind("zip", "ZIP", (".zip",)),
    "jpeg": FileKind("jpeg", "JPEG 图片", (".jpg", ".jpeg")),
    "png": FileKind("png", "PNG 图片", (".png",)),
    "webp": FileKind("webp", "WebP 图片", (".webp",)),
}

IMAGE_KINDS = {"jpeg", "png", "webp"}

_OLE2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # doc, xls, wps, et: the OLE2 compound file header


def sniff(head: bytes, fileobj=None) -> str | None:
    """The kind of a file from its first bytes (and, for ZIP containers, its member names)."""
    if head.startswith(b"%PDF-"):
        return "pdf"
    if head.startswith(b"\xff\xd8\xff"):
        return "jpeg"
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return "png"
    if head[:4] == b"RIFF" and head[8:12] == b"WEBP":
        return "webp"
    if head.startswith(_OLE2):
        return "doc"
    if head.startswith(b"PK\x03\x04") and fileobj is not None:
        return _sniff_zip(fileobj)
    return None


def _sniff_zip(fileobj) -> str | None:
    pos = fileobj.tell()
    try:
        fileobj.seek(0)
        with zipfile.ZipFile(fileobj) as archive:
            names = set(archive.namelist())
    except (zipfile.BadZipFile, OSError, ValueError):
        return None
    finally:
        fileobj.seek(pos)
    if "word/document.xml" in names:
        return "docx"
    if "xl/workbook.xml" in names:
        return "xlsx"
    if "OFD.xml" in names:
        return "ofd"
    return "zip"


def check_upload(upload, allowed: set[str], max_bytes: int | None = None) -> str:
    """Validate an uploaded file; returns its sniffed kind or raises ValidationError with a Chinese message.

    The file's extension must also agree with its content, so that a renamed executable is refused even when its
    bytes happen to start like an allowed type. Every image also passes ``check_image``: whichever form it comes
    through, a decompression bomb or a broken picture is refused."""
    max_bytes = max_bytes or settings.UPLOAD_MAX_BYTES
    if upload.size > max_bytes:
        raise ValidationError(
            f"文件“{upload.name}”大小为 {filesizeformat(upload.size)}，超过上限 {filesizeformat(max_bytes)}。",
            code="too_large",
        )
    if upload.size == 0:
        raise ValidationError(f"文件“{upload.name}”是空文件。", code="empty")
    upload.seek(0)
    head = upload.read(16)
    upload.seek(0)
    kind = sniff(head, upload)
    if kind == "doc" and "doc" not in allowed:
        kind = None
    labels = "、".join(sorted({ext for k in allowed for ext in KINDS[k].extensions}))
    if kind is None or kind not in allowed:
        raise ValidationError(f"文件“{upload.name}”的内容不是允许的类型（允许：{labels}）。", code="bad_type")
    ext = PurePath(upload.name).suffix.lower()
    if ext not in KINDS[kind].extensions:
        raise ValidationError(
            f"文件“{upload.name}”的扩展名与内容不符（内容为{KINDS[kind].label}）。", code="bad_extension"
        )
    if kind in IMAGE_KINDS:
        check_image(upload)
    return kind


def stored_name(folder: str, original_name: str) -> str:
    """A path for storage: ``folder/YYYY/MM/<uuid><ext>``; only the (lower-cased, checked) extension is kept."""
    ext = PurePath(original_name).suffix.lower()[:8]
    now = timezone.localtime()
    return f"{folder}/{now:%Y/%m}/{uuid.uuid4().hex}{ext}"


def upload_to(folder: str):
    """For FileField(upload_to=upload_to("attachments")). Migrations serialise it via UploadTo."""
    return UploadTo(folder)


class UploadTo:
    def __init__(self, folder: str):
        self.folder = folder

    def __call__(self, instance, filename: str) -> str:
        return stored_name(self.folder, filename)

    def deconstruct(self):
        return ("portal.uploads.UploadTo", (self.folder,), {})

    def __eq__(self, other) -> bool:
        return isinstance(other, UploadTo) and other.folder == self.folder


def check_image(upload) -> None:
    """Refuse broken images and decompression bombs: the pixel count declared in the header must stay within
    IMAGE_MAX_PIXELS. Only the header is read (Pillow decodes nothing here)."""
    import warnings

    from PIL import Image

    limit = f"{settings.IMAGE_MAX_PIXELS // 10_000} 万像素"
    too_large = ValidationError(
        f"图片“{upload.name}”尺寸过大，超过 {limit} 的上限，请缩小后再上传。", code="too_many_pixels"
    )
    try:
        upload.seek(0)
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(upload) as image:
                width, height = image.size
                image.verify()
    except (Image.DecompressionBombError, Image.DecompressionBombWarning) as exc:
        raise too_large from exc
    except Exception as exc:
        raise ValidationError(f"图片“{upload.name}”已损坏或无法识别，请重新导出后上传。", code="corrupt") from exc
    finally:
        upload.seek(0)
    if width * height > settings.IMAGE_MAX_PIXELS:
        raise too_large
