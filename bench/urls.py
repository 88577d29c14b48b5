"""The app's URLs plus the naive variants under /naive/ (bench only, never deployed)."""

from django.contrib.auth.decorators import login_required
from django.urls import path

from pendamping.urls import urlpatterns as app_urlpatterns

from . import naive

urlpatterns = [
    path("naive/clients/", login_required(naive.client_list)),
    path("naive/cases/", login_required(naive.case_list)),
    path("naive/cases/<int:pk>/", login_required(naive.case_detail)),
    path(
        "naive/api/cases/<int:case_id>/needs/<int:need_id>/matches",
        login_required(naive.need_matches),
    ),
    path("naive/directory/", login_required(naive.directory)),
    path("naive/gaps/", login_required(naive.gap_register)),
    path("naive/", login_required(naive.home)),
    *app_urlpatterns,
]
