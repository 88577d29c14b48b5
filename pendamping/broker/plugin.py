"""What the broker adds to casework (pendamping/plugins.py): the needs-and-referrals
card of the case page, the referrals card of the home page, its gap sync on every
need change, its demo data and its permission-matrix entries."""

from django.utils.translation import gettext_lazy as _

from pendamping import plugins

plugins.case_panel(
    key="needs",
    title=_("Kebutuhan dan rujukan"),
    template="broker/case_panel.html",
    context="pendamping.broker.selectors.case_panel",
    order=20,
)
plugins.home_item(
    key="referrals",
    template="broker/home_referrals.html",
    context="pendamping.broker.selectors.home_referrals",
    roles={"worker", "supervisor", "admin", "auditor"},
    order=20,
)
# keep the gap register true whenever a need is added, changed or met
plugins.subscribe("need_changed", "pendamping.broker.services.gap_sync")
plugins.demo_seeder("broker", "pendamping.broker.demo.seed", after=("cases",))
