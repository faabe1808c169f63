from django.conf import settings
from django.contrib import admin
from django.urls import include, path

admin.site.site_header = "县政府门户网站管理后台"
admin.site.site_title = "门户管理后台"
admin.site.index_title = "系统管理"

urlpatterns = [
    path("admin/", admin.site.urls),
    path("captcha/", include("captcha.urls")),
    path("", include(("portal.site_urls", "portal"), namespace="portal")),
    path("", include("disclosure.urls")),
    path("", include("requests_app.urls")),
    path("", include("interaction.urls")),
    path("", include("newmedia.urls")),
    path("", include("portal.search.urls")),
    path("", include("ops.urls")),
]

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)
