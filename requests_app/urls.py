from django.urls import path

from requests_app import staff_views as staff
from requests_app import views

app_name = "requests_app"

# The staff detail page's actions: (path under the application, action code, URL name).
ACTION_PATHS = [
    ("confirm/", "confirm_receipt", "staff_confirm"),
    ("assign/", "assign", "staff_assign"),
    ("correction/", "request_correction", "staff_correction"),
    ("correction/received/", "receive_correction", "staff_correction_received"),
    ("third-party/", "ask_third_party", "staff_third_party"),
    ("third-party/answer/", "third_party_answer", "staff_third_party_answer"),
    ("fee/", "issue_fee_notice", "staff_fee_notice"),
    ("fee/paid/", "record_fee_payment", "staff_fee_paid"),
    ("extension/", "request_extension", "staff_extension"),
    ("extension/approve/", "approve_extension", "staff_extension_approve"),
    ("extension/reject/", "reject_extension", "staff_extension_reject"),
    ("reply/", "draft_reply", "staff_draft"),
    ("reply/return/", "return_draft", "staff_return"),
    ("reply/approve/", "approve_reply", "staff_approve"),
]

urlpatterns = [
    path("requests/", views.guide, name="guide"),
    path("requests/new/", views.new, name="new"),
    path("requests/submitted/", views.submitted, name="submitted"),
    path("requests/track/", views.track, name="track"),
    path("requests/track/<str:number>/", views.track_detail, name="track_detail"),
    path("requests/track/<str:number>/letters/<int:pk>/", views.track_letter, name="track_letter"),
    path("requests/track/<str:number>/files/<int:pk>/", views.track_file, name="track_file"),
    path("requests/track/<str:number>/withdraw/", views.track_withdraw, name="track_withdraw"),
    path("requests/track/<str:number>/correction/", views.track_correction, name="track_correction"),
    path("staff/requests/", staff.staff_list, name="staff_list"),
    path("staff/requests/export.csv", staff.staff_export, name="staff_export"),
    path("staff/requests/register/", staff.staff_register, name="staff_register"),
    path("staff/requests/stats/", staff.staff_stats, name="staff_stats"),
    path("staff/requests/cases/", staff.case_list, name="staff_cases"),
    path("staff/requests/cases/new/", staff.case_edit, name="staff_case_create"),
    path("staff/requests/cases/<int:pk>/", staff.case_edit, name="staff_case_edit"),
    path("staff/requests/<int:pk>/", staff.staff_detail, name="staff_detail"),
    *[
        path(f"staff/requests/<int:pk>/{tail}", staff.take_action, {"action": action}, name=name)
        for tail, action, name in ACTION_PATHS
    ],
    path("staff/requests/<int:pk>/letters/<int:letter_pk>/", staff.staff_letter, name="staff_letter"),
    path("staff/requests/<int:pk>/files/<int:file_pk>/", staff.staff_file, name="staff_file"),
]
