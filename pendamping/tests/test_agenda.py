"""The agenda (``/agenda/``): every app's ``plugins.agenda_source`` for the user and
the period, scoped, in a bounded number of queries, on screen and as a PDF."""

import datetime
import io
import os

import pypdf
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from pendamping import plugins
from pendamping.accounts.tests.test_permission_matrix import broker
from pendamping.advocate.tests.matrix import advocate
from pendamping.cases import services
from pendamping.facilitator.tests.matrix import facilitator
from pendamping.mediator.tests.matrix import mediation


def _week(day: datetime.date) -> str:
    return reverse("agenda") + f"?view=week&date={day.isoformat()}"


def _visit(f, day, **kw):
    worker = f.users["worker"]
    return services.task_add(
        actor=worker, case=f.case, title="Kunjungan rumah", due_date=day, assignee=worker,
        due_time=datetime.time(9, 30), place="Rumah klien, Jl. Melati 3", **kw,
    )  # fmt: skip


def test_every_role_module_registers_a_source():
    keys = {s.key for s in plugins.registry.agenda_sources()}
    assert keys == {
        "tasks", "referral_follow_ups", "programme_sessions", "mediations", "complaint_deadlines"
    }  # fmt: skip


def test_a_home_visit_shows_with_its_time_and_place_on_its_day(client, world):
    f = world.a
    day = timezone.localdate() + datetime.timedelta(days=1)
    _visit(f, day)
    client.force_login(f.users["worker"])
    page = client.get(reverse("agenda") + f"?view=day&date={day.isoformat()}").text
    assert "09:30" in page and "Rumah klien, Jl. Melati 3" in page
    assert "Kunjungan rumah" in page and f.case.number in page
    assert "Tidak ada yang terjadwal" not in page


def test_the_task_form_plans_a_visit_with_time_and_place(client, world):
    f = world.a
    client.force_login(f.users["worker"])
    day = timezone.localdate() + datetime.timedelta(days=2)
    r = client.post(
        reverse("task_add", kwargs={"pk": f.case.pk}),
        {"title": "Kunjungan rumah", "due_date": day.isoformat(), "due_time": "14:00",
         "place": "Balai RW 05"},
    )  # fmt: skip
    assert r.status_code == 302
    task = f.case.tasks.latest("pk")
    assert task.due_time == datetime.time(14, 0) and task.place == "Balai RW 05"
    r = client.post(
        reverse("task_add", kwargs={"pk": f.case.pk}),
        {"title": "Kunjungan", "due_date": day.isoformat(), "due_time": "25:99"},
    )
    assert r.status_code == 422 and "jam" in r.text.lower()


def test_the_week_holds_every_apps_entries_and_no_one_elses(client, world):
    f = world.a
    for prepare in (broker, facilitator, mediation, advocate):
        prepare(f)
    today = timezone.localdate()
    _visit(f, today)
    _visit(world.b, today)  # another agency's visit
    f.referral.follow_up_date = today
    f.referral.status = "requested"
    f.referral.save()
    deadline = timezone.localtime(f.complaint.deadline_at).date()
    client.force_login(f.users["worker"])
    page = client.get(_week(today)).text
    assert page.count("Rumah klien, Jl. Melati 3") == 1  # B's visit is not here
    assert f.referral.number in page  # a referral follow-up
    assert "Bimbingan mental spiritual" in page  # the session the worker facilitates
    assert "Pagar dan saluran air" in page  # a mediation session and its term due today
    assert "Rahasia kaukus" not in page and "Pagar dipindah" not in page
    page = client.get(_week(deadline)).text
    assert f.complaint.tracking_code in page and "Data bansos salah" not in page
    # the other worker of agency A has none of these
    client.force_login(f.users["other_worker"])
    page = client.get(_week(today)).text
    assert "Tidak ada yang terjadwal untuk Anda pada minggu ini" in page
    # the instructor sees the session they teach, nothing else
    client.force_login(f.users["instructor"])
    page = client.get(_week(today)).text
    assert "Bimbingan mental spiritual" in page and f.referral.number not in page


def test_queries_do_not_grow_with_entries(client, world):
    f = world.a
    for prepare in (broker, facilitator, mediation, advocate):
        prepare(f)
    today = timezone.localdate()
    client.force_login(f.users["worker"])
    client.get(_week(today))
    with CaptureQueriesContext(connection) as few:
        client.get(_week(today))
    for i in range(6):
        _visit(f, today + datetime.timedelta(days=i % 3))
    with CaptureQueriesContext(connection) as many:
        page = client.get(_week(today)).text
    assert page.count("Rumah klien") >= 3
    assert len(many) == len(few) <= 25


def test_week_navigation_and_bad_dates(client, world):
    client.force_login(world.a.users["worker"])
    r = client.get(reverse("agenda") + "?view=week&date=2026-12-03")
    assert r.status_code == 200
    assert "date=2026-11-26" in r.text and "date=2026-12-10" in r.text  # previous and next
    assert 'datetime="2026-11-30"' in r.text and 'datetime="2026-12-06"' in r.text  # Mon–Sun
    for bad in ("2026-13-40", "x" * 500, "9999-01-01", "0001-01-01"):
        r = client.get(reverse("agenda") + f"?view=week&date={bad}")
        assert r.status_code == 200 and "tidak dapat dibaca" in r.text
    r = client.get(reverse("agenda") + "?view=year")
    assert r.status_code == 200 and "Tampilan agenda tidak dikenal" in r.text


def test_english(client, world):
    from pendamping.cases.models import Task

    # the world's task falls due two days ago: in this week or the last, by the weekday
    later = timezone.localdate() + datetime.timedelta(days=30)
    Task.objects.filter(pk=world.a.task.pk).update(due_date=later)
    client.force_login(world.a.users["worker"])
    client.cookies["django_language"] = "en"
    page = client.get(reverse("agenda")).text
    assert "Nothing is scheduled for you this week." in page and "Next week" in page


def test_the_agenda_prints(client, world):
    f = world.a
    day = timezone.localdate()
    _visit(f, day)
    client.force_login(f.users["worker"])
    r = client.get(reverse("agenda_pdf") + f"?view=day&date={day.isoformat()}")
    assert r.status_code == 200 and r["Content-Type"] == "application/pdf"
    if os.environ.get("SHOTS_DIR"):
        with open(os.path.join(os.environ["SHOTS_DIR"], "agenda.pdf"), "wb") as out:
            out.write(r.content)
    text = " ".join(_pdf_text(r.content).split())
    assert "Rumah klien, Jl. Melati 3" in text and "09:30" in text
    assert "LEMBAGA A" in text  # the kop surat, its name in capitals


def _pdf_text(data: bytes) -> str:
    return "\n".join(p.extract_text() for p in pypdf.PdfReader(io.BytesIO(data)).pages)
