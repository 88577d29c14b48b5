from django.urls import path

from . import views

urlpatterns = [
    path("privacy/access-log/", views.access_log, name="access_log"),
    path("privacy/access-log.csv", views.access_log_csv, name="access_log_csv"),
    path("privacy/settings/", views.privacy_settings, name="privacy_settings"),
]
