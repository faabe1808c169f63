"""System checks of the portal's own configuration."""

from datetime import timedelta
from pathlib import Path

from django.conf import settings
from django.core.checks import Error, Warning, register
from django.db import DatabaseError

from portal import workdays


@register()
def calendar_coverage(app_configs, **kwargs):
    """DESIGN §4: warn while the official calendar knows fewer than 60 days ahead, so that an administrator enters
    next year's State Council schedule in the override table before deadlines fall back to weekends-only."""
    try:
        known = workdays.known_until()
    except DatabaseError:  # not migrated yet: nothing to say
        return []
    ahead = (known - workdays.today()).days
    if ahead >= settings.WORKDAY_CALENDAR_MIN_DAYS_AHEAD:
        return []
    first_unknown = known + timedelta(days=1)
    return [
        Warning(
            f"工作日历只覆盖到 {known:%Y-%m-%d}（还剩 {max(ahead, 0)} 天）；{first_unknown:%Y} 年起按仅周末休息计算。",
            hint=(
                f"请在后台「工作日调整」中点「从国务院通知导入」，粘贴国务院办公厅公布的 {first_unknown:%Y} 年节假日安排"
                "通知全文（或运行 manage.py workdays import 通知.txt）。"
            ),
            id="portal.W001",
        )
    ]


@register()
def private_media_outside_public_trees(app_configs, **kwargs):
    """Private uploads must not sit where nginx or the development server hands out files to anyone."""
    private = Path(settings.PRIVATE_MEDIA_ROOT).resolve()
    for name in ("MEDIA_ROOT", "STATIC_ROOT"):
        public = Path(getattr(settings, name)).resolve()
        if private == public or private.is_relative_to(public) or public.is_relative_to(private):
            return [
                Error(
                    f"PRIVATE_MEDIA_ROOT（{private}）与 {name}（{public}）重叠：私有文件会被公开访问。",
                    hint=f"把 PRIVATE_MEDIA_ROOT 设为 {name} 之外的目录。",
                    id="portal.E001",
                )
            ]
    return []
