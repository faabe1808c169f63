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


@register(deploy=True)
def production_web_tier(app_configs, **kwargs):
    """`manage.py check --deploy`: the settings the shipped web tier (deploy/) relies on."""
    problems = []
    if "postgresql" in settings.DATABASES["default"]["ENGINE"] and not settings.DATABASES["default"].get(
        "CONN_MAX_AGE"
    ):
        problems.append(Warning("数据库连接未复用（CONN_MAX_AGE=0），每个请求都要新建连接。", id="portal.W010",
                                hint="CONN_MAX_AGE=600（默认值）。"))  # fmt: skip
    if settings.PAGE_CACHE_SECONDS > 0 and "locmem" in settings.CACHES[settings.PAGE_CACHE_ALIAS]["BACKEND"]:
        problems.append(Warning("页面缓存在每个 Web 进程的内存中，各进程不共享。", id="portal.W011",
                                hint="设置 REDIS_URL（或单独的 PAGE_CACHE_URL）。"))  # fmt: skip
    manifest = Path(settings.STATIC_ROOT) / "staticfiles.json"
    if not settings.DEBUG and "Manifest" in settings.STORAGES["staticfiles"]["BACKEND"] and not manifest.exists():
        problems.append(Warning(f"静态文件尚未收集（缺少 {manifest}），页面将使用不带哈希的文件名。", id="portal.W012",
                                hint="运行 manage.py collectstatic。"))  # fmt: skip
    if not settings.PRIVATE_FILES_X_ACCEL_PREFIX:
        problems.append(Warning("私有文件由 Django 进程直接发送（未设置 PRIVATE_FILES_X_ACCEL_PREFIX）。", id="portal.W013",
                                hint="与 deploy/nginx/portal.conf 一致：PRIVATE_FILES_X_ACCEL_PREFIX=/_private/。"))  # fmt: skip
    if not settings.CLIENT_IP_HEADER:
        problems.append(Warning("未设置 CLIENT_IP_HEADER：在 nginx 之后，所有访问者的地址都是 127.0.0.1，限流会误伤。",
                                id="portal.W014", hint="CLIENT_IP_HEADER=HTTP_X_REAL_IP（nginx 设置 X-Real-IP）。"))  # fmt: skip
    return problems
