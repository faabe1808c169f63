"""Scored items the site measures by using itself, inside the process (Django's test client, no HTTP): search
finds the newest published document by its title, and the 长者模式 switch turns the larger text on."""

from __future__ import annotations

from django.urls import NoReverseMatch, reverse

from inspection.internal import site_client


def _probe(ok: bool, detail: str) -> dict:
    return {"ok": ok, "detail": detail}


def search_works() -> dict:
    from disclosure import selectors

    newest = selectors.public_documents().order_by("-published_at", "-id").first()
    if newest is None:
        return _probe(False, "尚无已发布信息，无法检验搜索")
    try:
        url = reverse("search:search")
    except NoReverseMatch:
        return _probe(False, "网站未提供站内搜索")
    answer = site_client().get(url, {"q": newest.title})
    page = answer.content.decode("utf-8", "replace")
    if answer.status_code != 200:
        return _probe(False, f"搜索页面返回 HTTP {answer.status_code}")
    if "搜索服务暂时不可用" in page:  # the page answered from the database: the index is missing or broken
        return _probe(False, "搜索索引不可用，页面改用简易检索")
    if newest.get_absolute_url() not in page:
        return _probe(False, f"按标题搜索未找到最新发布的《{newest.title}》")
    return _probe(True, f"按标题搜索找到最新发布的《{newest.title}》")


def elder_mode() -> dict:
    client = site_client()
    home = client.get("/").content.decode("utf-8", "replace")
    if 'value="large_text"' not in home:
        return _probe(False, "首页没有长者模式开关")
    if "js/mode" not in home:  # static/js/mode.js applies the mode from its cookie (hashed name in production)
        return _probe(False, "首页未加载显示模式脚本，长者模式无法生效")
    try:
        switch = reverse("portal:display_mode")
    except NoReverseMatch:
        return _probe(False, "长者模式开关的地址不存在")
    answer = client.get(switch, {"mode": "large_text", "next": "/"})
    cookie = answer.cookies.get("large_text")
    if cookie is None or cookie.value != "1":
        return _probe(False, "长者模式开关未能打开大字号")
    return _probe(True, "首页可切换长者模式（大字号）")


def run_all() -> dict:
    return {"search": search_works(), "elder": elder_mode()}
