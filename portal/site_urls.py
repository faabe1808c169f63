from django.urls import path

from portal import staff_views, views

urlpatterns = [
    path("", views.home, name="home"),
    path("organizations/", views.organization_list, name="organization_list"),
    path("organizations/<str:code>/", views.organization_detail, name="organization_detail"),
    path("sitemap/", views.sitemap, name="sitemap"),
    path("qr/", views.page_qr, name="page_qr"),
    path("staff/login/", staff_views.StaffLoginView.as_view(), name="staff_login"),
    path("staff/logout/", staff_views.staff_logout, name="staff_logout"),
    path("staff/", staff_views.workbench, name="workbench"),
]
urlpatterns += [path("display-mode/", views.display_mode, name="display_mode")]
