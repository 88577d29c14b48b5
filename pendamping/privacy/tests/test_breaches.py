"""The breach register: recording a breach, finding the clients it touched from the
processing log (in chunks) or by hand, the letters and their dates, the clock in the
inbox, the history, through the pages and the API."""

import io
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone
from pypdf import PdfReader

from pendamping.clients import services as client_services
from pendamping.history import AppendOnlyError
from pendamping.inbox.models import Notification
from pendamping.pdf import render_pdf
from pendamping.privacy import breaches
from pendamping.privacy.models import AccessRecord, Breach, BreachClient, BreachEvent


def record(f, *, hours_ago=0, **kw):
    return breaches.breach_record(
        actor=f.users["dpo"], title="Laptop hilang", description="Laptop pekerja dicuri",
        data_categories=["contact", "identity"],
        discovered_at=timezone.now() - timedelta(hours=hours_ago), **kw,
    )  # fmt: skip


def register(worker, n, agency_letter="a"):
    return [
        client_services.client_register(
            actor=worker,
            data={
                "kind": "individual",
                "full_name": f"Klien {agency_letter}{i}",
                "sex": "M",
                "estimated_age": 30,
            },
        )
        for i in range(n)
    ]


def touching(f, n):
    """A breach of `f`'s agency, its officer having chosen `n` newly registered clients
    (Klien a0, a1, ...) as touched by it."""
    many = register(f.users["worker"], n)
    b = record(f)
    breaches.affected_add(actor=f.users["dpo"], breach=b, source="chosen",
                          client_ids=[c.pk for c in many])  # fmt: skip
    return b


def log(user, agency, ids, *, at, address="10.0.0.5", what="client_list"):
    AccessRecord.objects.create(
        agency=agency, user=user, at=at, what=what, address=address,
        clients="," + ",".join(map(str, ids)) + ",", client_count=len(ids),
    )  # fmt: skip


@pytest.mark.django_db
class TestRecording:
    def test_the_page_records_a_breach_with_its_3x24_hour_limit(self, client, world):
        client.force_login(world.a.users["dpo"])
        response = client.post(reverse("breach_create"), {
            "title": "Surel salah kirim", "description": "Daftar klien terkirim ke luar",
            "data_categories": ["identity", "health"],
        })  # fmt: skip
        made = Breach.objects.get()
        assert response.status_code == 302
        assert response["Location"] == reverse("breach_detail", args=[made.pk])
        assert made.agency == world.a.agency and made.recorded_by == world.a.users["dpo"]
        assert made.notify_due_at - made.discovered_at == timedelta(hours=72)
        assert made.data_categories == ["identity", "health"] and made.status == "investigating"
        assert list(made.events.values_list("kind", flat=True)) == ["recorded"]

    def test_bad_input_is_refused_in_both_languages_and_nothing_is_kept(self, client, world):
        client.force_login(world.a.users["admin"])
        later = (timezone.localtime() + timedelta(days=1)).strftime("%Y-%m-%dT%H:%M")
        data = {"title": "X", "description": "Y", "data_categories": ["identity"],
                "discovered_at": later}  # fmt: skip
        response = client.post(reverse("breach_create"), data)
        assert response.status_code == 422
        assert "Waktu diketahui tidak boleh di masa depan." in response.text
        client.post(reverse("set_language"), {"language": "en", "next": "/"})
        response = client.post(reverse("breach_create"), data | {"data_categories": ["nope"]})
        assert response.status_code == 422
        assert "Select a valid choice" in response.text
        response = client.post(reverse("breach_create"), data)
        assert "The time of discovery cannot be in the future." in response.text
        assert not Breach.objects.exists()

    def test_a_change_names_the_fields_and_a_stale_version_is_a_conflict(self, client, world):
        b = record(world.a)
        client.force_login(world.a.users["dpo"])
        form = {"title": b.title, "description": b.description,
                "discovered_at": timezone.localtime(b.discovered_at).strftime("%Y-%m-%dT%H:%M"),
                "data_categories": ["identity", "contact"], "containment": "Sandi diganti",
                "status": "contained", "version": b.version}  # fmt: skip
        assert client.post(reverse("breach_edit", args=[b.pk]), form).status_code == 302
        b.refresh_from_db()
        assert b.containment == "Sandi diganti" and b.status == "contained" and b.version == 2
        changed = b.events.get(kind="changed")
        assert changed.data == {"fields": ["containment", "status"], "status": "contained"}
        assert client.post(reverse("breach_edit", args=[b.pk]), form).status_code == 409

    def test_the_history_is_append_only(self, world):
        b = record(world.a)
        event = b.events.get()
        with pytest.raises(AppendOnlyError):
            event.delete()
        with pytest.raises(AppendOnlyError):
            BreachEvent.objects.filter(breach=b).update(kind="changed")


