from django.urls import path

from portal import views

urlpatterns = [
    path("", views.home, name="home"),
    path("organizations/", views.organization_list, name="organization_list"),
    path("organizations/<str:code>/", views.organization_detail, name="organization_detail"),
    path("staff/login/", views.StaffLoginView.as_view(), name="staff_login"),
    path("staff/logout/", views.staff_logout, name="staff_logout"),
    path("staff/", views.workbench, name="workbench"),
]
urlpatterns += [path("display-mode/", views.display_mode, name="display_mode")]
