"""The plain-Django reference of benchmarks/pages.py: one view that reads an article with one query and renders it
in a page of about 30 KB (a header, a navigation of 40 links, the article, a footer of 40 links), and the same view
behind Django's ``cache_page``. Default startproject middleware, DEBUG off, the same PostgreSQL database and
persistent connections as the project, the same Redis for the cache. Served by gunicorn:

    DATABASE_URL=postgres://... REDIS_URL=redis://... gunicorn benchmarks.reference.site:application
"""

from __future__ import annotations

import environ
from django.conf import settings

env = environ.Env()

if not settings.configured:
    settings.configure(
        DEBUG=False,
        SECRET_KEY="benchmark-reference-only-" + "x" * 40,
        ALLOWED_HOSTS=["*"],
        ROOT_URLCONF=__name__,
        INSTALLED_APPS=[
            "django.contrib.auth",
            "django.contrib.contenttypes",
            "django.contrib.sessions",
            "django.contrib.messages",
        ],  # fmt: skip
        MIDDLEWARE=[
            "django.middleware.security.SecurityMiddleware",
            "django.contrib.sessions.middleware.SessionMiddleware",
            "django.middleware.common.CommonMiddleware",
            "django.middleware.csrf.CsrfViewMiddleware",
            "django.contrib.auth.middleware.AuthenticationMiddleware",
            "django.contrib.messages.middleware.MessageMiddleware",
            "django.middleware.clickjacking.XFrameOptionsMiddleware",
        ],
        DATABASES={"default": {**env.db("DATABASE_URL"), "CONN_MAX_AGE": 600, "CONN_HEALTH_CHECKS": True}},
        CACHES={
            "default": {
                "BACKEND": "django.core.cache.backends.redis.RedisCache",
                "LOCATION": env.str("REDIS_URL"),
                "KEY_PREFIX": "reference",
            }
        },
        TEMPLATES=[{"BACKEND": "django.template.backends.django.DjangoTemplates", "DIRS": [], "OPTIONS": {}}],
        USE_TZ=True,
        TIME_ZONE="Asia/Shanghai",
    )

import django  # noqa: E402

django.setup()

from django.db import connection  # noqa: E402
from django.http import Http404, HttpResponse  # noqa: E402
from django.template import engines  # noqa: E402
from django.urls import path  # noqa: E402
from django.views.decorators.cache import cache_page  # noqa: E402

PAGE = engines["django"].from_string("""<!DOCTYPE html>
<html lang="zh-CN"><head><meta charset="utf-8"><title>{{ title }} - 参照站点</title>
<meta name="ArticleTitle" content="{{ title }}"><link rel="stylesheet" href="/static/site.css"></head>
<body><header><p class="site-name">参照县人民政府</p>
<nav><ul>{% for label, url in nav %}<li><a href="{{ url }}">{{ label }}</a></li>{% endfor %}</ul></nav></header>
<main><article><h1>{{ title }}</h1><p class="meta">发布日期：{{ published_at|date:"Y-m-d H:i" }}</p>
<div class="body">{{ body|safe }}</div><p>{{ filler }}</p></article></main>
<footer><ul>{% for label, url in footer %}<li><a href="{{ url }}">{{ label }}</a></li>{% endfor %}</ul>
<p>主办单位：参照县人民政府办公室</p></footer></body></html>""")

NAV = [(f"栏目{i}", f"/columns/c{i}/") for i in range(40)]
FOOTER = [(f"链接{i}", f"https://example.gov.cn/{i}/") for i in range(40)]
FILLER = "本页面为基准测试的参照页面，内容长度与门户网站的信息页面相近。" * 250  # pads the page to about 30 KB


def article(request, pk: int):
    with connection.cursor() as cursor:
        cursor.execute("SELECT title, body, published_at FROM disclosure_document WHERE id = %s", [pk])
        row = cursor.fetchone()
    if row is None:
        raise Http404
    title, body, published_at = row
    context = {"title": title, "body": body, "published_at": published_at, "nav": NAV, "footer": FOOTER,
               "filler": FILLER}  # fmt: skip
    return HttpResponse(PAGE.render(context, request))


urlpatterns = [
    path("article/<int:pk>/", article),
    path("cached/<int:pk>/", cache_page(600)(article)),
]

from django.core.wsgi import get_wsgi_application  # noqa: E402

application = get_wsgi_application()
