"""The site shell composes the product apps from what their AppConfigs declare (portal/registry.py)."""

from pathlib import Path

from django.conf import settings

from portal import registry
from portal.context_processors import footer_links, nav_items


def test_every_product_app_is_registered_in_installed_order():
    assert [config.name for config in registry.product_apps()] == settings.PRODUCT_APPS


def test_the_public_nav_is_home_then_the_apps_in_order_then_organisations():
    labels = [label for label, _ in nav_items()]
    assert labels == [
        "首页",
        "政务要闻",
        "通知公告",
        "政府信息公开",
        "办事服务",
        "依申请公开",
        "政民互动",
        "在线访谈",
        "政务新媒体",
        "机构设置",
    ]
    assert dict(nav_items())["通知公告"] == "/columns/tzgg/"


def test_the_footer_carries_the_correction_link_with_the_page_address(client, db):
    assert ("我要纠错", "/corrections/new/", "url") in footer_links()
    page = client.get("/organizations/").content.decode()
    assert 'href="/corrections/new/?url=http%3A//testserver/organizations/"' in page


def test_the_staff_nav_lists_each_app(client, officer):
    client.force_login(officer)
    page = client.get("/staff/").content.decode()
    for label in ("信息发布与审核", "依申请公开", "政民互动", "政务新媒体"):
        assert label in page


def test_demo_modules_run_in_declared_order():
    assert [name for name, _ in registry.demo_modules()] == [
        "disclosure",
        "requests_app",
        "interaction",
        "newmedia",
        "services_guide",
        "engagement",
        "inspection",
        "evaluation",
        "reports",
    ]


def test_the_shell_names_no_product_app():
    """portal is the ground floor: it composes the apps through the registry and never names one."""
    root = Path(settings.BASE_DIR) / "portal"
    files = [p for p in root.glob("*.py") if p.name != "settings.py"] + list((root / "management").rglob("*.py"))
    for path in files:
        text = path.read_text()
        for app in settings.PRODUCT_APPS:
            assert f"import {app}" not in text and f"from {app}" not in text and f'"{app}' not in text, (path, app)
