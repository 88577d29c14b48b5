"""The data-subject export of a party (export.py): page, JSON, PDF and API hold the
party's own data, never the other party's caucus notes, perceptions or details."""

import json

from django.urls import reverse
from django.utils import timezone
from pypdf import PdfReader

from pendamping.mediator import services

from .conftest import open_mediation, with_parties

OTHER_CAUCUS = "Rahasia Pak Darto tentang utangnya"
OWN_CAUCUS = "Klien takut pada tetangganya"
OTHER_VIEW = "Menurut Pak Darto pagar itu warisan kakeknya"
OWN_VIEW = "Pagar dibangun di tanah saya"


def _world(f):
    worker, today = f.users["worker"], timezone.localdate()
    m = open_mediation(f)
    one, two = with_parties(f, m)
    services.session_record(actor=worker, mediation=m, kind="caucus", held_on=today,
                            caucus_party=two, notes=OTHER_CAUCUS)  # fmt: skip
    services.session_record(actor=worker, mediation=m, kind="caucus", held_on=today,
                            caucus_party=one, notes=OWN_CAUCUS,
                            attendance={one.pk: ("present", "")})  # fmt: skip
    issue = services.issue_add(actor=worker, mediation=m, title="Pagar")
    services.perception_save(actor=worker, issue=issue, party=one, data={"position": OWN_VIEW})
    services.perception_save(actor=worker, issue=issue, party=two, data={"position": OTHER_VIEW})
    services.term_add(actor=worker, mediation=m, text="Pagar dipindah", responsible=two,
                      due_on=today)  # fmt: skip
    return m, one, two


def _pdf_text(content: bytes) -> str:
    import io

    return " ".join(page.extract_text() for page in PdfReader(io.BytesIO(content)).pages)


class TestExport:
    def test_the_page_json_and_pdf_leave_the_other_party_out(self, client, world):
        f = world.a
        m, one, _two = _world(f)
        client.force_login(f.users["worker"])
        args = [m.pk, one.pk]
        page = client.get(reverse("mediation_party_export", args=args)).content.decode()
        raw = client.get(reverse("mediation_party_export_json", args=args))
        assert raw["Content-Disposition"].startswith("attachment;")
        data = json.loads(raw.content)
        pdf = _pdf_text(client.get(reverse("mediation_party_export_pdf", args=args)).content)
        for text in (page, raw.content.decode(), pdf):
            assert "Pak Darto" not in text  # the other party's name (their personal data) too
            assert OTHER_CAUCUS not in text and OTHER_VIEW not in text
        assert OWN_CAUCUS in page and OWN_VIEW in page and OWN_CAUCUS in " ".join(pdf.split())
        (section,) = data["mediations"]
        assert [s["notes"] for s in section["sessions"]] == [OWN_CAUCUS]
        assert section["sessions"][0]["presence"] == "present"
        assert [p["position"] for p in section["perceptions"]] == [OWN_VIEW]
        assert [t["responsible"] for t in section["terms"]] == ["other"]
        assert section["party"]["name"] == f.client.full_name

    def test_a_session_the_party_missed_or_a_shuttle_round_gives_no_notes(self, api, world):
        """A call with the other party alone may say where they are staying: the party
        who was absent gets the date and their own absence, not the notes."""
        f = world.a
        m, one, two = _world(f)
        worker, today = f.users["worker"], timezone.localdate()
        alone = "B sendirian lewat telepon: kini tinggal di rumah kakaknya, Jl. Melati 5"
        services.session_record(actor=worker, mediation=m, kind="phone", held_on=today,
                                notes=alone, attendance={two.pk: ("present", ""),
                                one.pk: ("absent_with_reason", "Sakit")})  # fmt: skip
        services.session_record(actor=worker, mediation=m, kind="shuttle", held_on=today,
                                notes="Usul A dibawa ke B, jawaban B dibawa ke A",
                                attendance={one.pk: ("present", ""), two.pk: ("present", "")})  # fmt: skip
        api.as_user(worker)
        mine = api.get(f"/mediations/{m.pk}/parties/{one.pk}/export")
        body = mine.content.decode()
        assert mine.status_code == 200 and "Melati" not in body and "jawaban B" not in body
        sessions = mine.json()["mediations"][0]["sessions"]
        missed = next(x for x in sessions if x["kind"] == "phone")
        assert missed["notes"] == "" and missed["absence_reason"] == "Sakit"
        theirs = api.get(f"/mediations/{m.pk}/parties/{two.pk}/export").content.decode()
        assert "Melati" in theirs  # their own call

    def test_the_other_partys_export_is_the_mirror(self, api, world):
        f = world.a
        m, _one, two = _world(f)
        api.as_user(f.users["worker"])
        body = api.get(f"/mediations/{m.pk}/parties/{two.pk}/export").content.decode()
        assert OTHER_CAUCUS in body and OTHER_VIEW in body
        assert OWN_CAUCUS not in body and OWN_VIEW not in body
        assert f.client.full_name not in body

    def test_a_client_party_gets_every_mediation_of_theirs(self, api, world):
        f = world.a
        m, one, _two = _world(f)
        other = open_mediation(f, kind="family", issue="Nafkah anak")
        services.party_add(actor=f.users["worker"], mediation=other, client=f.client, data={})
        api.as_user(f.users["worker"])
        data = api.get(f"/mediations/{m.pk}/parties/{one.pk}/export").json()
        assert [s["mediation"]["id"] for s in data["mediations"]] == [m.pk, other.pk]

    def test_the_admin_may_not_export(self, client, api, world):
        f = world.a
        m, one, _two = _world(f)
        client.force_login(f.users["admin"])
        assert (
            client.get(reverse("mediation_party_export_json", args=[m.pk, one.pk])).status_code
            == 403
        )
        api.as_user(world.b.users["supervisor"])
        assert api.get(f"/mediations/{m.pk}/parties/{one.pk}/export").status_code == 404


def test_the_export_shows_where_a_recorded_consent_is_kept(client, world):
    f = world.a
    m, one, _two = _world(f)
    services.party_consent(actor=f.users["worker"], party=one, method="recorded",
                           recording_reference="Arsip mediasi/berkas 12")  # fmt: skip
    client.force_login(f.users["worker"])
    args = [m.pk, one.pk]
    data = json.loads(client.get(reverse("mediation_party_export_json", args=args)).content)
    party = data["mediations"][0]["party"]
    assert (party["consent_method"], party["consent_recording_reference"]) == (
        "recorded", "Arsip mediasi/berkas 12")  # fmt: skip
    page = client.get(reverse("mediation_party_export", args=args)).text
    assert "rekaman disimpan di: Arsip mediasi/berkas 12" in page
