"""What the advocate adds to casework (pendamping/plugins.py): the complaints card of
the case page, home items (the worker's complaints by SLA status, escalations for
supervisors and admins), the notifications it raises (escalation tiers 1 and 2 from
``manage.py advocate_escalate``, a complaint given to a worker), its demo data and its
permission-matrix entries."""

from django.utils.translation import gettext_lazy as _

from pendamping import plugins

plugins.case_panel(
    key="complaints",
    title=_("Pengaduan"),
    template="advocate/case_panel.html",
    context="pendamping.advocate.selectors.case_panel",
    order=60,
    deferred=True,  # loaded after the case page, with the other role cards
)
plugins.home_item(
    key="my_complaints",
    template="advocate/home_complaints.html",
    context="pendamping.advocate.selectors.home_my_complaints",
    roles={"worker", "supervisor", "admin", "auditor"},
    order=40,
)
plugins.home_item(
    key="complaints_escalated_supervisor",
    template="advocate/home_escalated.html",
    context="pendamping.advocate.selectors.home_escalated_supervisor",
    roles={"supervisor"},
    order=35,
)
plugins.home_item(
    key="complaints_escalated_admin",
    template="advocate/home_escalated.html",
    context="pendamping.advocate.selectors.home_escalated_admin",
    roles={"admin", "auditor"},
    order=35,
)
plugins.home_item(
    key="complaints_unassigned",
    template="advocate/home_unassigned.html",
    context="pendamping.advocate.selectors.home_unassigned",
    roles={"supervisor", "admin"},
    order=34,
)
plugins.demo_seeder("advocate", "pendamping.advocate.demo.seed", after=("cases",))
plugins.matrix("advocate", "pendamping.advocate.tests.matrix")
plugins.notification_kind(
    "complaint_escalated_supervisor", _("Pengaduan lewat batas waktu (supervisor)"),
    "pendamping.advocate.notifications.complaint_escalated", app="advocate", order=40,
)  # fmt: skip
plugins.notification_kind(
    "complaint_escalated_admin", _("Pengaduan lewat batas waktu (admin lembaga)"),
    "pendamping.advocate.notifications.complaint_escalated", app="advocate", order=41,
)  # fmt: skip
plugins.notification_kind(
    "complaint_assigned", _("Pengaduan ditugaskan kepada Anda"),
    "pendamping.advocate.notifications.complaint_assigned", app="advocate", order=42,
)  # fmt: skip
plugins.notification_kind(
    "filing_limit_passed", _("Batas waktu instansi lain lewat tanpa jawaban"),
    "pendamping.advocate.notifications.filing_limit_passed", app="advocate", order=43,
)  # fmt: skip
plugins.periodic(
    "advocate_filing_reminders", "pendamping.advocate.reminders.remind_due", every_seconds=3600
)
plugins.periodic(
    "advocate_escalate", "pendamping.advocate.escalation.escalate_due", every_seconds=300
)

plugins.nav_item(
    key="complaints",
    label=_("Pengaduan"),
    url="complaint_list",
    order=60,
    roles=plugins.CASEWORK_ROLES,
)
plugins.agenda_source("complaint_deadlines", "pendamping.advocate.agenda.deadlines", app="advocate")
plugins.search_source(
    "complaints", _("Pengaduan"), "pendamping.advocate.search.complaints", order=50
)

# rows that show a client through their complaint (the processing log notes them)
plugins.client_path("advocate.Evidence", "complaint__client_id")
plugins.client_path("advocate.CoSigner", "complaint__client_id")

# what the app holds about a client, for the data subject's access package
plugins.personal_data(
    "complaints",
    _("Pengaduan"),
    "pendamping.advocate.personal.complaints",
    models=["advocate.Complaint"],
    erase="pendamping.advocate.personal.erase_complaints",
    hold="pendamping.advocate.personal.hold_open_complaints",
    order=80,
)

# records of processing (privacy app)
plugins.processing(
    "complaints", _("Pengaduan dan advokasi hak klien"),
    categories=["identity", "contact", "welfare", "legal", "case_notes"],
    lawful_bases=["consent", "public_task"],
    covers=["complaints"],
    recipients=[_("Instansi yang diadukan dan lembaga pengawas (mis. SP4N-LAPOR!, Ombudsman RI)")],
    app="advocate", order=80,
)  # fmt: skip
