from django.urls import path

from . import outcome_views, steps_views, views

urlpatterns = [
    path("programmes/", views.programme_list, name="programme_list"),
    path("programmes/new/", views.programme_create, name="programme_create"),
    path("programmes/<int:pk>/", views.programme_detail, name="programme_detail"),
    path("programmes/<int:pk>/edit/", views.programme_edit, name="programme_edit"),
    path("programmes/<int:pk>/sessions/", views.session_add, name="session_add"),
    path("sessions/<int:pk>/", views.session_detail, name="session_detail"),
    path("sessions/<int:pk>/status/", views.session_status, name="session_status"),
    path("sessions/<int:pk>/attendance/", views.attendance_save, name="attendance_save"),
    path("sessions/<int:pk>/sheet/", views.attendance_sheet, name="attendance_sheet"),
    path("cases/<int:pk>/programmes/enrol/", views.case_enrol, name="case_enrol"),
    path("enrolments/<int:pk>/leave/", views.enrolment_leave, name="enrolment_leave"),
    path("sessions/<int:pk>/sheet.pdf", steps_views.attendance_sheet_pdf,
         name="attendance_sheet_pdf"),
    path("sessions/<int:pk>/briefing/", steps_views.briefing_page, name="briefing_page"),
    path("sessions/<int:pk>/briefing.pdf", steps_views.briefing_pdf, name="briefing_pdf"),
    path("sessions/<int:pk>/briefing/edit/", steps_views.briefing_edit, name="briefing_edit"),
    path("sessions/<int:pk>/delivery/", steps_views.delivery_save, name="delivery_save"),
    path("sessions/<int:pk>/participants/<int:enrolment_pk>/",
         steps_views.session_participant, name="session_participant"),
    path("sessions/<int:pk>/participants/<int:enrolment_pk>/notes/",
         steps_views.participant_note_add, name="participant_note_add"),
    path("sessions/<int:pk>/participants/<int:enrolment_pk>/progress/",
         steps_views.progress_note_save, name="progress_note_save"),
    path("participant-notes/<int:pk>/photo/", steps_views.participant_note_photo,
         name="participant_note_photo"),
    path("programmes/<int:pk>/gains/", outcome_views.programme_gains, name="programme_gains"),
    path("programmes/<int:pk>/participants/<int:enrolment_pk>/measures/<str:code>/<str:phase>/",
         outcome_views.score_form, name="score_form"),
]  # fmt: skip
