"""Uploads: the type is sniffed from the content, the extension must agree, the size is capped."""

import io
import zipfile

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import override_settings

from portal.uploads import UploadTo, check_upload, stored_name
from tests.images import png_declaring

SMALL_PDF = (
    b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n"
    b"3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 200 200]>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"
)
EXE = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff\x00\x00" + b"\x00" * 200


def zip_bytes(*names: str) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name in names:
            archive.writestr(name, "<xml/>")
    return buffer.getvalue()


def test_a_real_small_pdf_is_accepted():
    assert check_upload(SimpleUploadedFile("通知.pdf", SMALL_PDF), {"pdf", "docx"}) == "pdf"


def test_an_executable_renamed_pdf_is_refused():
    with pytest.raises(ValidationError) as error:
        check_upload(SimpleUploadedFile("通知.pdf", EXE), {"pdf", "docx"})
    assert "不是允许的类型" in error.value.messages[0]
    assert ".pdf" in error.value.messages[0]


def test_a_pdf_named_docx_is_refused_for_the_mismatch():
    with pytest.raises(ValidationError, match="扩展名与内容不符"):
        check_upload(SimpleUploadedFile("通知.docx", SMALL_PDF), {"pdf", "docx"})


def test_an_oversize_file_is_refused_with_the_limit_in_the_message():
    upload = SimpleUploadedFile("大文件.pdf", SMALL_PDF + b"0" * 2048)
    with pytest.raises(ValidationError) as error:
        check_upload(upload, {"pdf"}, max_bytes=1024)
    assert "超过上限 1.0 KB" in error.value.messages[0].replace("\xa0", " ")


@override_settings(UPLOAD_MAX_BYTES=100)
def test_the_default_cap_comes_from_settings():
    with pytest.raises(ValidationError, match="超过上限"):
        check_upload(SimpleUploadedFile("a.pdf", SMALL_PDF), {"pdf"})


def test_an_empty_file_is_refused():
    with pytest.raises(ValidationError, match="空文件"):
        check_upload(SimpleUploadedFile("空.pdf", b""), {"pdf"})


def test_docx_is_recognised_from_a_zip_with_word_document_xml():
    docx = zip_bytes("[Content_Types].xml", "word/document.xml")
    assert check_upload(SimpleUploadedFile("报告.docx", docx), {"docx"}) == "docx"
    xlsx = zip_bytes("[Content_Types].xml", "xl/workbook.xml")
    with pytest.raises(ValidationError):
        check_upload(SimpleUploadedFile("报告.docx", xlsx), {"docx"})


def test_a_plain_zip_is_not_a_docx():
    with pytest.raises(ValidationError):
        check_upload(SimpleUploadedFile("报告.docx", zip_bytes("readme.txt")), {"docx"})


def test_stored_names_keep_only_the_extension():
    name = stored_name("attachments", "../../etc/通知 (1).PDF")
    assert name.startswith("attachments/")
    assert name.endswith(".pdf")
    assert ".." not in name and "通知" not in name
    assert UploadTo("attachments")(None, "a.pdf").startswith("attachments/")
    assert UploadTo("a").deconstruct() == ("portal.uploads.UploadTo", ("a",), {})


def _png(width: int, height: int) -> bytes:
    out = io.BytesIO()
    from PIL import Image

    Image.new("RGB", (width, height), (200, 30, 30)).save(out, format="PNG")
    return out.getvalue()


def test_check_image_accepts_an_ordinary_picture():
    from portal.uploads import check_image

    check_image(SimpleUploadedFile("ok.png", _png(64, 48), content_type="image/png"))


@pytest.mark.parametrize("size", [(100_000, 100_000), (20_000, 2_001)])
def test_check_image_refuses_a_decompression_bomb_with_the_limit_stated(size, settings):
    from portal.uploads import check_image

    settings.IMAGE_MAX_PIXELS = 40_000_000
    with pytest.raises(ValidationError, match="尺寸过大，超过 4000 万像素"):
        check_image(SimpleUploadedFile("bomb.png", png_declaring(*size), content_type="image/png"))


def test_check_image_refuses_a_broken_picture():
    from portal.uploads import check_image

    with pytest.raises(ValidationError, match="已损坏"):
        check_image(SimpleUploadedFile("broken.png", _png(64, 48)[:40], content_type="image/png"))