@pytest.mark.django_db
class TestAffectedClients:
    def test_every_client_a_user_read_in_a_period_from_the_log(self, world):
        a = world.a
        mine = register(a.users["worker"], 5)
        now = timezone.now()
        log(
            a.users["other_worker"], a.agency, [c.pk for c in mine[:3]], at=now - timedelta(hours=5)
        )
        log(
            a.users["other_worker"], a.agency, [mine[2].pk, mine[3].pk], at=now - timedelta(hours=2)
        )
        # outside the period, another user, another agency's client: none of them
        log(a.users["other_worker"], a.agency, [mine[4].pk], at=now - timedelta(days=3))
        log(a.users["worker"], a.agency, [a.client.pk], at=now - timedelta(hours=2))
        log(a.users["other_worker"], a.agency, [world.b.client.pk], at=now - timedelta(hours=2))
        b = record(a)
        added = breaches.affected_add(
            actor=a.users["dpo"], breach=b, source="user_reads", user_id=a.users["other_worker"].pk,
            since=now - timedelta(days=1), until=now,
        )  # fmt: skip
        assert added == 4
        assert set(b.affected.values_list("client_id", flat=True)) == {c.pk for c in mine[:4]}
        assert set(b.affected.values_list("source", flat=True)) == {"user_reads"}
        event = b.events.get(kind="clients_added")
        assert event.data["added"] == 4 and event.data["user"] == a.users["other_worker"].pk

    def test_by_address_and_by_caseload_and_by_hand_each_client_once(self, world):
        a = world.a
        now = timezone.now()
        extra = register(a.users["worker"], 2)
        log(
            a.users["admin"],
            a.agency,
            [extra[0].pk],
            at=now - timedelta(hours=1),
            address="10.9.9.9",
        )
        b = record(a)
        dpo = a.users["dpo"]
        assert breaches.affected_add(actor=dpo, breach=b, source="address_reads", address="10.9.9.9",
                                     since=now - timedelta(days=1), until=now) == 1  # fmt: skip
        # the worker's caseload: the world's client (their open case)
        assert breaches.affected_add(actor=dpo, breach=b, source="caseload",
                                     user_id=a.users["worker"].pk) == 1  # fmt: skip
        assert breaches.affected_add(actor=dpo, breach=b, source="chosen",
                                     client_ids=[extra[0].pk, extra[1].pk]) == 1  # fmt: skip
        assert b.affected.count() == 3

    def test_another_agencys_client_cannot_be_chosen(self, world):
        b = record(world.a)
        with pytest.raises(Exception, match="Bukan klien lembaga Anda"):
            breaches.affected_add(actor=world.a.users["dpo"], breach=b, source="chosen",
                                  client_ids=[world.b.client.pk])  # fmt: skip
        assert not b.affected.exists()

    def test_a_large_set_is_inserted_in_chunks(
        self, world, monkeypatch, django_assert_max_num_queries
    ):
        a = world.a
        clients = register(a.users["worker"], 25)
        now = timezone.now()
        for i in range(0, 25, 5):
            log(a.users["other_worker"], a.agency, [c.pk for c in clients[i:i + 5]],
                at=now - timedelta(minutes=10 + i))  # fmt: skip
        monkeypatch.setattr(breaches, "CHUNK", 4)
        inserted = []
        real = breaches._insert
        monkeypatch.setattr(breaches, "_insert",
                            lambda b, ids, s: (inserted.append(len(ids)), real(b, ids, s)))  # fmt: skip
        b = record(a)
        with django_assert_max_num_queries(40):
            added = breaches.affected_add(
                actor=a.users["dpo"], breach=b, source="user_reads",
                user_id=a.users["other_worker"].pk, since=now - timedelta(hours=1), until=now,
            )  # fmt: skip
        assert added == 25 and max(inserted) <= 4 and sum(inserted) == 25

    def test_the_page_lists_them_page_by_page_with_a_bounded_query_count(
        self, client, world, django_assert_max_num_queries
    ):
        a = world.a
        b = touching(a, 60)
        client.force_login(a.users["dpo"])
        with django_assert_max_num_queries(25):
            first = client.get(reverse("breach_detail", args=[b.pk]))
        assert (
            first.status_code == 200 and "Klien a0" in first.text and "Klien a59" not in first.text
        )
        second = client.get(reverse("breach_detail", args=[b.pk]) + "?page=2")
        assert "Klien a59" in second.text
        # the page shows clients: one processing-log row for the 50 it listed
        row = AccessRecord.objects.filter(user=a.users["dpo"], what="breach_detail").order_by("pk")[
            0
        ]
        assert row.client_count == 50

    def test_the_form_finds_by_user_and_period(self, client, world):
        a = world.a
        now = timezone.now()
        log(a.users["other_worker"], a.agency, [a.client.pk], at=now - timedelta(hours=3))
        b = record(a)
        client.force_login(a.users["admin"])
        response = client.post(reverse("breach_affected_add", args=[b.pk]), {
            "source": "user_reads", "user": a.users["other_worker"].pk,
            "since": timezone.localtime(now - timedelta(days=1)).strftime("%Y-%m-%dT%H:%M"),
            "until": timezone.localtime(now + timedelta(minutes=1)).strftime("%Y-%m-%dT%H:%M"),
        })  # fmt: skip
        assert response.status_code == 302
        assert list(b.affected.values_list("client_id", flat=True)) == [a.client.pk]
        response = client.post(
            reverse("breach_affected_add", args=[b.pk]), {"source": "user_reads"}
        )
        assert response.status_code == 422 and "Isi awal dan akhir periode." in response.text


