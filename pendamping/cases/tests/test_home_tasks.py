"""The home page's upcoming tasks name the client, like the overdue ones."""

from datetime import timedelta

from django.urls import reverse
from django.utils import timezone

from pendamping.cases import services


def test_upcoming_tasks_show_the_clients_name(client, world):
    f = world.a
    worker = f.users["worker"]
    services.task_add(
        actor=worker,
        case=f.case,
        title="Kunjungan rumah berikutnya",
        due_date=timezone.localdate() + timedelta(days=3),
        assignee=worker,
    )
    client.force_login(worker)
    page = client.get(reverse("home")).text
    upcoming = page[page.index("Akan datang") :]
    line = upcoming[: upcoming.index("</li>")]
    assert "Kunjungan rumah berikutnya" in line and f.client.full_name in line
