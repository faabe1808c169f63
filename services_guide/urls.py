from django.urls import path

from services_guide import staff_views as staff
from services_guide import views

app_name = "services_guide"

urlpatterns = [
    # Public
    path("services/", views.index, name="index"),
    path("services/<str:code>/", views.item, name="item"),
    path("services/<str:code>/print/", views.item_print, name="item_print"),
    path("services/<str:code>/versions/<int:number>/", views.item_version, name="item_version"),
    path("services/<str:code>/materials/<int:pk>/<str:which>/", views.material_file, name="material_file"),
    # Staff
    path("staff/services/", staff.version_list, name="staff_list"),
    path("staff/services/new/", staff.item_create, name="staff_create"),
    path("staff/services/queue/<str:level>/", staff.queue, name="staff_queue"),
    path("staff/services/import/", staff.catalogue_import, name="staff_import"),
    path("staff/services/export/", staff.catalogue_export, name="staff_export"),
    path("staff/services/items/<int:pk>/change/", staff.item_change, name="staff_change"),
    path("staff/services/items/<int:pk>/stop/", staff.item_stop, name="staff_stop"),
    path("staff/services/versions/<int:pk>/", staff.version_detail, name="staff_version"),
    path("staff/services/versions/<int:pk>/edit/", staff.version_edit, name="staff_edit"),
    path("staff/services/versions/<int:pk>/act/<str:action>/", staff.version_act, name="staff_act"),
    path(
        "staff/services/versions/<int:pk>/materials/<int:material_pk>/<str:which>/",
        staff.material_file,
        name="staff_material_file",
    ),
]
