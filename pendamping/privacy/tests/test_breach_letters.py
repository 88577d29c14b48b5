"""The breach letters' numbers: a letter's PDF is a draft without a number until the
officer issues it (an explicit action, in the breach's history); issuing gives the
agency's next letter number (its letterhead's pattern) and the day, once, and every
reprint keeps both. A preview takes no number."""

import io
from datetime import date

import pytest
from django.urls import reverse
from django.utils import timezone
from pypdf import PdfReader

from pendamping.accounts.letterhead import ROMAN, LetterCounter, Letterhead
from pendamping.privacy import breaches
from pendamping.privacy.models import BreachClient

from .test_breaches import record, register


def _text(response) -> str:
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    pages = PdfReader(io.BytesIO(response.content)).pages
    return " ".join(" ".join(p.extract_text() for p in pages).split())


def _numbers(today=None) -> tuple[str, str]:
    today = today or timezone.localdate()
    month = ROMAN[today.month - 1]
    return (f"001/PDP/LKS-A/{month}/{today.year}", f"002/PDP/LKS-A/{month}/{today.year}")


@pytest.fixture
def touched(world):
    """A breach of agency A that touched its client, under a letterhead with a unit."""
    a = world.a
    Letterhead.objects.create(agency=a.agency, name="Lembaga A", unit="LKS-A",
                              number_pattern="{seq}/{kind}/{unit}/{month}/{year}")  # fmt: skip
    b = record(a)
    breaches.affected_add(actor=a.users["dpo"], breach=b, source="chosen",
                          client_ids=[a.client.pk])  # fmt: skip
    return b


@pytest.mark.django_db
class TestDraft:
    def test_a_preview_is_a_draft_and_takes_no_number(self, client, world, touched):
        a, b = world.a, touched
        client.force_login(a.users["dpo"])
        for url in (reverse("breach_client_letter", args=[b.pk, a.client.pk]),
                    reverse("breach_authority_letter", args=[b.pk])):  # fmt: skip
            text = _text(client.get(url))
            assert "DRAF — belum diterbitkan, belum bernomor" in text and "Nomor : (draf)" in text
            assert "/PDP/" not in text
        assert not LetterCounter.objects.filter(agency=a.agency).exists()
        b.refresh_from_db()
        assert b.authority_letter_number == "" and b.affected.get().letter_number == ""
        assert list(b.events.values_list("kind", flat=True)) == ["recorded", "clients_added"]
        page = client.get(reverse("breach_detail", args=[b.pk])).text
        assert page.count("Draf surat PDF") == 2 and page.count("Terbitkan surat (beri nomor)") == 2

    def test_the_draft_in_english(self, client, world, touched):
        a, b = world.a, touched
        client.force_login(a.users["dpo"])
        client.post(reverse("set_language"), {"language": "en", "next": "/"})
        text = _text(client.get(reverse("breach_authority_letter", args=[b.pk])))
        assert "DRAFT — not issued yet, no number" in text and "(draft)" in text
        page = client.get(reverse("breach_detail", args=[b.pk])).text
        assert "Issue the letter (give it a number)" in page and "Draft letter (PDF)" in page