@pytest.mark.django_db
class TestLetters:
    def test_letters_are_pdfs_and_their_dates_are_recorded(self, client, world):
        a = world.a
        b = record(a)
        breaches.affected_add(
            actor=a.users["dpo"], breach=b, source="chosen", client_ids=[a.client.pk]
        )
        client.force_login(a.users["dpo"])
        letter = client.get(reverse("breach_client_letter", args=[b.pk, a.client.pk]))
        assert letter.status_code == 200 and letter["Content-Type"] == "application/pdf"
        assert letter.content.startswith(b"%PDF")
        authority = client.get(reverse("breach_authority_letter", args=[b.pk]))
        assert authority.content.startswith(b"%PDF")
        # a client not touched by the breach has no letter
        other = register(a.users["worker"], 1)[0]
        assert client.get(reverse("breach_client_letter", args=[b.pk, other.pk])).status_code == 404
        client.post(reverse("breach_letters_issue", args=[b.pk]))
        client.post(reverse("breach_authority_letter_issue", args=[b.pk]))
        assert (
            client.post(reverse("breach_client_sent", args=[b.pk, a.client.pk])).status_code == 302
        )
        assert b.affected.get().notified_on == timezone.localdate()
        yesterday = (timezone.localdate() - timedelta(days=1)).isoformat()
        response = client.post(reverse("breach_authority_sent", args=[b.pk]),
                               {"authority-sent_on": yesterday})  # fmt: skip
        assert response.status_code == 422  # before the breach was discovered (today)
        response = client.post(reverse("breach_authority_sent", args=[b.pk]))
        b.refresh_from_db()
        assert response.status_code == 302 and b.authority_notified_on == timezone.localdate()
        assert b.clock(unnotified=0) == "done"
        kinds = list(b.events.values_list("kind", flat=True))
        assert kinds == ["recorded", "clients_added", "letter_issued", "letter_issued",
                         "client_notified", "authority_notified"]  # fmt: skip

    def test_the_letter_text_names_the_client_and_what_happened(self, rf, world):
        a = world.a
        b = record(a, containment="Token API dicabut")
        request = rf.get("/")
        request.user = a.users["dpo"]
        pdf = render_pdf(request, "privacy/breach_letter_client.html",
                         {"b": b, "client": a.client, "letter_date": timezone.localdate(),
                          "categories": b.category_labels(), "officer": "dpo@lembaga.id"})  # fmt: skip
        text = " ".join(
            " ".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf)).pages).split()
        )
        for part in (a.client.full_name, "Laptop pekerja dicuri", "Token API dicabut",
                     "Kontak dan alamat", "dpo@lembaga.id", "Pasal 46"):  # fmt: skip
            assert part in text, part

    def test_all_remaining_letters_at_once(self, client, world):
        a = world.a
        b = touching(a, 3)
        client.force_login(a.users["dpo"])
        client.post(reverse("breach_letters_issue", args=[b.pk]))
        assert client.post(reverse("breach_clients_sent", args=[b.pk])).status_code == 302
        assert not b.affected.filter(notified_on__isnull=True).exists()
        assert b.events.get(kind="clients_notified").data["count"] == 3


