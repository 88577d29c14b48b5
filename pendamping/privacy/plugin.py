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
    erase="pendamping.privacy.personal.erase_requests",
    order=90,
)
plugins.personal_data(
    "erasures",
    _("Penghapusan data"),
    "pendamping.privacy.personal.erasures",
    models=["privacy.Erasure"],
    erase="pendamping.privacy.personal.erase_erasures",
    order=91,
)

# retention: what is due, told to the admins once a day; the admin approves the erasure
plugins.notification_kind(
    "retention_due", _("Klien melewati masa retensi"),
    "pendamping.privacy.notifications.retention_due", app="privacy", order=91,
)  # fmt: skip
plugins.periodic("retention_due", "pendamping.privacy.retention.notify_due", every_seconds=3600)
plugins.nav_item(
    key="retention", label=_("Retensi dan penghapusan"), url="retention", order=92,
    roles={"dpo", "admin"},
)  # fmt: skip
