from django.urls import path

from . import breach_views, erasure_views, fulfil_views, records_views, request_views, views

urlpatterns = [
    path("privacy/access-log/", views.access_log, name="access_log"),
    path("privacy/access-log.csv", views.access_log_csv, name="access_log_csv"),
    path("privacy/settings/", views.privacy_settings, name="privacy_settings"),
    path("privacy/retention/", erasure_views.retention_page, name="retention"),
    path(
        "privacy/clients/<int:pk>/anonymise/",
        erasure_views.client_anonymise,
        name="client_anonymise",
    ),
    path("privacy/requests/", request_views.subject_request_list, name="subject_request_list"),
    path(
        "privacy/requests/new/", request_views.subject_request_create, name="subject_request_create"
    ),
    path(
        "privacy/requests/<int:pk>/",
        request_views.subject_request_detail,
        name="subject_request_detail",
    ),
    path(
        "privacy/requests/<int:pk>/respond/",
        request_views.subject_request_respond,
        name="subject_request_respond",
    ),
    path(
        "privacy/requests/<int:pk>/package.json",
        request_views.subject_request_package,
        name="subject_request_package",
    ),
    path(
        "privacy/requests/<int:pk>/package.pdf",
        request_views.subject_request_package_pdf,
        name="subject_request_package_pdf",
    ),
    # the breach register
    path("privacy/breaches/", breach_views.breach_list, name="breach_list"),
    path("privacy/breaches/new/", breach_views.breach_create, name="breach_create"),
    path("privacy/breaches/<int:pk>/", breach_views.breach_detail, name="breach_detail"),
    path("privacy/breaches/<int:pk>/edit/", breach_views.breach_edit, name="breach_edit"),
    path("privacy/breaches/<int:pk>/clients/", breach_views.breach_affected_add,
         name="breach_affected_add"),
    path("privacy/breaches/<int:pk>/clients/remove/", breach_views.breach_affected_remove,
         name="breach_affected_remove"),
    path("privacy/breaches/<int:pk>/clients/sent/", breach_views.breach_clients_sent,
         name="breach_clients_sent"),
    path("privacy/breaches/<int:pk>/clients/<int:client_pk>/sent/",
         breach_views.breach_client_sent, name="breach_client_sent"),
    path("privacy/breaches/<int:pk>/clients/<int:client_pk>/letter.pdf",
         breach_views.breach_client_letter, name="breach_client_letter"),
    path("privacy/breaches/<int:pk>/authority/sent/", breach_views.breach_authority_sent,
         name="breach_authority_sent"),
    path("privacy/breaches/<int:pk>/authority/letter.pdf", breach_views.breach_authority_letter,
         name="breach_authority_letter"),
    path("privacy/breaches/<int:pk>/clients/<int:client_pk>/letter/issue/",
         breach_views.breach_client_letter_issue, name="breach_client_letter_issue"),
    path("privacy/breaches/<int:pk>/clients/letters/issue/",
         breach_views.breach_letters_issue, name="breach_letters_issue"),
    path("privacy/breaches/<int:pk>/authority/letter/issue/",
         breach_views.breach_authority_letter_issue, name="breach_authority_letter_issue"),
    # records of processing and the officer's register of consents
    path("privacy/records/", records_views.processing_records, name="processing_records"),
    path("privacy/records.pdf", records_views.processing_records_pdf,
         name="processing_records_pdf"),
    path("privacy/records/settings/", records_views.processing_settings,
         name="processing_settings"),
    path("privacy/consents/", records_views.consent_register, name="consent_register"),
    path("privacy/consents.csv", records_views.consent_register_csv,
         name="consent_register_csv"),
    path(
        "privacy/requests/<int:pk>/restrict/",
        fulfil_views.subject_request_restrict,
        name="subject_request_restrict",
    ),
    path(
        "privacy/requests/<int:pk>/lift/",
        fulfil_views.subject_request_lift,
        name="subject_request_lift",
    ),
    path(
        "privacy/requests/<int:pk>/release/",
        fulfil_views.subject_request_release,
        name="subject_request_release",
    ),
    path(
        "privacy/requests/<int:pk>/edits/",
        fulfil_views.subject_request_edits,
        name="subject_request_edits",
    ),
]  # fmt: skip
