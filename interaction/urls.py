from django.urls import path

from . import staff_views as staff
from . import views

app_name = "interaction"

# The staff detail pages' actions: (path under the item, action code, URL name).
MESSAGE_ACTION_PATHS = [
    ("accept/", "accept", "staff_message_accept"),
    ("reject/", "reject", "staff_message_reject"),
    ("dispatch/", "dispatch", "staff_message_dispatch"),
    ("return/", "return", "staff_message_return"),
    ("extend/", "extend", "staff_message_extend"),
    ("reply/", "reply", "staff_message_reply"),
    ("approve/", "approve_reply", "staff_message_approve"),
    ("send-back/", "send_back", "staff_message_send_back"),
    ("publish/", "publish", "staff_message_publish"),
    ("close/", "close", "staff_message_close"),
    ("unpublish/", "unpublish", "staff_message_unpublish"),
]
CORRECTION_ACTION_PATHS = [
    ("forward/", "forward", "staff_correction_forward"),
    ("reply/", "reply", "staff_correction_reply"),
    ("dismiss/", "dismiss", "staff_correction_dismiss"),
]

urlpatterns = [
    path("messages/", views.message_list, name="message_list"),
    path("messages/new/", views.message_new, name="message_new"),
    path("messages/new/done/", views.message_done, name="message_done"),
    path("messages/track/", views.message_track, name="message_track"),
    path("messages/track/<str:number>/", views.message_track_result, name="message_track_result"),
    path("messages/track/<str:number>/rate/", views.message_rate, name="message_rate"),
    path("messages/stats/", views.message_stats, name="message_stats"),
    path("messages/<int:pk>/", views.message_detail, name="message_detail"),
    path("corrections/new/", views.correction_new, name="correction_new"),
    path("corrections/new/done/", views.correction_done, name="correction_done"),
    path("corrections/track/", views.correction_track, name="correction_track"),
    path("corrections/track/<str:number>/", views.correction_track_result, name="correction_track_result"),
    path("consultations/", views.consultation_list, name="consultation_list"),
    path("consultations/<int:pk>/", views.consultation_detail, name="consultation_detail"),
    path("consultations/<int:pk>/opinions/", views.opinion_new, name="opinion_new"),
    # staff
    path("staff/messages/", staff.message_list, name="staff_message_list"),
    path("staff/messages/stats/", staff.message_stats, name="staff_stats"),
    path("staff/messages/<int:pk>/", staff.message_detail, name="staff_message_detail"),
    path("staff/messages/<int:pk>/attachment/", staff.message_attachment, name="staff_message_attachment"),
    *[
        path(f"staff/messages/<int:pk>/{tail}", staff.message_action, {"action": action}, name=name)
        for tail, action, name in MESSAGE_ACTION_PATHS
    ],
    path("staff/corrections/", staff.correction_list, name="staff_correction_list"),
    path("staff/corrections/<int:pk>/", staff.correction_detail, name="staff_correction_detail"),
    *[
        path(f"staff/corrections/<int:pk>/{tail}", staff.correction_action, {"action": action}, name=name)
        for tail, action, name in CORRECTION_ACTION_PATHS
    ],
    path("staff/consultations/", staff.consultation_list, name="staff_consultation_list"),
    path("staff/consultations/new/", staff.consultation_edit, name="staff_consultation_create"),
    path("staff/consultations/<int:pk>/", staff.consultation_detail, name="staff_consultation_detail"),
    path("staff/consultations/<int:pk>/edit/", staff.consultation_edit, name="staff_consultation_edit"),
    path("staff/consultations/<int:pk>/publish/", staff.consultation_publish, name="staff_consultation_publish"),
    path("staff/consultations/<int:pk>/feedback/", staff.consultation_feedback, name="staff_consultation_feedback"),
    path(
        "staff/consultations/<int:pk>/opinions/<int:opinion_pk>/toggle/",
        staff.opinion_toggle_public,
        name="staff_opinion_toggle",
    ),
]
