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
    key="retention", label=_("Retensi dan penghapusan"), url="retention", order=95,
    roles={"dpo", "admin"},
)  # fmt: skip

# records of processing: the officer's own processing (requests, breaches)
plugins.processing(
    "data_protection", _("Pemenuhan hak subjek data dan penanganan kegagalan pelindungan data"),
    categories=["identity", "contact"],
    lawful_bases=["legal_obligation"],
    covers=["subject_requests", "breaches", "erasures", "restrictions"],
    recipients=[_("Lembaga penyelenggara pelindungan data pribadi (pemberitahuan kegagalan)")],
    app="privacy", order=90,
)  # fmt: skip

# the breach register: its link, the clock on the home page and in the inbox
plugins.nav_item(
    key="breaches", label=_("Kegagalan pelindungan data"), url="breach_list", order=92,
    roles={"dpo", "admin"},
)  # fmt: skip
plugins.nav_item(
    key="processing_records", label=_("Catatan kegiatan pemrosesan"), url="processing_records",
    order=93, roles={"dpo", "admin"},
)  # fmt: skip
plugins.nav_item(
    key="consent_register", label=_("Daftar persetujuan"), url="consent_register", order=94,
    roles={"dpo", "admin"},
)  # fmt: skip
plugins.home_item(
    key="breaches",
    template="privacy/home_breaches.html",
    context="pendamping.privacy.breach_views.home_breaches",
    roles={"dpo", "admin"},
    order=3,
)
plugins.notification_kind(
    "breach_clock", _("Pemberitahuan kegagalan pelindungan data mendekati atau lewat batas"),
    "pendamping.privacy.breaches.clock_line", app="privacy", order=91,
)  # fmt: skip
plugins.periodic("breach_clock", "pendamping.privacy.breaches.escalate_due", every_seconds=900)
plugins.personal_data(
    "breaches",
    _("Kegagalan pelindungan data yang mengenai klien"),
    "pendamping.privacy.personal.breaches",
    models=["privacy.BreachClient"],
    erase="pendamping.privacy.personal.erase_breaches",
    order=92,
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
    erase="pendamping.privacy.personal.erase_restrictions",
    order=93,
)
