"""What the privacy app adds through pendamping/plugins.py: the data protection
officer's link and home card (today's unusual reading) and its matrix entries."""

from django.utils.translation import gettext_lazy as _

from pendamping import plugins

plugins.nav_item(
    key="privacy", label=_("Pelindungan data"), url="access_log", order=90,
    roles={"dpo", "admin"},
)  # fmt: skip
plugins.home_item(
    key="unusual_reading",
    template="privacy/home_unusual_reading.html",
    context="pendamping.privacy.selectors.home_unusual_reading",
    roles={"dpo", "admin"},
    order=5,
)
plugins.matrix("privacy", "pendamping.privacy.tests.matrix")
