"""What the motivator adds to casework (pendamping/plugins.py): its case panel, its
demo data and its permission-matrix entries."""

from django.utils.translation import gettext_lazy as _

from pendamping import plugins

plugins.case_panel(
    key="motivator",
    title=_("Tujuan dan motivasi"),
    template="motivator/case_panel.html",
    context="pendamping.motivator.selectors.case_card",
    order=30,
    deferred=True,  # loaded after the case page, with the other role cards
)
plugins.demo_seeder("motivator", "pendamping.motivator.demo.seed", after=("cases",))
plugins.matrix("motivator", "pendamping.motivator.tests.matrix")

plugins.nav_item(
    key="goals",
    label=_("Capaian tujuan"),
    url="gas_caseload",
    order=50,
    roles=plugins.CASEWORK_ROLES,
)

# the facilitator counts participants reaching their goals (motivator/measure_sources.py)
plugins.measure_source(
    "gas_t_score", _("Skor-T GAS saat ini"),
    "pendamping.motivator.measure_sources.gas_t_scores", app="motivator",
)  # fmt: skip
plugins.summary_section(
    key="goals",
    title=_("Tujuan dan skor T"),
    template="motivator/summary_section.html",
    context="pendamping.motivator.summary.goals",
    order=30,
)

# what the app holds about a client, for the data subject's access package
plugins.personal_data(
    "goals",
    _("Tujuan"),
    "pendamping.motivator.personal.goals",
    models=["motivator.Goal"],
    erase="pendamping.motivator.personal.erase_goals",
    order=50,
)
plugins.personal_data(
    "checkins",
    _("Pemeriksaan motivasi"),
    "pendamping.motivator.personal.checkins",
    models=["motivator.CheckIn"],
    erase="pendamping.motivator.personal.erase_checkins",
    order=51,
)
plugins.personal_data(
    "action_steps",
    _("Langkah aksi"),
    "pendamping.motivator.personal.action_steps",
    models=["motivator.ActionStep"],
    erase="pendamping.motivator.personal.erase_action_steps",
    order=52,
)

# records of processing (privacy app)
plugins.processing(
    "motivation", _("Penetapan tujuan dan pemantauan motivasi klien"),
    categories=["identity", "health", "case_notes", "assessment"],
    lawful_bases=["consent", "public_task"],
    covers=["goals", "checkins", "action_steps"],
    app="motivator", order=50,
)  # fmt: skip
