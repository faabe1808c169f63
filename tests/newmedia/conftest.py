"""Builders for the new-media tests: image bytes made with Pillow, and accounts taken through the real services."""

from __future__ import annotations

import io
from datetime import date

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from newmedia import images, services
from newmedia.models import Account, Filing


def image_bytes(fmt: str = "PNG", size: tuple[int, int] = (400, 400), color=(20, 90, 160), **save) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", size, color).save(out, format=fmt, **save)
    return out.getvalue()


def upload(name: str, data: bytes, content_type: str = "image/png") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, data, content_type=content_type)


def png_upload(name: str = "logo.png", size=(400, 400)) -> SimpleUploadedFile:
    return upload(name, image_bytes("PNG", size))


def account_fields(**overrides) -> dict:
    fields = {
        "platform": "wechat",
        "name": "城关镇发布",
        "platform_account_id": "cgz_fabu",
        "homepage_url": "https://mp.weixin.qq.com/cgz",
        "verification_subject": "城关镇人民政府",
        "opened_on": date(2026, 9, 28),
        "chief_name": "王强",
        "chief_post": "镇长",
        "chief_phone": "0771-1234567",
        "deputy_name": "李明",
        "deputy_post": "副镇长",
        "deputy_phone": "0771-1234568",
        "editor_name": "张华",
        "editor_post": "党政办主任",
        "editor_phone": "13800138000",
        "operators": "陈静 党政办干事 13900139000",
        "is_outsourced": False,
        "outsourcer": "",
    }
    fields.update(overrides)
    return fields


def draft_account(officer, **overrides) -> tuple[Account, Filing]:
    return services.create_account(
        actor=officer,
        fields=account_fields(**overrides),
        avatar=images.normalise_avatar(png_upload("avatar.png")),
        qr_code=images.normalise_qr(png_upload("qr.png")),
    )


def file_account(officer, leader, office_staff, **overrides) -> Account:
    """An account taken through the whole opening flow: drafted, approved by the 主要领导, filed by the office."""
    account, filing = draft_account(officer, **overrides)
    services.submit_to_leader(filing, actor=officer)
    services.leader_approve(filing, actor=leader)
    services.office_approve(filing, actor=office_staff)
    account.refresh_from_db()
    return account


@pytest.fixture(autouse=True)
def _media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private"


@pytest.fixture
def filed(officer, leader, office_staff) -> Account:
    return file_account(officer, leader, office_staff)
