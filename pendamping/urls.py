from django.contrib import admin
from django.urls import include, path

from pendamping.accounts.language import set_language
from pendamping.api.api import api
from pendamping.web import favicon

urlpatterns = [
    path("", include("pendamping.accounts.urls")),
    path("", include("pendamping.clients.urls")),
    path("", include("pendamping.cases.urls")),
    path("", include("pendamping.broker.urls")),
    path("", include("pendamping.assessment.urls")),
    path("", include("pendamping.motivator.urls")),
    path("", include("pendamping.facilitator.urls")),
    path("", include("pendamping.inbox.urls")),
    path("", include("pendamping.privacy.urls")),
    path("", include("pendamping.advocate.urls")),
    path("", include("pendamping.mediator.urls")),
    path("i18n/setlang/", set_language, name="set_language"),
    path("api/v1/", api.urls),
    path("admin/", admin.site.urls),
    path("favicon.ico", favicon, name="favicon"),
]

handler404 = "pendamping.web.page_not_found"
handler500 = "pendamping.web.server_error"
