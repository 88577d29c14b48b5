"""What the clients app registers in pendamping/plugins.py: its demo seeder and
its permission-matrix entries."""

from django.utils.translation import gettext_lazy as _

from pendamping import plugins

plugins.demo_seeder("clients", "pendamping.clients.demo.seed", after=("accounts",))
plugins.matrix("clients", "pendamping.clients.tests.matrix")

plugins.nav_item(
    key="clients",
    label=_("Klien"),
    url="client_list",
    order=10,
    roles=plugins.CASEWORK_ROLES,
)
plugins.periodic("import_reaper", "pendamping.clients.tasks.reap_stopped_imports", every_seconds=60)
plugins.search_source("clients", _("Klien"), "pendamping.clients.search.clients", order=10)
