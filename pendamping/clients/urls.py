from django.urls import path

from . import views

urlpatterns = [
    path("clients/", views.client_list, name="client_list"),
    path("clients/new/", views.client_create, name="client_create"),
    path("clients/nik-check/", views.nik_check, name="nik_check"),
    path("clients/<int:pk>/", views.client_detail, name="client_detail"),
    path("clients/<int:pk>/edit/", views.client_edit, name="client_edit"),
    path("clients/<int:pk>/delete/", views.client_delete, name="client_delete"),
    path("clients/<int:pk>/family/", views.family_add, name="family_add"),
    path(
        "clients/<int:pk>/family/<int:member_pk>/delete/",
        views.family_delete,
        name="family_delete",
    ),
    path("clients/<int:pk>/consents/", views.consent_add, name="consent_add"),
    path(
        "clients/<int:pk>/consents/<int:consent_pk>/withdraw/",
        views.consent_withdraw,
        name="consent_withdraw",
    ),
    path(
        "clients/<int:pk>/consents/<int:consent_pk>/proof/",
        views.consent_proof,
        name="consent_proof",
    ),
    path("regions/children/", views.region_children, name="region_children"),
    path("clients/import/", views.client_import, name="client_import"),
    path("clients/import/<int:pk>/", views.import_detail, name="import_detail"),
    path("clients/import/<int:pk>/rejected.csv", views.import_report, name="import_report"),
    path("clients/<int:pk>/members/", views.group_member_add, name="group_member_add"),
    path(
        "clients/<int:pk>/members/<int:membership_pk>/leave/",
        views.group_member_leave,
        name="group_member_leave",
    ),
]
