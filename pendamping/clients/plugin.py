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

# what the app holds about a client, for the data subject's access package
plugins.personal_data(
    "client_identity",
    _("Identitas klien"),
    "pendamping.clients.personal.identity",
    models=["clients.Client", "clients.ClientNameIndex"],
    erase="pendamping.clients.personal.erase_identity",
    order=10,
)
plugins.personal_data(
    "client_family",
    _("Anggota keluarga"),
    "pendamping.clients.personal.family",
    models=["clients.FamilyMember"],
    erase="pendamping.clients.personal.erase_family",
    order=11,
)
plugins.personal_data(
    "client_consents",
    _("Persetujuan"),
    "pendamping.clients.personal.consents",
    models=["clients.Consent"],
    erase="pendamping.clients.personal.erase_consents",
    order=12,
)
plugins.personal_data(
    "client_groups",
    _("Keanggotaan kelompok"),
    "pendamping.clients.personal.groups",
    models=["clients.GroupMember"],
    erase="pendamping.clients.personal.erase_groups",
    order=13,
)

# records of processing (privacy app): what the client register does with the data
plugins.processing(
    "client_register", _("Pendaftaran dan identifikasi klien layanan kesejahteraan sosial"),
    categories=["identity", "contact", "family", "health", "disability", "religion",
                "education", "finance", "welfare", "photo"],
    lawful_bases=["consent", "public_task", "legal_obligation"],
    covers=["client_identity", "client_family", "client_consents", "client_groups"],
    app="clients", order=10,
)  # fmt: skip
