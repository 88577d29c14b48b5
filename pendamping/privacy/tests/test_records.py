"""The records of processing (built from what every app declares and from the
agency's own part, as a page, PDF and API) and the officer's register of consents."""

import csv
import io
from dataclasses import replace

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.urls import reverse
from django.utils import timezone
from pypdf import PdfReader

from pendamping import plugins
from pendamping.clients import services as client_services
from pendamping.clients.models import Consent
from pendamping.data_categories import DataCategory
from pendamping.privacy import retention
from pendamping.privacy.models import AccessRecord, ProcessingRecordSettings


class TestEveryAppDeclaresWhatItDoes:
    def test_every_part_of_personal_data_is_covered_by_a_processing_activity(self):
        covered = {k for a in plugins.registry.processing() for k in a.covers}
        declared = {p.key for p in plugins.registry.personal_data()}
        missing = declared - covered
        assert missing == set(), f"declare them with plugins.processing(covers=...): {missing}"
        assert covered <= declared, f"unknown personal_data keys: {covered - declared}"

    def test_every_activity_names_known_categories_and_lawful_bases(self):
        for a in plugins.registry.processing():
            assert set(a.categories) <= set(DataCategory.values), a.key
            assert set(a.lawful_bases) <= set(Consent.LawfulBasis.values), a.key

    def test_an_activity_without_categories_is_refused(self):
        with pytest.raises(ImproperlyConfigured, match="categories"):
            plugins.Registry().add_processing(plugins.Processing(
                key="x", purpose="x", categories=(), lawful_bases=("consent",), covers=("cases",)))  # fmt: skip


def new_role_module(monkeypatch):
    """An activity a role module added later declares: no privacy code changes."""
    activity = replace(plugins.registry.processing()[0], key="sheltering", order=1,
                       purpose="Rumah aman sementara", categories=("health",),
                       recipients=("Rumah sakit mitra",))  # fmt: skip
    monkeypatch.setitem(plugins.registry._processing, "sheltering", activity)


@pytest.mark.django_db
class TestTheRecordsPage:
    def test_it_lists_every_declared_activity_and_the_agencys_part(
        self, client, world, monkeypatch
    ):
        new_role_module(monkeypatch)
        ProcessingRecordSettings.objects.create(agency=world.a.agency, retention="Kasus 5 tahun",
                                                officer_contact="dpo@lembaga-a.id")  # fmt: skip
        client.force_login(world.a.users["dpo"])
        page = client.get(reverse("processing_records")).text
        for text in ("Rumah aman sementara", "Rumah sakit mitra", "Rujukan klien ke penyedia layanan",
                     "Kasus 5 tahun", "dpo@lembaga-a.id", "Persetujuan", "Kesehatan"):  # fmt: skip
            assert text in page, text
        client.force_login(world.b.users["dpo"])
        assert "dpo@lembaga-a.id" not in client.get(reverse("processing_records")).text

    def test_the_retention_text_comes_from_the_agencys_rules_and_the_free_text_adds(
        self, client, world, api
    ):
        client.force_login(world.a.users["dpo"])
        page = client.get(reverse("processing_records")).text
        assert "dianonimkan 5 tahun setelah kasus terakhir ditutup" in page  # DEFAULT_YEARS
        retention.set_years(world.a.agency, {"closed_cases": 7, "child": 1}, world.a.users["admin"])
        ProcessingRecordSettings.objects.create(agency=world.a.agency,
                                                retention="Surat keputusan dewan 2025")  # fmt: skip
        page = client.get(reverse("processing_records")).text
        for text in ("dianonimkan 7 tahun setelah kasus terakhir ditutup",
                     "dianonimkan 1 tahun setelah anak berusia 18", "Surat keputusan dewan 2025"):  # fmt: skip
            assert text in page, text
        client.post(reverse("set_language"), {"language": "en", "next": "/"})
        page = client.get(reverse("processing_records")).text
        assert "anonymised 7 years after their last case was closed" in page
        assert "anonymised 1 year after the child turns 18" in page
        got = api.as_user(world.a.users["dpo"]).get("/processing-records").json()
        assert "7" in got["retention_rules"][0] and got["retention"] == "Surat keputusan dewan 2025"
        other = api.as_user(world.b.users["dpo"]).get("/processing-records").json()
        assert "5" in other["retention_rules"][0] and other["retention"] == ""

    def test_the_officer_edits_the_agencys_part_and_bad_input_is_refused(self, client, world):
        client.force_login(world.a.users["dpo"])
        url = reverse("processing_settings")
        response = client.post(url, {"security_measures": "Laptop terenkripsi",
                                     "other_recipients": "BPJS\nDinas Sosial"})  # fmt: skip
        assert response.status_code == 302
        saved = ProcessingRecordSettings.objects.get(agency=world.a.agency)
        assert saved.security_measures == "Laptop terenkripsi"
        response = client.post(url, {"retention": "x" * 4001})
        assert response.status_code == 422
        assert ProcessingRecordSettings.objects.get(agency=world.a.agency).retention == ""

    def test_the_pdf_has_the_activities_in_the_readers_language(self, client, world):
        client.force_login(world.a.users["admin"])
        client.post(reverse("set_language"), {"language": "en", "next": "/"})
        response = client.get(reverse("processing_records_pdf"))
        assert response["Content-Type"] == "application/pdf"
        text = " ".join(p.extract_text() for p in PdfReader(io.BytesIO(response.content)).pages)
        text = " ".join(text.split())
        for part in ("Records of processing", "Referral of clients to service providers",
                     "Lawful basis", "Security measures", "Lembaga A"):  # fmt: skip
            assert part in text, part

    def test_the_api_gives_the_same_record(self, api, world):
        got = api.as_user(world.a.users["dpo"]).get("/processing-records").json()
        keys = [a["key"] for a in got["activities"]]
        assert keys == [a.key for a in plugins.registry.processing()]
        assert got["agency"] == "Lembaga A" and got["measures"]


