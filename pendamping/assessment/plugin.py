"""What the assessment adds to casework (pendamping/plugins.py): its case panel, its
demo data and its permission-matrix entries."""

from django.utils.translation import gettext_lazy as _

from pendamping import plugins

plugins.case_panel(
    key="assessment",
    title=_("Asesmen"),
    template="assessment/case_panel.html",
    context="pendamping.assessment.selectors.case_card",
    order=10,
)
plugins.demo_seeder("assessment", "pendamping.assessment.demo.seed", after=("cases",))
plugins.matrix("assessment", "pendamping.assessment.tests.matrix")
