"""Demo new-media accounts, built through the services: filed accounts for three units, one opening waiting for the
office, one change waiting for the 主要领导, and a few weeks of post counts (some accounts below 4 a week)."""

from __future__ import annotations

import io
from contextlib import contextmanager, nullcontext
from datetime import datetime, time, timedelta
from pathlib import Path
from unittest import mock

import qrcode
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from PIL import Image, ImageDraw, ImageFont

from newmedia import images, services
from newmedia.models import Account, Filing
from portal import workdays
from portal.models import Organization, Role, User

_FONT = Path("/usr/share/fonts/opentype/noto/NotoSansCJK-Bold.ttc")

# Filed in time except this one, which shows the late-filing flag.
LATE_EXAMPLE = "龙泉乡政务"
# (unit, platform, name, account id, days since opening, final state)
ACCOUNTS = [
    ("城关镇人民政府", "wechat", "清河城关发布", "qh_chengguan", 400, "filed"),
    ("城关镇人民政府", "douyin", "城关镇融媒", "cgzrm2023", 200, "filed"),
    ("龙泉乡人民政府", "wechat", "龙泉乡政务", "lqx_zw", 300, "filed"),
    ("龙泉乡人民政府", "weibo", "龙泉乡发布", "longquanfabu", 6, "submitted"),
    ("清河县财政局", "wechat", "清河财政", "qhcz_gov", 500, "filed_change"),
]
# Posts per week for the last four full weeks, newest first.
POSTS = {
    "清河城关发布": [6, 5, 8, 7],
    "城关镇融媒": [2, 3, 5, 4],
    "龙泉乡政务": [0, 0, 3, 4],
    "清河财政": [4, 4, 6, 5],
}


def _person(unit: Organization, role: str, principal: bool = False) -> User | None:
    users = User.objects.with_role(role).filter(organization=unit)
    if principal:
        users = users.filter(is_principal_leader=True)
    return users.order_by("id").first()


def _avatar(name: str, color: tuple[int, int, int]) -> ContentFile:
    image = Image.new("RGB", (320, 320), color)
    draw = ImageDraw.Draw(image)
    text = name[:2]
    font = ImageFont.truetype(str(_FONT), 120) if _FONT.exists() else ImageFont.load_default()
    box = draw.textbbox((0, 0), text, font=font)
    draw.text(((320 - box[2] - box[0]) / 2, (320 - box[3] - box[1]) / 2), text, font=font, fill="white")
    return images.normalise_avatar(_upload(image, "avatar.png"))


def _qr(url: str) -> ContentFile:
    image = qrcode.make(url, box_size=8, border=2).get_image().convert("RGB")
    return images.normalise_qr(_upload(image, "qr.png"))


def _upload(image: Image.Image, name: str) -> SimpleUploadedFile:
    out = io.BytesIO()
    image.save(out, format="PNG")
    return SimpleUploadedFile(name, out.getvalue(), content_type="image/png")


def _fields(unit: Organization, platform: str, name: str, account_id: str, opened_on) -> dict:
    chief = _person(unit, Role.LEADER, principal=True)
    return {
        "platform": platform,
        "name": name,
        "platform_account_id": account_id,
        "homepage_url": f"https://{platform}.example.cn/{account_id}",
        "verification_subject": unit.name,
        "opened_on": opened_on,
        "chief_name": chief.get_full_name() if chief else "张国华",
        "chief_post": "主要负责人",
        "chief_phone": unit.phone or "0312-5551000",
        "deputy_name": "黄志明",
        "deputy_post": "分管副职",
        "deputy_phone": "0312-5551001",
        "editor_name": "杨帆",
        "editor_post": "办公室主任",
        "editor_phone": "13903120001",
        "operators": "田雨 办公室干事 13903120002",
        "is_outsourced": False,
        "outsourcer": "",
    }


def _build(unit_name, platform, name, account_id, days, state, office_user, stdout) -> Account | None:
    unit = Organization.objects.filter(name=unit_name).first()
    officer = unit and _person(unit, Role.OFFICER)
    leader = unit and _person(unit, Role.LEADER, principal=True)
    if not (unit and officer and leader):
        stdout.write(f"  newmedia: skipped {name} ({unit_name} lacks an officer or a principal leader)")
        return None
    existing = Account.objects.filter(organization=unit, name=name).first()
    if existing:
        return existing
    opened_on = workdays.today() - timedelta(days=days)
    color = (26, 95, 168) if platform == "wechat" else (200, 40, 40)
    # Accounts opened months ago were filed back then: each step runs as of its day, so the history, the filing
    # clock and the late flag tell a plausible past (one filing is late on purpose).
    late = name == LATE_EXAMPLE
    historic = days > 20
    step = (lambda n: _as_of(workdays.add_workdays(opened_on, n))) if historic else (lambda n: nullcontext())
    with step(1):
        account, filing = services.create_account(
            actor=officer,
            fields=_fields(unit, platform, name, account_id, opened_on),
            avatar=_avatar(name, color),
            qr_code=_qr(f"https://{platform}.example.cn/{account_id}"),
        )
        services.submit_to_leader(filing, actor=officer)
    with step(13 if late else 3):
        services.leader_approve(filing, actor=leader, opinion="同意开设")
    if state != "submitted":
        with step(15 if late else 5):
            services.office_approve(filing, actor=office_user)
    if state == "filed_change":
        change = services.start_change(
            account,
            actor=officer,
            fields={**_fields(unit, platform, name, account_id, opened_on), "editor_name": "孔令文"},
            note="总编辑岗位调整",
        )
        services.submit_to_leader(change, actor=officer)
    account.refresh_from_db()
    return account


@contextmanager
def _as_of(day):
    """Demo only: the services see ``day`` at 10:00 as now (timestamps, today's date, the filing clock)."""
    moment = datetime.combine(day, time(10), tzinfo=timezone.get_current_timezone())
    with mock.patch("django.utils.timezone.now", return_value=moment):
        yield


def _record_posts(account: Account, office_user: User) -> None:
    last = services.last_complete_week(workdays.today())
    for i, posts in enumerate(POSTS.get(account.name, [])):
        week = last - timedelta(days=7 * i)
        if week >= account.opened_on:
            services.record_activity(account, actor=office_user, week=week, posts=posts, followers=1200 + 37 * i)


def seed(stdout) -> None:
    office_user = User.objects.with_role(Role.OFFICE).order_by("id").first()
    if office_user is None:
        stdout.write("  newmedia: skipped (no 政务公开办 user)")
        return
    created = 0
    for row in ACCOUNTS:
        before = Account.objects.count()
        account = _build(*row, office_user, stdout)
        created += Account.objects.count() - before
        if account and account.status == Account.Status.ACTIVE and not account.activity.exists():
            _record_posts(account, office_user)
    Account.objects.filter(name="清河城关发布").update(show_on_home=True)
    pending = Filing.objects.filter(status__in=Filing.OPEN_STATUSES).count()
    stdout.write(f"  政务新媒体：新增 {created} 个账号，{pending} 件备案正在办理。")
