from django.urls import path

from evaluation import staff_views as staff
from evaluation import views

app_name = "evaluation"

urlpatterns = [
    # Public
    path("work-reports/", views.index, name="public_index"),
    path("work-reports/bulletins/<int:year>/<int:month>/", views.bulletin, name="bulletin"),
    path("work-reports/bulletins/<int:year>/<int:month>/pdf/", views.bulletin_pdf, name="bulletin_pdf"),
    path("work-reports/website/<int:year>/", views.web_report, name="web_report"),
    path("work-reports/website/<int:year>/pdf/", views.web_report_pdf, name="web_report_pdf"),
    path("visits/count/", views.visit_count, name="visit_count"),
    # Staff
    path("staff/evaluation/", staff.index, name="staff_index"),
    path("staff/evaluation/bulletins/generate/", staff.bulletin_generate, name="staff_bulletin_generate"),
    path("staff/evaluation/bulletins/<int:pk>/", staff.bulletin_detail, name="staff_bulletin"),
    path("staff/evaluation/bulletins/<int:pk>/edit/", staff.bulletin_edit, name="staff_bulletin_edit"),
    path("staff/evaluation/bulletins/<int:pk>/act/<str:action>/", staff.bulletin_act, name="staff_bulletin_act"),
    path("staff/evaluation/bulletins/<int:pk>/pdf/", staff.bulletin_pdf, name="staff_bulletin_pdf"),
    path("staff/evaluation/schemes/new/", staff.scheme_create, name="staff_scheme_create"),
    path("staff/evaluation/schemes/<int:pk>/", staff.scheme_detail, name="staff_scheme"),
    path("staff/evaluation/schemes/<int:pk>/edit/", staff.scheme_edit, name="staff_scheme_edit"),
    path("staff/evaluation/schemes/<int:pk>/indicators/new/", staff.indicator_edit, name="staff_indicator_create"),
    path(
        "staff/evaluation/schemes/<int:pk>/indicators/<int:indicator_pk>/",
        staff.indicator_edit,
        name="staff_indicator_edit",
    ),  # fmt: skip
    path(
        "staff/evaluation/schemes/<int:pk>/indicators/<int:indicator_pk>/delete/",
        staff.indicator_delete,
        name="staff_indicator_delete",
    ),  # fmt: skip
    path(
        "staff/evaluation/schemes/<int:pk>/indicators/<int:indicator_pk>/scores/",
        staff.manual_scores,
        name="staff_manual_scores",
    ),  # fmt: skip
    path("staff/evaluation/schemes/<int:pk>/units/<int:unit_pk>/", staff.scheme_unit, name="staff_scheme_unit"),
    path("staff/evaluation/schemes/<int:pk>/act/<str:action>/", staff.scheme_act, name="staff_scheme_act"),
    path("staff/evaluation/schemes/<int:pk>/export.<str:fmt>", staff.scheme_export, name="staff_scheme_export"),
    path("staff/evaluation/reports/new/", staff.report_create, name="staff_report_create"),
    path("staff/evaluation/reports/<int:pk>/", staff.report_detail, name="staff_report"),
    path("staff/evaluation/reports/<int:pk>/act/<str:action>/", staff.report_act, name="staff_report_act"),
    path("staff/evaluation/reports/<int:pk>/export.<str:fmt>", staff.report_export, name="staff_report_export"),
    path("staff/evaluation/columns/", staff.columns, name="staff_columns"),
    path("staff/evaluation/visits/", staff.visit_statistics, name="staff_visits"),
]
