from django.urls import path

from requests_app import views

app_name = "requests_app"

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
    path("staff/requests/", views.staff_list, name="staff_list"),
    path("staff/requests/export.csv", views.staff_export, name="staff_export"),
    path("staff/requests/register/", views.staff_register, name="staff_register"),
    path("staff/requests/stats/", views.staff_stats, name="staff_stats"),
    path("staff/requests/<int:pk>/", views.staff_detail, name="staff_detail"),
    path("staff/requests/<int:pk>/confirm/", views.staff_confirm, name="staff_confirm"),
    path("staff/requests/<int:pk>/assign/", views.staff_assign, name="staff_assign"),
    path("staff/requests/<int:pk>/correction/", views.staff_request_correction, name="staff_correction"),
    path(
        "staff/requests/<int:pk>/correction/received/",
        views.staff_correction_received,
        name="staff_correction_received",
    ),
    path("staff/requests/<int:pk>/third-party/", views.staff_ask_third_party, name="staff_third_party"),
    path(
        "staff/requests/<int:pk>/third-party/answer/", views.staff_third_party_answer, name="staff_third_party_answer"
    ),
    path("staff/requests/<int:pk>/extension/", views.staff_request_extension, name="staff_extension"),
    path("staff/requests/<int:pk>/extension/approve/", views.staff_approve_extension, name="staff_extension_approve"),
    path("staff/requests/<int:pk>/extension/reject/", views.staff_reject_extension, name="staff_extension_reject"),
    path("staff/requests/<int:pk>/reply/", views.staff_draft_reply, name="staff_draft"),
    path("staff/requests/<int:pk>/reply/return/", views.staff_return_draft, name="staff_return"),
    path("staff/requests/<int:pk>/reply/approve/", views.staff_approve_reply, name="staff_approve"),
    path("staff/requests/<int:pk>/letters/<int:letter_pk>/", views.staff_letter, name="staff_letter"),
    path("staff/requests/<int:pk>/files/<int:file_pk>/", views.staff_file, name="staff_file"),
]
