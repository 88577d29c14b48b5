"""What the cases app registers in pendamping/plugins.py: its demo seeder and the
notifications it raises (a task assigned to you, a task of yours overdue:
``manage.py notify_overdue``, also a periodic check of ``manage.py periodic``)."""

from django.utils.translation import gettext_lazy as _

from pendamping import plugins

plugins.demo_seeder("cases", "pendamping.cases.demo.seed", after=("clients",))
# a deleted client's open cases leave the dashboards' tallies (pendamping/cases/tallies.py)
plugins.subscribe("client_deleted", "pendamping.cases.tallies.client_deleted")
plugins.notification_kind(
    "task_assigned",
    _("Tindak lanjut ditugaskan kepada Anda"),
    "pendamping.cases.notifications.task_assigned",
    app="cases",
    order=30,
)
plugins.notification_kind(
    "task_overdue",
    _("Tindak lanjut Anda terlambat"),
    "pendamping.cases.notifications.task_overdue",
    app="cases",
    order=31,
)
plugins.periodic(
    "notify_overdue", "pendamping.cases.services.tasks_overdue_notify", every_seconds=3600
)

plugins.nav_item(
    key="cases",
    label=_("Kasus"),
    url="case_list",
    order=20,
    roles=plugins.CASEWORK_ROLES,
)
plugins.nav_item(key="agenda", label=_("Agenda"), url="agenda", order=15)
plugins.agenda_source("tasks", "pendamping.cases.agenda.tasks", app="cases")
plugins.search_source("cases", _("Kasus"), "pendamping.cases.search.cases", order=20)

# what the app holds about a client, for the data subject's access package
plugins.personal_data(
    "cases",
    _("Kasus"),
    "pendamping.cases.personal.cases",
    models=["cases.Case"],
    erase="pendamping.cases.personal.erase_cases",
    hold="pendamping.cases.personal.hold_open_cases",
    order=20,
)
plugins.personal_data(
    "case_notes",
    _("Catatan perkembangan"),
    "pendamping.cases.personal.notes",
    models=["cases.ProgressNote"],
    erase="pendamping.cases.personal.erase_notes",
    order=21,
)
plugins.personal_data(
    "case_tasks",
    _("Tindak lanjut"),
    "pendamping.cases.personal.tasks",
    models=["cases.Task"],
    erase="pendamping.cases.personal.erase_tasks",
    order=22,
)
plugins.personal_data(
    "case_needs",
    _("Kebutuhan"),
    "pendamping.cases.personal.needs",
    models=["cases.Need"],
    erase="pendamping.cases.personal.erase_needs",
    order=23,
)
plugins.personal_data(
    "case_timeline",
    _("Riwayat kasus"),
    "pendamping.cases.personal.timeline",
    models=["cases.CaseEvent"],
    erase="pendamping.cases.personal.erase_timeline",
    order=24,
)

# records of processing (privacy app): what casework does with the data
plugins.processing(
    "casework", _("Manajemen kasus: asesmen awal, rencana, pendampingan dan terminasi"),
    categories=["identity", "family", "health", "disability", "welfare", "legal",
                "case_notes"],
    lawful_bases=["consent", "public_task", "vital_interest"],
    covers=["cases", "case_notes", "case_tasks", "case_needs", "case_timeline"],
    app="cases", order=20,
)  # fmt: skip
