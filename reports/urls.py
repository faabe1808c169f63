from django.urls import path

from reports import staff_views as staff

app_name = "reports"

urlpatterns = [
    path("staff/reports/", staff.index, name="staff_index"),
    path("staff/reports/new/", staff.create, name="staff_create"),
    path("staff/reports/<int:pk>/", staff.detail, name="staff_report"),
    path("staff/reports/<int:pk>/act/<str:action>/", staff.act, name="staff_act"),
    path("staff/reports/<int:pk>/import/", staff.import_figures, name="staff_import"),
    path("staff/reports/<int:pk>/export.<str:fmt>", staff.export, name="staff_export"),
]
