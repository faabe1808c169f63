from django.urls import path

from disclosure import views

app_name = "disclosure"

urlpatterns = [
    # Public
    path("disclosure/", views.platform, name="platform"),
    path("disclosure/guide/", views.guide, name="guide"),
    path("disclosure/<str:code>/", views.platform_unit, name="platform_unit"),
    path("disclosure/<str:code>/guide/", views.guide, name="guide_unit"),
    path("columns/<slug:slug>/", views.column_list, name="column"),
    path("documents/<int:pk>/", views.document_detail, name="document"),
    path("documents/<int:pk>/print/", views.document_print, name="document_print"),
    path("documents/<int:pk>/attachments/<int:attachment_pk>/", views.attachment_download, name="attachment"),
    # Staff
    path("staff/disclosure/", views.staff_list, name="staff_list"),
    path("staff/disclosure/new/", views.staff_create, name="staff_create"),
    path("staff/disclosure/queue/<str:level>/", views.staff_queue, name="staff_queue"),
    path("staff/disclosure/<int:pk>/", views.staff_detail, name="staff_detail"),
    path("staff/disclosure/<int:pk>/edit/", views.staff_edit, name="staff_edit"),
    path("staff/disclosure/<int:pk>/submit/", views.staff_submit, name="staff_submit"),
    path("staff/disclosure/<int:pk>/review/", views.staff_review, name="staff_review"),
    path("staff/disclosure/<int:pk>/override/", views.staff_override, name="staff_override"),
    path("staff/disclosure/<int:pk>/withdraw/", views.staff_withdraw, name="staff_withdraw"),
    path("staff/disclosure/<int:pk>/validity/", views.staff_validity, name="staff_validity"),
    path("staff/disclosure/<int:pk>/history/", views.staff_history, name="staff_history"),
    path("staff/disclosure/<int:pk>/review-form.pdf", views.staff_review_pdf, name="staff_review_pdf"),
    path("staff/disclosure/<int:pk>/attachments/", views.staff_attachment_add, name="staff_attachment_add"),
    path(
        "staff/disclosure/<int:pk>/attachments/<int:attachment_pk>/",
        views.staff_attachment_download,
        name="staff_attachment",
    ),
    path(
        "staff/disclosure/<int:pk>/attachments/<int:attachment_pk>/delete/",
        views.staff_attachment_delete,
        name="staff_attachment_delete",
    ),
]
