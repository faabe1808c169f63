"""The site's URLs plus /media/ served from MEDIA_ROOT, as the development server and nginx's `location /media/` do:
for tests that a private file is not reachable there."""

from django.conf import settings
from django.urls import re_path
from django.views.static import serve

from portal.urls import urlpatterns as site_urlpatterns

urlpatterns = [
    re_path(r"^media/(?P<path>.*)$", serve, {"document_root": settings.MEDIA_ROOT}),
    *site_urlpatterns,
]
