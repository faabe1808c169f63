"""Avatar and QR-code uploads: sniffed by content, size-capped, opened with Pillow under a pixel cap
(decompression-bomb guard), re-encoded from the pixels alone (so EXIF, GPS and any trailing payload are dropped) and
normalised: the avatar to a fixed square, the QR code to a size that stays readable, as lossless PNG."""

from __future__ import annotations

import io
import threading
from contextlib import contextmanager

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from PIL import Image, ImageFile, ImageOps, UnidentifiedImageError

from newmedia import conf
from portal.uploads import check_upload

ALLOWED_KINDS = {"jpeg", "png", "webp"}
_PIL_FORMATS = {"jpeg": "JPEG", "png": "PNG", "webp": "WEBP"}


_STRICT_LOCK = threading.Lock()


@contextmanager
def _strict_decoding():
    """Refuse truncated images even though WeasyPrint, once imported, switches Pillow's process-wide
    LOAD_TRUNCATED_IMAGES on (it would otherwise pad a cut-off upload with grey and accept it)."""
    with _STRICT_LOCK:
        previous = ImageFile.LOAD_TRUNCATED_IMAGES
        ImageFile.LOAD_TRUNCATED_IMAGES = False
        try:
            yield
        finally:
            ImageFile.LOAD_TRUNCATED_IMAGES = previous


def _open(upload) -> Image.Image:
    """Check the upload (check_upload refuses anything whose declared size exceeds IMAGE_MAX_PIXELS before a single
    pixel is decoded: a few kilobytes of PNG can declare gigapixels), then decode it strictly."""
    kind = check_upload(upload, allowed=ALLOWED_KINDS, max_bytes=settings.IMAGE_MAX_BYTES)
    upload.seek(0)
    data = upload.read()
    try:
        with _strict_decoding():
            image = Image.open(io.BytesIO(data), formats=[_PIL_FORMATS[kind]])
            image.load()
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError) as exc:
        raise ValidationError(f"图片“{upload.name}”已损坏或无法识别，请重新导出后上传。", code="corrupt") from exc
    return ImageOps.exif_transpose(image)


def _flatten(image: Image.Image) -> Image.Image:
    """RGB on a white ground: transparency in a logo or QR code must not turn black."""
    if image.mode in ("RGBA", "LA", "P", "PA"):
        image = image.convert("RGBA")
        ground = Image.new("RGB", image.size, (255, 255, 255))
        ground.paste(image, mask=image.getchannel("A"))
        return ground
    return image.convert("RGB")


def _encode(image: Image.Image, fmt: str, **options) -> bytes:
    out = io.BytesIO()
    image.save(out, format=fmt, **options)  # a fresh image from pixels: no EXIF, ICC or comments carried over
    return out.getvalue()


def normalise_avatar(upload) -> ContentFile:
    """A square avatar of AVATAR_SIZE pixels, centre-cropped, as JPEG."""
    image = _flatten(_open(upload))
    side = conf.AVATAR_SIZE
    image = ImageOps.fit(image, (side, side), method=Image.Resampling.LANCZOS)
    return ContentFile(_encode(image, "JPEG", quality=90, optimize=True), name="avatar.jpg")


def normalise_qr(upload) -> ContentFile:
    """A QR code as PNG: refused when too small to scan, enlarged by whole multiples with hard edges when small,
    shrunk only down to QR_MAX_SIDE when huge, so the modules stay crisp."""
    image = _flatten(_open(upload))
    width, height = image.size
    if min(width, height) < conf.QR_MIN_SIDE:
        raise ValidationError(
            f"二维码图片太小（{width}×{height}像素），至少需要 {conf.QR_MIN_SIDE}×{conf.QR_MIN_SIDE} 像素才能清晰识读。",
            code="qr_too_small",
        )
    if max(width, height) > conf.QR_MAX_SIDE:
        image.thumbnail((conf.QR_MAX_SIDE, conf.QR_MAX_SIDE), Image.Resampling.LANCZOS)
    elif min(width, height) < conf.QR_TARGET_MIN_SIDE:
        factor = -(-conf.QR_TARGET_MIN_SIDE // min(width, height))
        image = image.resize((width * factor, height * factor), Image.Resampling.NEAREST)
    return ContentFile(_encode(image, "PNG", optimize=True), name="qr.png")
