"""What the assessment adds to casework (pendamping/plugins.py): its case panel, the
open safety alerts on the home pages, the safety-flag notification, its demo data
and its permission-matrix entries."""

from django.utils.translation import gettext_lazy as _

from pendamping import plugins

plugins.case_panel(
    key="assessment",
    title=_("Asesmen"),
    template="assessment/case_panel.html",
    context="pendamping.assessment.selectors.case_card",
    order=10,
    deferred=True,  # loaded after the case page, with the other role cards
)
# a raised safety flag stays on the worker's and the supervisor's home until the
# action taken is recorded (assessment/safety.py)
plugins.home_item(
    key="safety_alerts",
    template="assessment/home_safety.html",
    context="pendamping.assessment.safety.home_alerts",
    roles={"worker", "supervisor", "admin"},
    order=1,
)
plugins.notification_kind(
    "safety_flag",
    _("Tanda bahaya pada kasus"),
    "pendamping.assessment.notifications.safety_flag",
    app="assessment",
    order=1,
)
plugins.demo_seeder("assessment", "pendamping.assessment.demo.seed", after=("cases",))
plugins.matrix("assessment", "pendamping.assessment.tests.matrix")

plugins.nav_item(
    key="instruments",
    label=_("Instrumen"),
    url="instrument_list",
    order=100,
)

# the facilitator counts participants by their latest Barthel band (measure_sources.py)
plugins.measure_source(
    "barthel_band", _("Pita Indeks Barthel terakhir"),
    "pendamping.assessment.measure_sources.barthel_bands", app="assessment",
)  # fmt: skip
# and the facilitator's briefing names the band (measure_sources.py), with consent
plugins.measure_source(
    "barthel_band_label", _("Pita Indeks Barthel terakhir (nama)"),
    "pendamping.assessment.measure_sources.barthel_band_labels", app="assessment",
)  # fmt: skip
plugins.summary_section(
    key="assessment",
    title=_("Asesmen terakhir"),
    template="assessment/summary_section.html",
    context="pendamping.assessment.summary.latest",
    order=10,
)

# what the app holds about a client, for the data subject's access package
plugins.personal_data(
    "assessments",
    _("Asesmen"),
    "pendamping.assessment.personal.assessments",
    models=["assessment.Assessment"],
    erase="pendamping.assessment.personal.erase_assessments",
    order=30,
)
plugins.personal_data(
    "instruments",
    _("Instrumen asesmen"),
    "pendamping.assessment.personal.instruments",
    models=["assessment.InstrumentAdministration"],
    erase="pendamping.assessment.personal.erase_instruments",
    order=31,
)
plugins.personal_data(
    "safety_alerts",
    _("Peringatan keselamatan"),
    "pendamping.assessment.personal.safety_alerts",
    models=["assessment.SafetyAlert"],
    erase="pendamping.assessment.personal.erase_safety_alerts",
    order=32,
)
plugins.personal_data(
    "ecomaps",
    _("Ekomap"),
    "pendamping.assessment.personal.ecomaps",
    models=["assessment.EcomapSnapshot"],
    erase="pendamping.assessment.personal.erase_ecomaps",
    order=33,
)

# records of processing (privacy app)
plugins.processing(
    "assessment", _("Asesmen kebutuhan, instrumen terstandar dan keselamatan klien"),
    categories=["identity", "family", "health", "disability", "assessment", "case_notes"],
    lawful_bases=["consent", "public_task", "vital_interest"],
    covers=["assessments", "instruments", "safety_alerts", "ecomaps"],
    app="assessment", order=30,
)  # fmt: skip
