"""What the assessment adds to casework (pendamping/plugins.py)."""

from django.utils.translation import gettext_lazy as _

from pendamping import plugins


def _case_panel(user, case) -> dict:
    from . import selectors

    return selectors.case_card(user, case)


plugins.case_panel(
    key="assessment",
    title=_("Asesmen"),
    template="assessment/case_panel.html",
    context=_case_panel,
    order=10,
)


@plugins.demo_seeder("assessment", after=("cases",))
def _demo(demo) -> None:
    from .demo import seed

    seed(demo)


plugins.matrix("assessment", "pendamping.assessment.tests.matrix")
