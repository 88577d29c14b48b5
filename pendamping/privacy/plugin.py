"""What the privacy app adds through pendamping/plugins.py: the data protection
officer's link and home card (today's unusual reading) and its matrix entries."""

from django.utils.translation import gettext_lazy as _

from pendamping import plugins

plugins.nav_item(
    key="privacy", label=_("Pelindungan data"), url="access_log", order=90,
    roles={"dpo", "admin"},
)  # fmt: skip
plugins.home_item(
    key="unusual_reading",
    template="privacy/home_unusual_reading.html",
    context="pendamping.privacy.selectors.home_unusual_reading",
    roles={"dpo", "admin"},
    order=5,
)
plugins.matrix("privacy", "pendamping.privacy.tests.matrix")

# data-subject requests: their register, the clock in the inbox and on the home page
plugins.nav_item(
    key="subject_requests", label=_("Permintaan subjek data"), url="subject_request_list",
    order=91, roles={"dpo", "admin"},
)  # fmt: skip
plugins.home_item(
    key="subject_requests",
    template="privacy/home_subject_requests.html",
    context="pendamping.privacy.selectors.home_subject_requests",
    roles={"dpo", "admin"},
    order=4,
)
plugins.notification_kind(
    "subject_request_clock", _("Permintaan subjek data mendekati atau lewat batas waktu"),
    "pendamping.privacy.notifications.request_clock", app="privacy", order=90,
)  # fmt: skip
plugins.periodic(
    "subject_request_clock", "pendamping.privacy.requests.escalate_due", every_seconds=900
)
plugins.personal_data(
    "subject_requests",
    _("Permintaan subjek data"),
    "pendamping.privacy.personal.requests",
    models=["privacy.SubjectRequest"],
    order=90,
)

# restriction of processing: the check every app's writes and exports pass through
# (pendamping/processing.py), and the banner of the client's and case pages
plugins.subscribe("before_write", "pendamping.privacy.restriction.refuse_write")
plugins.subscribe("before_share", "pendamping.privacy.restriction.refuse_share")
plugins.subscribe("client_notices", "pendamping.privacy.restriction.notices")
plugins.personal_data(
    "restrictions",
    _("Pembatasan pemrosesan"),
    "pendamping.privacy.personal.restrictions",
    models=["privacy.Restriction"],
    order=91,
)
