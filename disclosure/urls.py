from django.urls import path

from disclosure import staff_views, views

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
    path("staff/disclosure/", staff_views.staff_list, name="staff_list"),
    path("staff/disclosure/new/", staff_views.staff_create, name="staff_create"),
    path("staff/disclosure/queue/<str:level>/", staff_views.staff_queue, name="staff_queue"),
    path("staff/disclosure/<int:pk>/", staff_views.staff_detail, name="staff_detail"),
    path("staff/disclosure/<int:pk>/edit/", staff_views.staff_edit, name="staff_edit"),
    path("staff/disclosure/<int:pk>/submit/", staff_views.staff_submit, name="staff_submit"),
    path("staff/disclosure/<int:pk>/review/", staff_views.staff_review, name="staff_review"),
    path("staff/disclosure/<int:pk>/override/", staff_views.staff_override, name="staff_override"),
    path("staff/disclosure/<int:pk>/withdraw/", staff_views.staff_withdraw, name="staff_withdraw"),
    path("staff/disclosure/<int:pk>/validity/", staff_views.staff_validity, name="staff_validity"),
    path("staff/disclosure/<int:pk>/history/", staff_views.staff_history, name="staff_history"),
    path("staff/disclosure/<int:pk>/review-form.pdf", staff_views.staff_review_pdf, name="staff_review_pdf"),
    path("staff/disclosure/<int:pk>/attachments/", staff_views.staff_attachment_add, name="staff_attachment_add"),
    path(
        "staff/disclosure/<int:pk>/attachments/<int:attachment_pk>/",
        staff_views.staff_attachment_download,
        name="staff_attachment",
    ),
    path(
        "staff/disclosure/<int:pk>/attachments/<int:attachment_pk>/delete/",
        staff_views.staff_attachment_delete,
        name="staff_attachment_delete",
    ),
]
