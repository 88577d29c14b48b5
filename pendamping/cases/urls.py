from django.urls import path

from . import agenda_views, search_views, summary_views, views

urlpatterns = [
    path("", views.home, name="home"),
    path("cases/", views.case_list, name="case_list"),
    path("clients/<int:client_pk>/cases/new/", views.case_open, name="case_open"),
    path("cases/<int:pk>/", views.case_detail, name="case_detail"),
    path("cases/<int:pk>/panels/", views.case_panels_later, name="case_panels_later"),
    path("cases/<int:pk>/panels/<slug:key>/", views.case_panel, name="case_panel"),
    path("cases/<int:pk>/forms/<slug:key>/", views.case_form, name="case_form"),
    path("cases/<int:pk>/edit/", views.case_edit, name="case_edit"),
    path("cases/<int:pk>/stage/", views.case_stage, name="case_stage"),
    path("cases/<int:pk>/assign/", views.case_assign, name="case_assign"),
    path("cases/<int:pk>/close/", views.case_close, name="case_close"),
    path("cases/<int:pk>/reopen/", views.case_reopen, name="case_reopen"),
    path("cases/<int:pk>/delete/", views.case_delete, name="case_delete"),
    path("cases/<int:pk>/notes/", views.note_add, name="note_add"),
    path("notes/<int:pk>/edit/", views.note_edit, name="note_edit"),
    path("notes/<int:pk>/delete/", views.note_delete, name="note_delete"),
    path("cases/<int:pk>/tasks/", views.task_add, name="task_add"),
    path("tasks/<int:pk>/toggle/", views.task_toggle, name="task_toggle"),
    path("agenda/", agenda_views.agenda, name="agenda"),
    path("agenda/pdf/", agenda_views.agenda_pdf, name="agenda_pdf"),
    path("search/", search_views.search, name="search"),
    path("cases/<int:pk>/summary/", summary_views.case_summary, name="case_summary"),
    path("cases/<int:pk>/summary/pdf/", summary_views.case_summary_pdf, name="case_summary_pdf"),
]