@pytest.mark.django_db
class TestClock:
    def test_the_inbox_tells_the_officer_and_admin_once_per_state(self, world):
        a = world.a
        soon = record(a, hours_ago=60)
        late = record(a, hours_ago=80)
        record(a, hours_ago=1)  # on track: nobody told
        told = breaches.escalate_due()
        assert told == {"soon": 2, "overdue": 2}  # the officer and the admin each
        assert breaches.escalate_due() == {"soon": 0, "overdue": 0}
        rows = Notification.objects.filter(kind="breach_clock")
        assert {r.recipient_id for r in rows} == {a.users["dpo"].pk, a.users["admin"].pk}
        assert {r.data["breach"] for r in rows} == {soon.pk, late.pk}
        # nothing about a person is in the notification
        assert all(a.client.full_name not in str(r.data) for r in rows)

    def test_a_breach_whose_letters_are_all_sent_stops_the_clock(self, world):
        a = world.a
        b = record(a, hours_ago=80)
        breaches.letter_issue(actor=a.users["dpo"], breach=b)
        breaches.authority_notified(actor=a.users["dpo"], breach=b)
        assert breaches.escalate_due() == {"soon": 0, "overdue": 0}

    def test_the_home_card_lists_pending_breaches(self, client, world):
        b = record(world.a, hours_ago=70)
        client.force_login(world.a.users["dpo"])
        response = client.get(reverse("home"))
        assert reverse("breach_detail", args=[b.pk]) in response.text
        client.force_login(world.a.users["worker"])
        assert reverse("breach_detail", args=[b.pk]) not in client.get(reverse("home")).text


@pytest.mark.django_db
class TestApi:
    def test_record_find_notify_and_read_the_history(self, api, world):
        a = world.a
        api.as_user(a.users["dpo"])
        made = api.post("/breaches", {"title": "Surel salah kirim", "description": "Terkirim",
                                      "data_categories": ["identity"]})  # fmt: skip
        assert made.status_code == 201, made.json()
        pk = made.json()["id"]
        assert made.json()["clock"] == "on_track" and made.json()["affected_count"] == 0
        added = api.post(
            f"/breaches/{pk}/clients", {"source": "chosen", "client_ids": [a.client.pk]}
        )
        assert added.json() == {"added": 1, "affected_count": 1}
        listed = api.get(f"/breaches/{pk}/clients").json()
        assert listed["items"][0]["client_id"] == a.client.pk and listed["count"] == 1
        assert api.post(f"/breaches/{pk}/letters", {}).json()["issued"] == 1
        api.post(f"/breaches/{pk}/authority-letter", {})
        sent = api.post(f"/breaches/{pk}/clients/{a.client.pk}/notified", {})
        assert sent.json()["notified_on"] == timezone.localdate().isoformat()
        api.post(f"/breaches/{pk}/authority-notified", {})
        got = api.get(f"/breaches/{pk}").json()
        assert got["clock"] == "done" and got["unnotified"] == 0
        patched = api.patch(f"/breaches/{pk}", {"version": got["version"], "status": "closed"})
        assert patched.json()["status"] == "closed"
        again = api.patch(f"/breaches/{pk}", {"version": got["version"] + 1, "title": "Lain"})
        assert again.status_code == 422
        history = api.get(f"/breaches/{pk}/history").json()
        assert [h["kind"] for h in history] == ["recorded", "clients_added", "letter_issued",
                                                "letter_issued", "client_notified",
                                                "authority_notified", "changed"]  # fmt: skip

    def test_bad_input_is_a_422_never_a_500(self, api, world):
        api.as_user(world.a.users["admin"])
        bad = api.post("/breaches", {"title": "X", "description": "Y", "data_categories": ["x"]})
        assert bad.status_code == 422
        b = record(world.a)
        bad = api.post(f"/breaches/{b.pk}/clients", {"source": "user_reads", "user_id": 1})
        assert bad.status_code == 422
        bad = api.post(f"/breaches/{b.pk}/clients", {"source": "chosen",
                                                     "client_ids": [world.b.client.pk]})  # fmt: skip
        assert bad.status_code == 422 and not BreachClient.objects.exists()

    def test_another_agency_and_a_worker_see_nothing(self, api, world):
        b = record(world.a)
        assert api.as_user(world.b.users["dpo"]).get(f"/breaches/{b.pk}").status_code == 404
        assert api.as_user(world.a.users["worker"]).get(f"/breaches/{b.pk}").status_code == 404
        assert api.as_user(world.a.users["worker"]).get("/breaches").status_code == 403


@pytest.mark.django_db
class TestTheAccessPackage:
    def test_it_tells_the_client_of_the_breaches_that_touched_them(self, world):
        from pendamping.privacy import package, requests

        a = world.a
        b = record(a)
        record(world.b)  # another agency's breach: not theirs
        breaches.affected_add(
            actor=a.users["dpo"], breach=b, source="chosen", client_ids=[a.client.pk]
        )
        made = requests.request_record(actor=a.users["dpo"], client_id=a.client.pk, kind="access",
                                       requested_by="client", identity_check="ktp")  # fmt: skip
        section = next(s for s in package.build(made)["sections"] if s["key"] == "breaches")
        assert [r["breach__title"] for r in section["records"]] == ["Laptop hilang"]
        assert section["records"][0]["breach__data_categories"] == ["identity", "contact"]
