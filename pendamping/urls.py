from django.contrib import admin
from django.urls import include, path

from pendamping.api.api import api

urlpatterns = [
    path("", include("pendamping.accounts.urls")),
    path("", include("pendamping.clients.urls")),
    path("", include("pendamping.cases.urls")),
    path("", include("pendamping.broker.urls")),
    path("", include("pendamping.assessment.urls")),
    path("", include("pendamping.motivator.urls")),
    path("", include("pendamping.facilitator.urls")),
    path("i18n/", include("django.conf.urls.i18n")),
    path("api/v1/", api.urls),
    path("admin/", admin.site.urls),
]