@pytest.mark.django_db
class TestIssue:
    def test_issuing_numbers_the_letter_once_and_reprints_keep_it(self, client, world, touched):
        a, b = world.a, touched
        first, second = _numbers()
        client.force_login(a.users["dpo"])
        issue = reverse("breach_client_letter_issue", args=[b.pk, a.client.pk])
        got = client.post(issue, follow=True)
        assert got.redirect_chain[-1][1] == 302
        assert f"Surat diterbitkan dengan nomor {first}." in got.text
        assert f"Surat PDF</a> · {first}" in got.text
        url = reverse("breach_client_letter", args=[b.pk, a.client.pk])
        for _ in range(2):  # a reprint keeps its number
            text = _text(client.get(url))
            assert first in text and "DRAF" not in text
        again = client.post(issue)
        assert again.status_code == 422
        assert f"Surat ini sudah diterbitkan dengan nomor {first}." in again.text
        # the authority's letter takes the next number, issued by the agency's admin
        client.force_login(a.users["admin"])
        assert client.post(reverse("breach_authority_letter_issue", args=[b.pk])).status_code == 302
        assert second in _text(client.get(reverse("breach_authority_letter", args=[b.pk])))
        b.refresh_from_db()
        affected = b.affected.get()
        assert (b.authority_letter_number, b.authority_letter_issued_on) == (
            second, timezone.localdate())  # fmt: skip
        assert (affected.letter_number, affected.letter_issued_on) == (first, timezone.localdate())
        issued = list(b.events.filter(kind="letter_issued").order_by("pk"))
        assert [(e.by, e.data) for e in issued] == [
            (a.users["dpo"], {"number": first, "to": "client", "client": a.client.pk}),
            (a.users["admin"], {"number": second, "to": "authority", "client": None}),
        ]
        page = client.get(reverse("breach_detail", args=[b.pk])).text
        assert f"Surat ke klien #{a.client.pk} diterbitkan, nomor {first}" in page
        assert f"Surat ke lembaga PDP diterbitkan, nomor {second}" in page
        assert "Terbitkan surat (beri nomor)" not in page

    def test_a_reprint_keeps_the_day_it_was_issued(self, client, world, touched):
        a, b = world.a, touched
        client.force_login(a.users["dpo"])
        client.post(reverse("breach_client_letter_issue", args=[b.pk, a.client.pk]))
        BreachClient.objects.filter(breach=b).update(letter_issued_on=date(2026, 1, 5))
        text = _text(client.get(reverse("breach_client_letter", args=[b.pk, a.client.pk])))
        assert "5 Januari 2026" in text and _numbers()[0] in text

    def test_only_a_client_the_breach_touched_has_a_letter_to_issue(self, client, world, touched):
        a, b = world.a, touched
        client.force_login(a.users["dpo"])
        url = reverse("breach_client_letter_issue", args=[b.pk, world.b.client.pk])
        assert client.post(url).status_code == 404
        assert (
            client.get(reverse("breach_client_letter_issue", args=[b.pk, a.client.pk])).status_code
            == 405
        )
        assert not LetterCounter.objects.exists()

    def test_without_a_letterhead_the_default_pattern_numbers_them(self, client, world):
        a = world.a
        b = record(a)
        client.force_login(a.users["admin"])
        today = timezone.localdate()
        client.post(reverse("breach_authority_letter_issue", args=[b.pk]))
        text = _text(client.get(reverse("breach_authority_letter", args=[b.pk])))
        assert f"001/PDP/-/{ROMAN[today.month - 1]}/{today.year}" in text
        # agency B's counter is its own
        other = record(world.b)
        number = breaches.letter_issue(actor=world.b.users["dpo"], breach=other)
        assert number.startswith("001/PDP/")


@pytest.mark.django_db
class TestIssueApi:
    def test_the_api_issues_each_letter_once(self, api, world, touched):
        a, b = world.a, touched
        first, second = _numbers()
        api.as_user(a.users["dpo"])
        assert api.get(f"/breaches/{b.pk}").json()["authority_letter_number"] == ""
        listed = api.get(f"/breaches/{b.pk}/clients").json()["items"]
        assert listed[0]["letter_number"] == "" and listed[0]["letter_issued_on"] is None
        path = f"/breaches/{b.pk}/clients/{a.client.pk}/letter"
        got = api.post(path, {})
        assert got.status_code == 200, got.content
        assert got.json()["letter_number"] == first
        assert got.json()["letter_issued_on"] == timezone.localdate().isoformat()
        again = api.post(path, {})
        assert again.status_code == 422 and first in again.content.decode()
        got = api.post(f"/breaches/{b.pk}/authority-letter", {})
        assert got.status_code == 200 and got.json()["authority_letter_number"] == second
        assert api.post(f"/breaches/{b.pk}/authority-letter", {}).status_code == 422
        history = api.get(f"/breaches/{b.pk}/history").json()
        assert [h["kind"] for h in history][-2:] == ["letter_issued", "letter_issued"]
        assert f"nomor {second}" in history[-1]["text"]
        # another agency's officer does not see the breach
        api.as_user(world.b.users["dpo"])
        assert api.post(path, {}).status_code == 404


@pytest.mark.django_db
def test_a_restricted_client_still_gets_the_letter_the_law_owes_them(client, world, touched):
    """A restriction of processing refuses exports of the client's file, not the
    breach notification owed to the client (art. 46)."""
    from pendamping.privacy import requests, restriction

    a, b = world.a, touched
    asked = requests.request_record(actor=a.users["dpo"], client_id=a.client.pk,
                                    kind="restriction", requested_by="client",
                                    identity_check="ktp")  # fmt: skip
    restriction.restriction_apply(actor=a.users["dpo"], request=asked)
    client.force_login(a.users["worker"])
    assert client.get(reverse("case_summary_pdf", args=[a.case.pk])).status_code == 403
    client.force_login(a.users["dpo"])
    client.post(reverse("breach_client_letter_issue", args=[b.pk, a.client.pk]))
    text = _text(client.get(reverse("breach_client_letter", args=[b.pk, a.client.pk])))
    assert _numbers()[0] in text and "DRAF" not in text


