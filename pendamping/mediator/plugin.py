"""What the mediator adds to casework (pendamping/plugins.py): the mediations card of
the linked cases, home items (diversion clocks running out, agreement terms due and
escalated), its demo data and its permission-matrix entries."""

from django.utils.translation import gettext_lazy as _

from pendamping import plugins

plugins.case_panel(
    key="mediations",
    title=_("Mediasi"),
    template="mediator/case_panel.html",
    context="pendamping.mediator.selectors.case_panel",
    order=45,
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
