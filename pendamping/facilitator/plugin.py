"""What the facilitator adds to casework (pendamping/plugins.py): the programmes card
of the case page, today's sessions on the home page, its demo data and its
permission-matrix entries."""

from django.utils.translation import gettext_lazy as _

from pendamping import plugins

plugins.case_panel(
    key="programmes",
    title=_("Program dan kehadiran"),
    template="facilitator/case_panel.html",
    context="pendamping.facilitator.selectors.case_panel",
    order=40,
)
plugins.home_item(
    key="todays_sessions",
    template="facilitator/home_sessions.html",
    context="pendamping.facilitator.selectors.todays_sessions",
    roles={"worker", "supervisor", "instructor"},
    order=30,
)
plugins.demo_seeder("facilitator", "pendamping.facilitator.demo.seed", after=("cases",))
plugins.matrix("facilitator", "pendamping.facilitator.tests.matrix")

plugins.nav_item(
    key="programmes",
    label=_("Program"),
    url="programme_list",
    order=80,
)
plugins.agenda_source(
    "programme_sessions", "pendamping.facilitator.agenda.sessions", app="facilitator"
)
