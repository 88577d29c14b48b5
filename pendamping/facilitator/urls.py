from django.urls import path

from . import views

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
]
