"""What the broker adds to casework (pendamping/plugins.py): the needs-and-referrals
card of the case page, the referrals card of the home page, its gap sync on every
need change, its demo data and its permission-matrix entries."""

from django.utils.translation import gettext_lazy as _

from pendamping import plugins
from pendamping.accounts import access


def _case_panel(user, case) -> dict:
    from pendamping.cases.access import needs_for

    from .access import referrals_for
    from .forms import NeedForm

    return {
        "needs": needs_for(user).filter(case=case).select_related("term"),
        "referrals": referrals_for(user).filter(case=case).select_related("service"),
        "need_form": NeedForm(),
    }


plugins.case_panel(
    key="needs",
    title=_("Kebutuhan dan rujukan"),
    template="broker/case_panel.html",
    context=_case_panel,
    order=20,
)


def _home_referrals(user) -> dict | None:
    from . import selectors

    data = {"incoming_referrals": selectors.incoming_waiting(user)[:10]}
    if access.role_of(user) in access.CASELOAD_ROLES:
        data["overdue_referrals"] = selectors.overdue_referrals(user)[:20]
        data["gap_suggestions"] = selectors.gap_suggestions(user)[:20]
    return data if any(data.values()) else None


plugins.home_item(
    key="referrals",
    template="broker/home_referrals.html",
    context=_home_referrals,
    roles={"worker", "supervisor", "admin", "auditor"},
    order=20,
)


@plugins.subscribe("need_changed", "broker.gap_sync")
def _sync_gap(*, need) -> None:
    """Keep the gap register true whenever a need is added, changed or met."""
    from .services import gap_sync

    gap_sync(need=need)


@plugins.demo_seeder("broker", after=("cases",))
def _demo(demo) -> None:
    from .demo import seed

    seed(rnd=demo.rnd, fake=demo.fake, today=demo.today)
