"""QR codes of this site's own pages (DESIGN §11: every document page shows a QR code of its address).

Only local paths are accepted, so the endpoint cannot be used to make QR codes that point elsewhere (phishing
posters carrying a government site's look). Images are cached by the absolute URL they encode."""

from __future__ import annotations

import hashlib
import io

import qrcode
from django.core.cache import cache
from qrcode.constants import ERROR_CORRECT_M

CACHE_SECONDS = 7 * 24 * 3600


def make_png(data: str) -> bytes:
    """A PNG of ``data`` as a QR code: medium error correction survives a crease in a printed page."""
    code = qrcode.QRCode(error_correction=ERROR_CORRECT_M, box_size=6, border=2)
    code.add_data(data)
    code.make(fit=True)
    buffer = io.BytesIO()
    code.make_image(fill_color="black", back_color="white").save(buffer, format="PNG")
    return buffer.getvalue()


def png_for_url(url: str) -> bytes:
    """The QR PNG for an absolute URL, from the cache when it has been drawn before."""
    key = "portal:qr:" + hashlib.sha256(url.encode()).hexdigest()
    png = cache.get(key)
    if png is None:
        png = make_png(url)
        cache.set(key, png, CACHE_SECONDS)
    return png
