"""True erasure (issue 16): after anonymising clients, a full dump of the database, the
upload folders, and every page and API answer about them hold neither their name, NIK
nor phone, searched as bytes. Runs on whichever engine the suite runs:

- SQLite: the database's pages copied with SQLite's backup API (free pages included:
  the connections run with ``PRAGMA secure_delete=ON``) and its ``iterdump``;
- PostgreSQL: ``pg_dump --format=plain`` of the test database.

The demo (every app's seeder) gives the clients their records in every app; each
client also gets an upload of every kind (a consent's scan, a complaint's evidence,
a participant's photo) and typed text naming them in history rows. The legal holds
(an open case...) are tested in test_erasure.py; here every demo client is erased.
"""

import io
import sqlite3
import subprocess
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command
from django.db import connection
from django.urls import reverse
from django.utils import timezone

from pendamping import plugins
from pendamping.accounts.models import Role, User
from pendamping.cases.models import Case, CaseEvent, ProgressNote
from pendamping.clients.models import Client, Consent
from pendamping.privacy import erasure
from pendamping.privacy.models import Breach, BreachClient, Erasure
from pendamping.taxonomy import terms as taxonomy

pytestmark = [pytest.mark.xdist_group("demo")]


def marked(client) -> list[bytes]:
    return [v.encode() for v in (client.full_name, client.nik, client.phone) if v]


def write(folder: Path, name: str, data: bytes) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / name).write_bytes(data)
    return folder / name


def give_every_kind_of_trace(client) -> list[Path]:
    """Uploads and typed text naming the client where erasure must reach."""
    from pendamping.advocate.models import AnonymousContact, Complaint, Evidence
    from pendamping.facilitator.models import ParticipantNote
    from pendamping.mediator.models import SessionAttendance

    words = f"{client.full_name} NIK {client.nik} telp {client.phone}"
    files = []
    consent = Consent.objects.filter(client=client).first()
    if consent:
        name = f"scan{client.pk}.pdf"
        files.append(write(Path(settings.CONSENT_UPLOAD_DIR), name, words.encode()))
        Consent.objects.filter(pk=consent.pk).update(
            proof_file=name, witness_name=words[:100], recording_reference=words[:300]
        )
    for complaint in Complaint.objects.filter(client=client)[:1]:
        name = f"ev{client.pk}.jpg"
        files.append(write(Path(settings.ADVOCATE_UPLOAD_DIR), name, words.encode()))
        Evidence.objects.create(complaint=complaint, label=words[:100], file_name=name,
                                content_type="image/jpeg", size=len(words),
                                uploaded_by=complaint.created_by)  # fmt: skip
        AnonymousContact.objects.update_or_create(complaint=complaint,
                                                  defaults={"channel": words[:200]})  # fmt: skip
    SessionAttendance.objects.filter(party__client=client).update(reason=words[:300])
    # a breach that touched the client, whose texts name them (and its clients' access
    # packages would tell it)
    breach = Breach.objects.create(
        agency_id=client.agency_id, title=f"Berkas {client.full_name} bocor"[:200],
        description=words, containment=f"Telepon {client.full_name} diblokir",
        data_categories=["identity"], discovered_at=timezone.now(),
        notify_due_at=timezone.now(), recorded_by=client.registered_by,
    )  # fmt: skip
    BreachClient.objects.create(breach=breach, client=client, source="chosen")
    for note in ParticipantNote.objects.filter(enrolment__case__client=client)[:1]:
        name = f"photo{client.pk}.jpg"
        files.append(write(Path(settings.FACILITATOR_UPLOAD_DIR), name, words.encode()))
        ParticipantNote.objects.filter(pk=note.pk).update(photo_name=name, text=words)
    for case in Case.objects.filter(client=client):
        CaseEvent.objects.create(case=case, kind="task_added", actor=case.created_by,
                                 data={"title": f"Kunjungi {words}"})  # fmt: skip
        CaseEvent.objects.create(case=case, kind="reopened", actor=case.created_by,
                                 data={"reason": words})  # fmt: skip
        ProgressNote.objects.create(case=case, author=case.created_by, body=words,
                                    occurred_on=case.opened_at.date())  # fmt: skip
    return files


