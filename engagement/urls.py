from django.urls import path

from engagement import staff_views, views

app_name = "engagement"

urlpatterns = [
    # Public
    path("interviews/", views.interview_list, name="interviews"),
    path("interviews/<int:pk>/", views.interview_detail, name="interview"),
    path("interviews/<int:pk>/answers/", views.interview_answers, name="interview_answers"),
    path("interviews/<int:pk>/ask/", views.question_new, name="question_new"),
    path("responses/", views.response_list, name="responses"),
    # Staff: 政务舆情
    path("staff/concerns/", staff_views.concern_list, name="staff_concerns"),
    path("staff/concerns/new/", staff_views.concern_create, name="staff_concern_create"),
    path("staff/concerns/<int:pk>/", staff_views.concern_detail, name="staff_concern"),
    path("staff/concerns/<int:pk>/respond/", staff_views.concern_respond, name="staff_concern_respond"),
    path("staff/concerns/<int:pk>/close/", staff_views.concern_close, name="staff_concern_close"),
    # Staff: 在线访谈
    path("staff/interviews/", staff_views.interview_list, name="staff_interviews"),
    path("staff/interviews/new/", staff_views.interview_create, name="staff_interview_create"),
    path("staff/interviews/<int:pk>/", staff_views.interview_detail, name="staff_interview"),
    path("staff/interviews/<int:pk>/edit/", staff_views.interview_edit, name="staff_interview_edit"),
    path("staff/interviews/<int:pk>/photos/add/", staff_views.photo_add, name="staff_photo_add"),
    path(
        "staff/interviews/<int:pk>/photos/<int:photo_pk>/remove/", staff_views.photo_remove, name="staff_photo_remove"
    ),  # fmt: skip
    path("staff/interviews/<int:pk>/host-question/", staff_views.host_question, name="staff_host_question"),
    path("staff/interviews/<int:pk>/cancel/", staff_views.interview_cancel, name="staff_interview_cancel"),
    path("staff/interviews/<int:pk>/<str:action>/", staff_views.interview_action, name="staff_interview_action"),
    path(
        "staff/interviews/<int:pk>/questions/<int:question_pk>/<str:action>/",
        staff_views.question_action,
        name="staff_question_action",
    ),
]
