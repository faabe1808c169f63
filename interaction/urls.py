from django.urls import path

from . import staff_views as staff
from . import views

app_name = "interaction"

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
    path("consultations/", views.consultation_list, name="consultation_list"),
    path("consultations/<int:pk>/", views.consultation_detail, name="consultation_detail"),
    path("consultations/<int:pk>/opinions/", views.opinion_new, name="opinion_new"),
    # staff
    path("staff/messages/", staff.message_list, name="staff_message_list"),
    path("staff/messages/stats/", staff.message_stats, name="staff_stats"),
    path("staff/messages/<int:pk>/", staff.message_detail, name="staff_message_detail"),
    path("staff/messages/<int:pk>/attachment/", staff.message_attachment, name="staff_message_attachment"),
    path("staff/messages/<int:pk>/accept/", staff.message_accept, name="staff_message_accept"),
    path("staff/messages/<int:pk>/reject/", staff.message_reject, name="staff_message_reject"),
    path("staff/messages/<int:pk>/dispatch/", staff.message_dispatch, name="staff_message_dispatch"),
    path("staff/messages/<int:pk>/return/", staff.message_return, name="staff_message_return"),
    path("staff/messages/<int:pk>/extend/", staff.message_extend, name="staff_message_extend"),
    path("staff/messages/<int:pk>/reply/", staff.message_reply, name="staff_message_reply"),
    path("staff/messages/<int:pk>/approve/", staff.message_approve, name="staff_message_approve"),
    path("staff/messages/<int:pk>/send-back/", staff.message_send_back, name="staff_message_send_back"),
    path("staff/messages/<int:pk>/publish/", staff.message_publish, name="staff_message_publish"),
    path("staff/messages/<int:pk>/close/", staff.message_close, name="staff_message_close"),
    path("staff/messages/<int:pk>/unpublish/", staff.message_unpublish, name="staff_message_unpublish"),
    path("staff/corrections/", staff.correction_list, name="staff_correction_list"),
    path("staff/corrections/<int:pk>/", staff.correction_detail, name="staff_correction_detail"),
    path("staff/corrections/<int:pk>/forward/", staff.correction_forward, name="staff_correction_forward"),
    path("staff/corrections/<int:pk>/reply/", staff.correction_reply, name="staff_correction_reply"),
    path("staff/corrections/<int:pk>/dismiss/", staff.correction_dismiss, name="staff_correction_dismiss"),
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
