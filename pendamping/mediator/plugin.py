"""What the mediator adds to casework (pendamping/plugins.py): the mediations card of
the linked cases, home items (diversion clocks running out, agreement terms due and
escalated), the notifications ``manage.py mediator_escalate`` raises, its demo data and
its permission-matrix entries."""

from django.utils.translation import gettext_lazy as _

from pendamping import plugins

plugins.case_panel(
    key="mediations",
    title=_("Mediasi"),
    template="mediator/case_panel.html",
    context="pendamping.mediator.selectors.case_panel",
    order=45,
    deferred=True,  # loaded after the case page, with the other role cards
)
plugins.home_item(
    key="mediation_clocks",
    template="mediator/home_clocks.html",
    context="pendamping.mediator.selectors.home_clocks",
    roles={"worker", "supervisor", "admin"},
    order=25,
)
plugins.home_item(
    key="mediation_terms",
    template="mediator/home_terms.html",
    context="pendamping.mediator.selectors.home_terms",
    roles={"worker", "supervisor", "admin"},
    order=26,
)
plugins.demo_seeder("mediator", "pendamping.mediator.demo.seed", after=("cases",))
plugins.matrix("mediator", "pendamping.mediator.tests.matrix")
plugins.notification_kind(
    "mediation_term_escalated", _("Butir kesepakatan tidak dipatuhi (dieskalasi)"),
    "pendamping.mediator.notifications.term_escalated", app="mediator", order=50,
)  # fmt: skip
plugins.notification_kind(
    "diversion_clock", _("Batas waktu diversi hampir habis atau lewat"),
    "pendamping.mediator.notifications.diversion_clock", app="mediator", order=51,
)  # fmt: skip
plugins.periodic(
    "mediator_escalate", "pendamping.mediator.escalation.escalate_due", every_seconds=3600
)

plugins.nav_item(
    key="mediations",
    label=_("Mediasi"),
    url="mediation_list",
    order=70,
    roles=plugins.CASEWORK_ROLES,
)
plugins.agenda_source("mediations", "pendamping.mediator.agenda.entries", app="mediator")
plugins.search_source("mediations", _("Mediasi"), "pendamping.mediator.search.mediations", order=60)

# a mediation's own rows show the clients who are its parties
plugins.client_path("mediator.Mediation", "parties__client_id")

# what the app holds about a client, for the data subject's access package
plugins.personal_data(
    "mediation_parties",
    _("Pihak dalam mediasi"),
    "pendamping.mediator.personal.parties",
    models=["mediator.Party"],
    erase="pendamping.mediator.personal.erase_parties",
    order=70,
)
plugins.personal_data(
    "mediations",
    _("Mediasi"),
    "pendamping.mediator.personal.mediations",
    models=["mediator.Mediation"],
    erase="pendamping.mediator.personal.erase_mediations",
    hold="pendamping.mediator.personal.hold_mediations",
    order=71,
)

# records of processing (privacy app)
plugins.processing(
    "mediation", _("Mediasi antara klien dan pihak lain"),
    categories=["identity", "contact", "family", "legal", "case_notes"],
    lawful_bases=["consent"],
    covers=["mediation_parties", "mediations"],
    app="mediator", order=70,
)  # fmt: skip
