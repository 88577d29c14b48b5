from django.urls import path

from . import views

urlpatterns = [
    path("directory/", views.directory, name="directory"),
    path("directory/services/new/", views.service_form, name="service_create"),
    path("directory/services/<uuid:pk>/", views.service_detail, name="service_detail"),
    path("directory/services/<uuid:pk>/edit/", views.service_form, name="service_edit"),
    path("directory/services/<uuid:pk>/capacity/", views.service_capacity, name="service_capacity"),
    path(
        "directory/services/<uuid:pk>/capacity/confirm/",
        views.service_capacity_confirm,
        name="service_capacity_confirm",
    ),
    path("directory/stale/", views.stale_capacity, name="stale_capacity"),
    path("directory/settings/", views.directory_settings, name="directory_settings"),
    path("directory/services/<uuid:pk>/delete/", views.service_delete, name="service_delete"),
    path("directory/providers/", views.organization_list, name="organization_list"),
    path("directory/providers/new/", views.organization_form, name="organization_create"),
    path("directory/providers/<uuid:pk>/", views.organization_detail, name="organization_detail"),
    path("directory/providers/<uuid:pk>/edit/", views.organization_form, name="organization_edit"),
    path(
        "directory/providers/<uuid:pk>/delete/",
        views.organization_delete,
        name="organization_delete",
    ),
    path("directory/providers/<uuid:pk>/locations/", views.location_add, name="location_add"),
    path(
        "directory/providers/<uuid:pk>/locations/<uuid:location_pk>/delete/",
        views.location_delete,
        name="location_delete",
    ),
    path("directory/mappings/", views.term_mappings, name="term_mappings"),
    path("directory/mappings/map/", views.term_mapping_save, name="term_mapping_save"),
    path("directory/mappings/import/", views.term_mapping_import, name="term_mapping_import"),
    path("directory/import/", views.directory_import, name="directory_import"),
    path(
        "directory/import/<int:pk>/", views.directory_import_detail, name="directory_import_detail"
    ),
    path(
        "directory/import/<int:pk>/confirm/",
        views.directory_import_confirm_view,
        name="directory_import_confirm",
    ),
    path(
        "directory/import/<int:pk>/discard/",
        views.directory_import_discard_view,
        name="directory_import_discard",
    ),
    path(
        "directory/import/template.<str:fmt>", views.directory_template, name="directory_template"
    ),
    path("directory/export.<str:fmt>", views.directory_export, name="directory_export"),
    path("cases/<int:case_pk>/needs/", views.need_add, name="need_add"),
    path("cases/<int:case_pk>/needs/new/", views.need_form, name="need_form"),
    path("needs/<int:pk>/", views.need_detail, name="need_detail"),
    path("needs/<int:pk>/status/", views.need_status, name="need_status"),
    path("needs/<int:pk>/consent/", views.need_consent, name="need_consent"),
    path("needs/<int:pk>/referrals/", views.referral_create, name="referral_create"),
    path("referrals/", views.referral_list, name="referral_list"),
    path("referrals/<int:pk>/", views.referral_detail, name="referral_detail"),
    path("referrals/<int:pk>/status/", views.referral_status, name="referral_status"),
    path("referrals/<int:pk>/letter/", views.referral_letter, name="referral_letter"),
    path("referrals/<int:pk>/letter.pdf", views.referral_letter_pdf, name="referral_letter_pdf"),
    path("gaps/", views.gap_register, name="gap_register"),
    path("initiatives/", views.initiative_list, name="initiative_list"),
    path("initiatives/new/", views.initiative_form, name="initiative_create"),
    path("initiatives/<int:pk>/", views.initiative_form, name="initiative_detail"),
]
