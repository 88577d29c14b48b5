"""What the facilitator adds to casework (pendamping/plugins.py): the programmes card
of the case page, today's sessions and the participants below the attendance rule
on the home page, its photo sweep, its demo data and its permission-matrix entries."""

from django.utils.translation import gettext_lazy as _

from pendamping import plugins

plugins.case_panel(
    key="programmes",
    title=_("Program dan kehadiran"),
    template="facilitator/case_panel.html",
    context="pendamping.facilitator.selectors.case_panel",
    order=40,
    deferred=True,  # loaded after the case page, with the other role cards
)
plugins.home_item(
    key="todays_sessions",
    template="facilitator/home_sessions.html",
    context="pendamping.facilitator.selectors.todays_sessions",
    roles={"worker", "supervisor", "instructor"},
    order=30,
)
# participants whose attendance is below the programme's rule (selectors.below_rule)
plugins.home_item(
    key="below_attendance_rule",
    template="facilitator/home_below_rule.html",
    context="pendamping.facilitator.selectors.below_rule",
    roles={"worker", "supervisor"},
    order=31,
)
plugins.demo_seeder("facilitator", "pendamping.facilitator.demo.seed", after=("cases",))
plugins.matrix("facilitator", "pendamping.facilitator.tests.matrix")

plugins.nav_item(
    key="programmes",
    label=_("Program"),
    url="programme_list",
    order=80,
)

# participants' photos left by a transaction that rolled back (steps.sweep_photos)
plugins.periodic(
    "facilitator_sweep_photos", "pendamping.facilitator.steps.sweep_photos", every_seconds=3600
)
plugins.agenda_source(
    "programme_sessions", "pendamping.facilitator.agenda.sessions", app="facilitator"
)

# a row about an enrolment (attendance, a briefing's entry, an observation, a note and
# its photo, a progress note, a measure's score, a completion) shows the client of the
# enrolment's case and, enrolled from a group's case, the member
for _model in ("Attendance", "BriefingEntry", "Observation", "ParticipantNote", "ProgressNote",
               "MeasureScore", "Completion"):  # fmt: skip
    plugins.client_path(f"facilitator.{_model}", "enrolment__case__client_id",
                        "enrolment__member_id")  # fmt: skip

# what the app holds about a client, for the data subject's access package
plugins.personal_data(
    "enrolments",
    _("Keikutsertaan program"),
    "pendamping.facilitator.personal.enrolments",
    models=["facilitator.Enrolment"],
    erase="pendamping.facilitator.personal.erase_enrolments",
    order=60,
)

# records of processing (privacy app)
plugins.processing(
    "programmes", _("Keikutsertaan klien dalam program kelompok dan pelatihan"),
    categories=["identity", "contact", "health", "disability", "education", "assessment"],
    lawful_bases=["consent", "public_task"],
    covers=["enrolments"],
    recipients=[_("Instruktur program dari luar lembaga (sebatas kategori yang disetujui klien)")],
    app="facilitator", order=60,
)  # fmt: skip
