from django.urls import path

from . import safety_views, views

urlpatterns = [
    path("cases/<int:pk>/assessments/", views.assessment_list, name="assessment_list"),
    path("cases/<int:pk>/assessments/new/", views.assessment_create, name="assessment_create"),
    path(
        "cases/<int:pk>/assessments/compare/",
        views.assessment_compare,
        name="assessment_compare",
    ),
    path(
        "cases/<int:pk>/assessments/<int:number>/",
        views.assessment_detail,
        name="assessment_detail",
    ),
    path("cases/<int:pk>/ecomap/", views.ecomap, name="ecomap"),
    path("cases/<int:pk>/ecomap/compare/", views.ecomap_compare, name="ecomap_compare"),
    path("clients/<int:pk>/genogram/", views.genogram, name="genogram"),
    path("instruments/", views.instrument_list, name="instrument_list"),
    path("instruments/<slug:code>/", views.instrument_detail, name="instrument_detail"),
    path("cases/<int:pk>/instruments/", views.case_instruments, name="case_instruments"),
    path(
        "cases/<int:pk>/instruments/<slug:code>/",
        views.instrument_administer,
        name="instrument_administer",
    ),
    path("safety/<int:pk>/", safety_views.safety_alert, name="safety_alert"),
    path("safety/<int:pk>/risk/", safety_views.safety_risk, name="safety_risk"),
    path("safety/<int:pk>/action/", safety_views.safety_action, name="safety_action"),
    path("administrations/<int:pk>/", views.administration_detail, name="administration_detail"),
    path("administrations/<int:pk>/needs/", views.checklist_needs_add, name="checklist_needs_add"),
    path("clients/<int:pk>/instruments/", views.client_instruments, name="client_instruments"),
    path(
        "clients/<int:pk>/instruments/<slug:code>/",
        views.client_instrument_scores,
        name="client_instrument_scores",
    ),
]