@pytest.mark.django_db
class TestTheConsentRegister:
    def withdraw_one(self, world):
        c = client_services.consent_record(
            actor=world.a.users["worker"], client=world.a.client,
            data={"purpose": "photo", "lawful_basis": "consent", "given_by": "guardian",
                  "guardian_name": "Pak Wali", "method": "verbal", "witness_name": "Bu RT",
                  "given_on": timezone.localdate(), "data_categories": ["photo"]},
        )  # fmt: skip
        client_services.consent_withdraw(actor=world.a.users["worker"], consent=c)
        return c

    def test_the_officer_sees_who_what_and_proof_never_case_content(self, client, world):
        client.force_login(world.a.users["dpo"])
        page = client.get(reverse("consent_register")).text
        assert world.a.client.full_name in page and "Berbagi data untuk rujukan" in page
        assert "Lisan, dengan saksi" in page and "Kontak dan alamat" in page
        for secret in ("Catatan biasa a", "Rahasia a", "Masalah ekonomi", world.b.client.full_name):
            assert secret not in page
        row = AccessRecord.objects.get(what="consent_register")
        assert row.client_ids == [world.a.client.pk]
        assert "Terekam, tempat rekaman dicatat" not in page
        client_services.consent_record(
            actor=world.a.users["worker"], client=world.a.client,
            data={"purpose": "photo", "lawful_basis": "consent", "given_by": "client",
                  "method": "recorded", "recording_reference": "Arsip video 3",
                  "given_on": timezone.localdate(), "data_categories": ["photo"]},
        )  # fmt: skip
        page = client.get(reverse("consent_register")).text
        assert "Terekam, tempat rekaman dicatat" in page

    def test_filters_by_state_and_category(self, client, world):
        withdrawn = self.withdraw_one(world)
        client.force_login(world.a.users["admin"])
        page = client.get(reverse("consent_register"), {"state": "withdrawn"}).text
        cell = '">{}</td>'.format  # a purpose in the table, not in the filter's options
        assert cell("Foto dan dokumentasi") in page and "Pak Wali" in page
        assert cell("Berbagi data untuk rujukan") not in page
        page = client.get(reverse("consent_register"), {"category": "contact"}).text
        assert cell("Berbagi data untuk rujukan") in page
        assert cell("Foto dan dokumentasi") not in page
        bad = client.get(reverse("consent_register"), {"category": "nope", "client_id": "x"})
        assert bad.status_code == 422
        got = client.get(reverse("consent_register_csv"), {"state": "withdrawn"})
        rows = list(csv.reader(io.StringIO(got.content.decode())))
        assert len(rows) == 2 and rows[1][0] == str(world.a.client.pk)
        assert rows[1][2] == str(withdrawn.get_purpose_display()) and rows[1][9]

    def test_a_long_list_is_paged_in_a_bounded_number_of_queries(
        self, client, world, django_assert_max_num_queries
    ):
        for i in range(30):
            other = client_services.client_register(actor=world.a.users["worker"], data={
                "kind": "individual", "full_name": f"Klien Banyak {i}", "sex": "F",
                "estimated_age": 40})  # fmt: skip
            client_services.consent_record(actor=world.a.users["worker"], client=other, data={
                "purpose": "case_management", "lawful_basis": "public_task", "given_by": "client",
                "method": "written", "data_categories": ["identity"]})  # fmt: skip
        client.force_login(world.a.users["dpo"])
        with django_assert_max_num_queries(15):
            response = client.get(reverse("consent_register"))
        assert response.status_code == 200 and response.text.count("<tr>") <= 26

    def test_the_api_lists_and_filters(self, api, world):
        self.withdraw_one(world)
        got = api.as_user(world.a.users["dpo"]).get("/consent-register?state=withdrawn").json()
        assert got["count"] == 1 and got["items"][0]["guardian_name"] == "Pak Wali"
        assert got["items"][0]["data_categories"] == ["photo"]
        assert api.get("/consent-register?purpose=nope").status_code == 422
        assert api.as_user(world.a.users["worker"]).get("/consent-register").status_code == 403