def _many(world, n):
    """A breach of agency A that touched `n` new clients of A (bulk-made, ids rising)."""
    from pendamping.clients.models import Client

    a = world.a
    made = Client.objects.bulk_create(
        [
            Client(
                agency=a.agency,
                kind="individual",
                full_name=f"Klien {i}",
                registered_by=a.users["worker"],
            )
            for i in range(n)
        ]
    )
    b = breaches.breach_record(actor=a.users["dpo"], title="Laptop hilang", description="Dicuri",
                               data_categories=["identity"])  # fmt: skip
    ids = [c.pk for c in made]
    for start in range(0, n, breaches.CHOSEN_LIMIT):  # at most CHOSEN_LIMIT chosen at once
        breaches.affected_add(actor=a.users["dpo"], breach=b, source="chosen",
                              client_ids=ids[start : start + breaches.CHOSEN_LIMIT])  # fmt: skip
    return b


def _issue_all_queries(client, b) -> int:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as seen:
        response = client.post(reverse("breach_letters_issue", args=[b.pk]))
    assert response.status_code == 302, response.content
    return len(seen)


@pytest.mark.django_db
class TestIssueAll:
    def test_it_numbers_every_unissued_letter_in_client_order_once(self, client, world, touched):
        a, b = world.a, touched
        others = [c.pk for c in register(a.users["worker"], 3)]
        breaches.affected_add(actor=a.users["dpo"], breach=b, source="chosen", client_ids=others)
        client.force_login(a.users["dpo"])
        # one letter issued by hand first: its number stays and the others follow it
        client.post(reverse("breach_client_letter_issue", args=[b.pk, others[1]]))
        got = client.post(reverse("breach_letters_issue", args=[b.pk]), follow=True)
        month, year = ROMAN[timezone.localdate().month - 1], timezone.localdate().year
        n = lambda seq: f"{seq:03d}/PDP/LKS-A/{month}/{year}"  # noqa: E731
        assert f"3 surat diterbitkan, nomor {n(2)} sampai {n(4)}." in got.text
        rows = dict(b.affected.values_list("client_id", "letter_number"))
        order = sorted(c for c in rows if c != others[1])
        assert rows[others[1]] == n(1)
        assert [rows[c] for c in order] == [n(2), n(3), n(4)]
        assert set(b.affected.values_list("letter_issued_on", flat=True)) == {timezone.localdate()}
        event = b.events.filter(kind="letter_issued").order_by("pk").last()
        assert event.by == a.users["dpo"] and event.data == {
            "to": "clients",
            "count": 3,
            "first": n(2),
            "last": n(4),
            "clients": order,
        }
        assert f"3 surat ke klien diterbitkan, nomor {n(2)} sampai {n(4)}" in got.text
        # again: nothing left to issue, said plainly, and no number taken
        again = client.post(reverse("breach_letters_issue", args=[b.pk]))
        assert again.status_code == 422 and "Semua surat ke klien sudah diterbitkan." in again.text
        assert LetterCounter.objects.get(agency=a.agency).last == 4
        # the authority's letter takes the next number: none is given twice
        client.post(reverse("breach_authority_letter_issue", args=[b.pk]))
        b.refresh_from_db()
        assert b.authority_letter_number == n(5)

    def test_in_english(self, client, world, touched):
        b = touched
        client.force_login(world.a.users["dpo"])
        client.cookies["django_language"] = "en"
        page = client.get(reverse("breach_detail", args=[b.pk])).text
        assert "Issue the 1 letter without a number" in page
        got = client.post(reverse("breach_letters_issue", args=[b.pk]), follow=True)
        assert "1 letter issued, number 001/PDP/LKS-A/" in got.text
        again = client.post(reverse("breach_letters_issue", args=[b.pk]))
        assert "Every letter to the clients has been issued already." in again.text

    def test_thousands_of_clients_take_a_bounded_number_of_queries(self, client, world):
        client.force_login(world.a.users["dpo"])
        few = _issue_all_queries(client, _many(world, 2))
        many_breach = _many(world, 1500)
        assert _issue_all_queries(client, many_breach) == few
        numbers = list(many_breach.affected.order_by("client_id")
                       .values_list("letter_number", flat=True))  # fmt: skip
        seqs = [int(x.split("/")[0]) for x in numbers]
        assert seqs == list(range(3, 1503)) and len(set(numbers)) == 1500
        assert numbers[-1].startswith("1502/PDP/")  # more than three digits, as format_number

    def test_the_api_issues_them_all(self, api, world, touched):
        a, b = world.a, touched
        api.as_user(a.users["dpo"])
        assert api.get(f"/breaches/{b.pk}").json()["unissued"] == 1
        got = api.post(f"/breaches/{b.pk}/letters", {})
        assert got.status_code == 200, got.content
        body = got.json()
        assert (body["issued"], body["unissued"]) == (1, 0)
        assert body["first_number"] == body["last_number"] == _numbers()[0]
        again = api.post(f"/breaches/{b.pk}/letters", {})
        assert again.status_code == 422 and again.json()["detail"]
        api.as_user(world.b.users["dpo"])
        assert api.post(f"/breaches/{b.pk}/letters", {}).status_code == 404