def database_bytes(tmp_path) -> bytes:
    if connection.vendor == "sqlite":
        connection.ensure_connection()
        copy = tmp_path / "copy.sqlite3"
        target = sqlite3.connect(copy)
        connection.connection.backup(target)
        target.close()
        dump = "\n".join(connection.connection.iterdump()).encode()
        return copy.read_bytes() + b"\n" + dump
    from pendamping.backup import _pg_env
    from pendamping.tests import app_role

    db = {**connection.settings_dict, **app_role.owner_credentials()}  # pg_dump reads all
    done = subprocess.run(
        ["pg_dump", "--format=plain", "--no-owner", "--no-privileges", db["NAME"]],
        env=_pg_env(db), check=True, capture_output=True,
    )  # fmt: skip
    return done.stdout


def pages_about(http, client) -> list[tuple[str, bytes]]:
    urls = [reverse("client_detail", args=[client.pk]), reverse("client_edit", args=[client.pk]),
            reverse("search") + f"?q={client.pk}"]  # fmt: skip
    for case in Case._base_manager.filter(client_id=client.pk):
        urls += [reverse("case_detail", args=[case.pk]), reverse("case_summary", args=[case.pk])]
        urls += [
            reverse("case_panel", args=[case.pk, p.key]) for p in plugins.registry.case_panels()
        ]
    api = [f"/clients/{client.pk}", f"/clients/{client.pk}/family",
           f"/clients/{client.pk}/consents", f"/clients/{client.pk}/members"]  # fmt: skip
    for case in Case._base_manager.filter(client_id=client.pk):
        api += [f"/cases/{case.pk}", f"/cases/{case.pk}/events", f"/cases/{case.pk}/notes",
                f"/cases/{case.pk}/tasks"]  # fmt: skip
    answers = [(url, http.get(url).content) for url in urls]
    return answers + [(path, http.api.get(path).content) for path in api]


@pytest.mark.django_db(transaction=True)
def test_nothing_of_an_anonymised_client_is_left_anywhere(client, api, tmp_path, monkeypatch):
    taxonomy.load()  # an earlier transactional test's flush emptied what migrations loaded
    call_command("demo", clients=8, stdout=io.StringIO())
    people = list(Client.objects.order_by("pk"))
    assert len(people) >= 8
    traces = {c.pk: marked(c) for c in people}
    files = [path for c in people for path in give_every_kind_of_trace(c)]
    assert len(files) >= 3
    before = database_bytes(tmp_path)
    assert all(any(t in before for t in ts) for ts in traces.values())  # the search can find

    monkeypatch.setattr(erasure, "refusals", lambda c: [])  # the holds: test_erasure.py
    for c in people:
        admin = User.objects.get(membership__agency_id=c.agency_id, membership__role=Role.ADMIN,
                                 username__endswith=".admin")  # fmt: skip
        erasure.anonymise(c, actor=admin, reason="retention_ended", basis="decision",
                          via="command")  # fmt: skip
    assert Erasure.objects.count() == len(people)
    assert all(e.report.get("breaches") for e in Erasure.objects.all())

    dump = database_bytes(tmp_path)
    left = {pk: [t for t in ts if t in dump] for pk, ts in traces.items()}
    assert not any(left.values()), left
    assert not any(path.exists() for path in files)
    for folder in (settings.CONSENT_UPLOAD_DIR, settings.ADVOCATE_UPLOAD_DIR,
                   settings.FACILITATOR_UPLOAD_DIR, settings.IMPORT_UPLOAD_DIR):  # fmt: skip
        for path in Path(folder).rglob("*") if Path(folder).exists() else ():
            if path.is_file():
                data = path.read_bytes()
                assert not any(t in data for ts in traces.values() for t in ts), path

    for c in people:
        admin = User.objects.get(membership__agency_id=c.agency_id, membership__role=Role.ADMIN,
                                 username__endswith=".admin")  # fmt: skip
        client.force_login(admin)
        client.api = api.as_user(admin)
        for url, body in pages_about(client, c):
            found = [t for ts in traces.values() for t in ts if t in body]
            assert not found, (url, found)
