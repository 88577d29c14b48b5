"""What the motivator adds to casework (pendamping/plugins.py)."""

from django.utils.translation import gettext_lazy as _

from pendamping import plugins


def _case_panel(user, case) -> dict:
    from . import selectors

    return selectors.case_card(user, case)


plugins.case_panel(
    key="motivator",
    title=_("Tujuan dan motivasi"),
    template="motivator/case_panel.html",
    context=_case_panel,
    order=30,
)


@plugins.demo_seeder("motivator", after=("cases",))
def _demo(demo) -> None:
    from .demo import seed

    seed(demo)


plugins.matrix("motivator", "pendamping.motivator.tests.matrix")
