"""What the broker adds to casework (pendamping/plugins.py): the needs-and-referrals
card of the case page, the referrals card of the home page, its gap sync on every
need change, the notifications it raises (referrals in and answered, a service
found for a gap), its demo data and its permission-matrix entries."""

from django.utils.translation import gettext_lazy as _

from pendamping import plugins

plugins.case_panel(
    key="needs",
    title=_("Kebutuhan dan rujukan"),
    template="broker/case_panel.html",
    context="pendamping.broker.selectors.case_panel",
    order=20,
    deferred=True,  # loaded after the case page, with the other role cards
)
plugins.home_item(
    key="referrals",
    template="broker/home_referrals.html",
    context="pendamping.broker.selectors.home_referrals",
    roles={"worker", "supervisor", "admin", "auditor"},
    order=20,
)
plugins.home_item(
    key="stale_capacity",
    template="broker/home_stale.html",
    context="pendamping.broker.selectors.home_stale",
    roles={"worker", "supervisor", "admin"},
    order=25,
)
# keep the gap register true whenever a need is added, changed or met
plugins.subscribe("need_changed", "pendamping.broker.services.gap_sync")
# the inbox: a referral sent to your agency, the answer to yours, a service that
# fits a gap of your case (rendered by broker/notifications.py)
plugins.notification_kind(
    "referral_incoming", _("Rujukan masuk"), "pendamping.broker.notifications.referral_incoming",
    app="broker", order=10,
)  # fmt: skip
plugins.notification_kind(
    "referral_answered", _("Jawaban atas rujukan"),
    "pendamping.broker.notifications.referral_answered", app="broker", order=11,
)  # fmt: skip
plugins.notification_kind(
    "service_found", _("Layanan yang cocok untuk kesenjangan"),
    "pendamping.broker.notifications.service_found", app="broker", order=12,
)  # fmt: skip
plugins.notification_kind(
    "capacity_stale", _("Kapasitas layanan yang perlu diperbarui"),
    "pendamping.broker.notifications.capacity_stale", app="broker", order=13,
)  # fmt: skip
# once a week per recipient (the notification's dedupe key is the week)
plugins.periodic(
    "capacity_stale", "pendamping.broker.services.notify_stale_capacity", every_seconds=3600
)
plugins.demo_seeder("broker", "pendamping.broker.demo.seed", after=("cases",))

plugins.nav_item(
    key="referrals",
    label=_("Rujukan"),
    url="referral_list",
    order=30,
    roles=plugins.CASEWORK_ROLES,
)

plugins.nav_item(
    key="gaps",
    label=_("Kesenjangan"),
    url="gap_register",
    order=40,
    roles=plugins.CASEWORK_ROLES,
)

plugins.nav_item(
    key="directory",
    label=_("Direktori"),
    url="directory",
    order=90,
)

# the facilitator counts its participants' referrals (broker/measure_sources.py)
plugins.measure_source(
    "referrals_sent", _("Rujukan terkirim"),
    "pendamping.broker.measure_sources.referrals_sent", app="broker",
)  # fmt: skip
plugins.measure_source(
    "referrals_completed", _("Rujukan selesai"),
    "pendamping.broker.measure_sources.referrals_completed", app="broker",
)  # fmt: skip
plugins.agenda_source("referral_follow_ups", "pendamping.broker.agenda.follow_ups", app="broker")
plugins.search_source("referrals", _("Rujukan"), "pendamping.broker.search.referrals", order=30)
plugins.search_source(
    "providers", _("Penyedia layanan"), "pendamping.broker.search.providers", order=40
)
plugins.summary_section(
    key="referrals",
    title=_("Rujukan"),
    template="broker/summary_section.html",
    context="pendamping.broker.summary.referrals",
    order=20,
)

# what the app holds about a client, for the data subject's access package
plugins.personal_data(
    "referrals",
    _("Rujukan"),
    "pendamping.broker.personal.referrals",
    models=["broker.Referral"],
    erase="pendamping.broker.personal.erase_referrals",
    order=40,
)
# the matrix entries of its newer pages (the older ones are in accounts' matrix)
plugins.matrix("broker", "pendamping.broker.tests.matrix")

# records of processing (privacy app)
plugins.processing(
    "referrals", _("Rujukan klien ke penyedia layanan"),
    categories=["identity", "contact", "health", "disability", "welfare", "case_notes"],
    lawful_bases=["consent"],
    covers=["referrals"],
    recipients=[_("Penyedia layanan penerima rujukan (sebatas kategori yang disetujui klien)")],
    app="broker", order=40,
)  # fmt: skip
# a directory import whose worker died is failed and its file deleted
plugins.periodic("directory_import_reaper",
                 "pendamping.broker.tasks.reap_stopped_directory_imports", every_seconds=60)  # fmt: skip
