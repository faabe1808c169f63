from django.urls import path

from newmedia import staff_views, views

app_name = "newmedia"


urlpatterns = [
    # Public: 政务新媒体矩阵
    path("newmedia/", views.directory, name="directory"),
    path("newmedia/<int:pk>/", views.account_page, name="account_page"),
    path("newmedia/<int:pk>/avatar/", views.public_image, {"which": "avatar"}, name="avatar"),
    path("newmedia/<int:pk>/qr/", views.public_image, {"which": "qr"}, name="qr"),
    # Staff
    path("staff/newmedia/", staff_views.staff_index, name="staff_index"),
    path("staff/newmedia/new/", staff_views.account_new, name="account_new"),
    path("staff/newmedia/accounts/<int:pk>/", staff_views.staff_account, name="staff_account"),
    path(
        "staff/newmedia/accounts/<int:pk>/avatar/",
        staff_views.staff_account_image,
        {"which": "avatar"},
        name="staff_avatar",
    ),
    path("staff/newmedia/accounts/<int:pk>/qr/", staff_views.staff_account_image, {"which": "qr"}, name="staff_qr"),
    path("staff/newmedia/accounts/<int:pk>/change/", staff_views.change_new, name="change_new"),
    path("staff/newmedia/accounts/<int:pk>/close/", staff_views.closure_new, name="closure_new"),
    path("staff/newmedia/filings/<int:pk>/", staff_views.filing_detail, name="filing_detail"),
    path("staff/newmedia/filings/<int:pk>/edit/", staff_views.filing_edit, name="filing_edit"),
    path(
        "staff/newmedia/filings/<int:pk>/avatar/", staff_views.filing_image, {"which": "avatar"}, name="filing_avatar"
    ),
    path("staff/newmedia/filings/<int:pk>/qr/", staff_views.filing_image, {"which": "qr"}, name="filing_qr"),
    path("staff/newmedia/filings/<int:pk>/submit/", staff_views.filing_submit, name="filing_submit"),
    path(
        "staff/newmedia/filings/<int:pk>/leader-approve/",
        staff_views.filing_leader_approve,
        name="filing_leader_approve",
    ),
    path(
        "staff/newmedia/filings/<int:pk>/leader-return/", staff_views.filing_leader_return, name="filing_leader_return"
    ),
    path("staff/newmedia/filings/<int:pk>/approve/", staff_views.filing_approve, name="filing_approve"),
    path("staff/newmedia/filings/<int:pk>/return/", staff_views.filing_return, name="filing_return"),
    path("staff/newmedia/filings/<int:pk>/withdraw/", staff_views.filing_withdraw, name="filing_withdraw"),
    path("staff/newmedia/review/", staff_views.review_queue, name="review_queue"),
    path("staff/newmedia/exceptions/", staff_views.exceptions, name="exceptions"),
    path("staff/newmedia/activity/", staff_views.activity, name="activity"),
    path("staff/newmedia/activity/import/", staff_views.activity_import, name="activity_import"),
    path("staff/newmedia/activity/template.csv", staff_views.activity_template, name="activity_template"),
    path("staff/newmedia/export.csv", staff_views.export_annual, name="export_annual"),
]
