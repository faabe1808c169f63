import io

import pytest
from django.core.exceptions import ValidationError
from PIL import Image

from newmedia import images
from tests.images import png_declaring
from tests.newmedia.conftest import image_bytes, upload


def _jpeg_with_exif() -> bytes:
    exif = Image.Exif()
    exif[0x010F] = "Canon"  # Make
    exif[0x0132] = "2026:01:01 10:00:00"  # DateTime
    exif[0x8825] = {1: "N", 2: (30.0, 1.0, 2.0)}  # GPS info
    return image_bytes("JPEG", (600, 400), exif=exif.tobytes())


def test_a_valid_png_avatar_becomes_a_fixed_square_jpeg():
    result = images.normalise_avatar(upload("logo.png", image_bytes("PNG", (640, 360))))
    with Image.open(io.BytesIO(result.read())) as image:
        assert image.format == "JPEG"
        assert image.size == (256, 256)


def test_a_valid_webp_qr_code_is_stored_as_png_without_shrinking_below_the_readable_size():
    result = images.normalise_qr(upload("qr.webp", image_bytes("WEBP", (150, 150)), "image/webp"))
    with Image.open(io.BytesIO(result.read())) as image:
        assert image.format == "PNG"
        assert image.size == (300, 300)


def test_a_huge_qr_code_is_shrunk_only_to_the_maximum_side():
    result = images.normalise_qr(upload("qr.png", image_bytes("PNG", (3000, 3000))))
    with Image.open(io.BytesIO(result.read())) as image:
        assert image.size == (1024, 1024)


def test_a_qr_code_too_small_to_scan_is_refused():
    with pytest.raises(ValidationError, match="二维码图片太小"):
        images.normalise_qr(upload("qr.png", image_bytes("PNG", (60, 60))))


def test_exif_is_removed_after_upload():
    data = _jpeg_with_exif()
    with Image.open(io.BytesIO(data)) as original:
        assert original.getexif()  # the fixture really carries EXIF
    result = images.normalise_avatar(upload("photo.jpg", data, "image/jpeg")).read()
    with Image.open(io.BytesIO(result)) as image:
        assert not image.getexif()
        assert "exif" not in image.info
    assert b"Canon" not in result


def test_a_decompression_bomb_is_refused_before_decoding():
    bomb = png_declaring(100_000, 100_000)
    assert len(bomb) < 200
    with pytest.raises(ValidationError, match="尺寸过大"):
        images.normalise_avatar(upload("bomb.png", bomb))


def test_an_image_just_over_the_pixel_cap_is_refused(settings):
    settings.IMAGE_MAX_PIXELS = 100 * 100
    with pytest.raises(ValidationError, match="尺寸过大"):
        images.normalise_qr(upload("qr.png", image_bytes("PNG", (101, 100))))


def test_a_png_renamed_jpg_is_refused():
    with pytest.raises(ValidationError, match="扩展名与内容不符"):
        images.normalise_avatar(upload("logo.jpg", image_bytes("PNG"), "image/jpeg"))


def test_an_oversized_file_is_refused(settings):
    settings.IMAGE_MAX_BYTES = 1024
    with pytest.raises(ValidationError, match="超过上限"):
        images.normalise_avatar(upload("big.png", image_bytes("PNG", (400, 400), color=None) + b"\0" * 2048))


def test_a_gif_or_a_document_is_refused():
    gif = image_bytes("GIF", (200, 200))
    with pytest.raises(ValidationError, match="不是允许的类型"):
        images.normalise_avatar(upload("logo.gif", gif, "image/gif"))
    with pytest.raises(ValidationError, match="不是允许的类型"):
        images.normalise_avatar(upload("logo.png", b"%PDF-1.4 not an image", "image/png"))


def test_a_truncated_image_is_refused_with_a_clear_message():
    broken = image_bytes("PNG", (400, 400))[:60]
    with pytest.raises(ValidationError, match="已损坏或无法识别"):
        images.normalise_avatar(upload("broken.png", broken))


def test_a_transparent_logo_is_flattened_on_white():
    out = io.BytesIO()
    Image.new("RGBA", (300, 300), (0, 0, 0, 0)).save(out, format="PNG")
    result = images.normalise_avatar(upload("logo.png", out.getvalue()))
    with Image.open(io.BytesIO(result.read())) as image:
        assert image.getpixel((10, 10))[0] > 240


def test_a_truncated_image_is_refused_even_after_weasyprint_relaxed_pillow(monkeypatch):
    import weasyprint  # noqa: F401  (importing it sets LOAD_TRUNCATED_IMAGES = True process-wide)
    from PIL import ImageFile

    monkeypatch.setattr(ImageFile, "LOAD_TRUNCATED_IMAGES", True)
    whole = image_bytes("PNG", (400, 400))
    with pytest.raises(ValidationError, match="已损坏或无法识别"):
        images.normalise_avatar(upload("half.png", whole[: len(whole) // 2]))
    assert ImageFile.LOAD_TRUNCATED_IMAGES is True  # restored for WeasyPrint
