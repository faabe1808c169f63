from django.conf import settings
from django.contrib import admin
from django.urls import include, path

from portal import registry
from portal.fasturls import include_at_root
from portal.staff_views import AdminLoginForm

admin.site.site_header = "县政府门户网站管理后台"
admin.site.site_title = "门户管理后台"
admin.site.index_title = "系统管理"
admin.site.login_form = AdminLoginForm  # the same per-address cap on failed logins as the staff login

urlpatterns = [
    path("admin/", admin.site.urls),
    path("captcha/", include("captcha.urls")),
    include_at_root(("portal.site_urls", "portal"), namespace="portal"),
    *registry.url_includes(),
]

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)
