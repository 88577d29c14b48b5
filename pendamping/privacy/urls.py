from django.urls import path

from . import fulfil_views, request_views, views

urlpatterns = [
    path("privacy/access-log/", views.access_log, name="access_log"),
    path("privacy/access-log.csv", views.access_log_csv, name="access_log_csv"),
    path("privacy/settings/", views.privacy_settings, name="privacy_settings"),
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
]