@pytest.mark.django_db
class TestSentNeedsIssued:
    def test_a_letter_not_issued_cannot_be_recorded_as_sent(self, client, world, touched):
        a, b = world.a, touched
        client.force_login(a.users["dpo"])
        page = client.get(reverse("breach_detail", args=[b.pk])).text
        assert "terbitkan suratnya dulu" in page
        got = client.post(reverse("breach_client_sent", args=[b.pk, a.client.pk]))
        assert got.status_code == 422
        assert "Terbitkan surat ini (beri nomor) sebelum mencatatnya terkirim." in got.text
        got = client.post(reverse("breach_authority_sent", args=[b.pk]))
        assert got.status_code == 422
        assert (
            "Terbitkan surat ke lembaga PDP (beri nomor) sebelum mencatatnya terkirim." in got.text
        )
        b.refresh_from_db()
        assert b.authority_notified_on is None and b.affected.get().notified_on is None
        assert not b.events.filter(kind__in=["client_notified", "authority_notified"]).exists()

    def test_the_same_in_english(self, client, world, touched):
        a, b = world.a, touched
        client.force_login(a.users["dpo"])
        client.cookies["django_language"] = "en"
        got = client.post(reverse("breach_client_sent", args=[b.pk, a.client.pk]))
        assert "Issue this letter (give it a number) before recording it as sent." in got.text
        got = client.post(reverse("breach_authority_sent", args=[b.pk]))
        assert (
            "Issue the letter to the authority (give it a number) before recording it as sent."
            in got.text
        )

    def test_the_api_refuses_it_too(self, api, world, touched):
        a, b = world.a, touched
        api.as_user(a.users["dpo"])
        got = api.post(f"/breaches/{b.pk}/clients/{a.client.pk}/notified", {})
        assert got.status_code == 422 and "Terbitkan surat ini" in got.json()["detail"]
        got = api.post(f"/breaches/{b.pk}/authority-notified", {})
        assert got.status_code == 422 and "Terbitkan surat ke lembaga PDP" in got.json()["detail"]
        got = api.post(f"/breaches/{b.pk}/notified", {})
        assert got.status_code == 422 and "terbitkan suratnya dulu" in got.json()["detail"]

    def test_all_sent_records_only_issued_letters_and_counts_the_rest(self, client, api, world,
                                                                      touched):  # fmt: skip
        a, b = world.a, touched
        more = [c.pk for c in register(a.users["worker"], 2)]
        breaches.affected_add(actor=a.users["dpo"], breach=b, source="chosen", client_ids=more)
        breaches.letter_issue(
            actor=a.users["dpo"], breach=b, affected=b.affected.get(client_id=more[0])
        )
        client.force_login(a.users["dpo"])
        page = client.get(reverse("breach_detail", args=[b.pk])).text
        assert "Catat 1 surat terbit yang tersisa terkirim" in page
        assert "2 surat belum diterbitkan" in page
        got = client.post(reverse("breach_clients_sent", args=[b.pk]), follow=True)
        assert "1 surat dicatat terkirim. 2 surat dilewati karena belum diterbitkan." in got.text
        assert (
            "Surat ke 1 klien dikirim" in got.text and "2 belum diterbitkan, dilewati" in got.text
        )
        sent = dict(b.affected.values_list("client_id", "notified_on"))
        assert sent[more[0]] == timezone.localdate() and sent[more[1]] is sent[a.client.pk] is None
        assert b.events.get(kind="clients_notified").data["skipped"] == 2
        # the API says the same in numbers; in English on the page
        breaches.letter_issue(
            actor=a.users["dpo"], breach=b, affected=b.affected.get(client_id=more[1])
        )
        api.as_user(a.users["dpo"])
        body = api.post(f"/breaches/{b.pk}/notified", {}).json()
        assert (body["recorded"], body["skipped"], body["unnotified"]) == (1, 1, 1)
        breaches.letters_issue_all(actor=a.users["dpo"], breach=b)
        client.cookies["django_language"] = "en"
        got = client.post(reverse("breach_clients_sent", args=[b.pk]), follow=True)
        assert "1 letter recorded as sent." in got.text
