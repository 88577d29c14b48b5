"""Structured consent (issue 16) and defect 14 of issue 14, through the client's page
and the API: data categories from a fixed list, proof (a scanned form, a verbal
consent's witness and day, or where a recorded consent's recording is kept and its day),
a guardian for a child, and the repeat warning."""

import base64
import importlib
from datetime import date, timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from pendamping.clients import services
from pendamping.clients.models import Consent, Region

PDF = b"%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"


@pytest.fixture
def folder(settings, tmp_path):
    settings.CONSENT_UPLOAD_DIR = tmp_path / "consents"
    return settings.CONSENT_UPLOAD_DIR


def verbal(**extra):
    return {"purpose": "case_management", "lawful_basis": "consent", "given_by": "client",
            "method": "verbal", "witness_name": "Pak RT Darmo", "given_on": "2026-01-05",
            "data_categories": ["identity", "health"]} | extra  # fmt: skip


def recorded(**extra):
    return verbal(method="recorded", witness_name="",
                  recording_reference="Lemari arsip audio, map 2026/01, berkas 07") | extra  # fmt: skip


def add(client, f, data):
    return client.post(reverse("consent_add", args=[f.client.pk]), data)


class TestCategories:
    def test_a_consent_names_categories_from_the_fixed_list(self, client, world, folder):
        f = world.a
        client.force_login(f.users["worker"])
        page = client.get(reverse("client_detail", args=[f.client.pk])).text
        assert 'name="data_categories" value="health"' in page and 'name="data_types"' not in page
        r = add(client, f, verbal(data_categories=["health", "identity"], data_types="semua"))
        assert r.status_code == 302
        c = Consent.objects.get(client=f.client, purpose="case_management")
        assert c.data_categories == ["identity", "health"] and c.data_types == ""
        page = client.get(reverse("client_detail", args=[f.client.pk])).text
        assert "Mencakup: Identitas (nama, NIK, jenis kelamin, usia), Kesehatan" in page

    def test_a_category_outside_the_list_or_none_is_refused(self, client, world, folder):
        f = world.a
        client.force_login(f.users["worker"])
        r = add(client, f, verbal(data_categories=["riwayat"]))
        assert r.status_code == 422 and "riwayat bukan salah satu dari pilihan" in r.text
        r = add(client, f, verbal(data_categories=[]))
        assert r.status_code == 422 and "Pilih setidaknya satu kategori data" in r.text
        assert not Consent.objects.filter(purpose="case_management").exists()

    def test_the_migration_maps_old_text_and_keeps_it(self, world):
        from django.apps import apps

        migration = importlib.import_module("pendamping.clients.migrations.0012_consent_structured")
        old = {"client": world.a.client, "purpose": "reporting", "lawful_basis": "consent",
               "given_by": "client", "method": "written", "recorded_by": world.a.users["worker"]}  # fmt: skip
        texts = ("identitas, kesehatan, keluarga", "Nama dan alamat; foto", "riwayat")
        rows = [Consent.objects.create(data_types=text, **old) for text in texts]
        migration.forwards(apps, None)
        got = [Consent.objects.get(pk=c.pk) for c in rows]
        assert [c.data_categories for c in got] == [
            ["identity", "family", "health"],
            ["identity", "contact", "photo"],
            [],
        ]
        assert got[2].data_types == "riwayat"  # kept, and shown on the page


class TestProof:
    def test_written_needs_its_scanned_form_served_to_readers_only(
        self, client, world, folder, django_capture_on_commit_callbacks
    ):
        f = world.a
        client.force_login(f.users["worker"])
        written = verbal(method="written", witness_name="", given_on="")
        r = add(client, f, written)
        assert r.status_code == 422 and "unggah pindaian formulir" in r.text
        scan = SimpleUploadedFile("formulir_Siti_Rahayu.pdf", PDF, content_type="application/pdf")
        with django_capture_on_commit_callbacks(execute=True):
            r = add(client, f, written | {"proof": scan})
        assert r.status_code == 302
        c = Consent.objects.get(purpose="case_management")
        assert c.proof_file.endswith(".pdf") and "Siti" not in c.proof_file
        assert c.given_on == timezone.localdate()
        assert (folder / c.proof_file).read_bytes() == PDF
        assert (folder / c.proof_file).stat().st_mode & 0o077 == 0
        url = reverse("consent_proof", args=[f.client.pk, c.pk])
        assert url in client.get(reverse("client_detail", args=[f.client.pk])).text
        got = client.get(url)
        assert got.status_code == 200 and got["Content-Type"] == "application/pdf"
        assert got["X-Content-Type-Options"] == "nosniff" and b"".join(got.streaming_content) == PDF
        # an uploaded PDF may carry scripts: downloaded, never opened in the app's origin
        assert got["Content-Disposition"].startswith("attachment;")
        for other in (world.b.users["worker"], f.users["dpo"], f.users["instructor"]):
            client.force_login(other)
            assert client.get(url).status_code == 404

    @pytest.mark.parametrize(
        ("name", "content", "message"),
        [("scan.pdf", b"MZ\x90\x00 not a pdf", "Unggah foto (JPEG, PNG, WebP) atau PDF"),
         ("scan.jpg", b"GIF89a....", "Unggah foto (JPEG, PNG, WebP) atau PDF")],
    )  # fmt: skip
    def test_it_judges_the_scan_by_content(self, client, world, folder, name, content, message):
        f = world.a
        client.force_login(f.users["worker"])
        upload = SimpleUploadedFile(name, content)
        r = add(client, f, verbal(method="written", proof=upload))
        assert r.status_code == 422 and message in r.text
        assert not Consent.objects.filter(purpose="case_management").exists()

    def test_it_refuses_a_scan_over_the_limit(self, client, world, folder, settings):
        settings.CONSENT_PROOF_MAX_BYTES = 1000
        f = world.a
        client.force_login(f.users["worker"])
        big = SimpleUploadedFile("scan.pdf", PDF + b"0" * 2000 + b"%%EOF")
        r = add(client, f, verbal(method="written", proof=big))
        assert r.status_code == 422 and "Berkas paling besar" in r.text

    def test_verbal_needs_a_witness_and_a_day_not_in_the_future(self, client, world, folder):
        f = world.a
        client.force_login(f.users["worker"])
        r = add(client, f, verbal(witness_name="  ", given_on=""))
        assert r.status_code == 422
        assert "isi nama saksi" in r.text and "isi tanggal persetujuan diberikan" in r.text
        tomorrow = (timezone.localdate() + timedelta(days=1)).isoformat()
        r = add(client, f, verbal(given_on=tomorrow))
        assert r.status_code == 422 and "tidak boleh di masa depan" in r.text
        assert add(client, f, verbal()).status_code == 302
        page = client.get(reverse("client_detail", args=[f.client.pk])).text
        assert "Lisan (saksi: Pak RT Darmo) · diberikan 05 Jan 2026" in page

    def test_recorded_needs_where_the_recording_is_kept_and_its_day(self, client, world, folder):
        f = world.a
        client.force_login(f.users["worker"])
        r = add(client, f, recorded(recording_reference="  ", given_on=""))
        assert r.status_code == 422
        assert "Persetujuan terekam: sebutkan tempat rekaman disimpan" in r.text
        assert "Persetujuan terekam: isi tanggal rekaman dibuat." in r.text
        r = add(client, f, recorded(recording_reference="Map 1\nberkas 2"))
        assert r.status_code == 422 and "tidak boleh berisi karakter kontrol" in r.text
        tomorrow = (timezone.localdate() + timedelta(days=1)).isoformat()
        r = add(client, f, recorded(given_on=tomorrow))
        assert r.status_code == 422 and "tidak boleh di masa depan" in r.text
        assert not Consent.objects.filter(purpose="case_management").exists()
        assert add(client, f, recorded(recording_reference=" Arsip 07 ")).status_code == 302
        c = Consent.objects.get(purpose="case_management")
        assert (c.method, c.recording_reference, c.given_on) == ("recorded", "Arsip 07",
                                                                  date(2026, 1, 5))  # fmt: skip
        page = client.get(reverse("client_detail", args=[f.client.pk])).text
        assert "Terekam (rekaman disimpan di: Arsip 07) · diberikan 05 Jan 2026" in page

    def test_another_lawful_basis_asks_no_recording_reference(self, client, world, folder):
        f = world.a
        client.force_login(f.users["worker"])
        r = add(
            client, f, recorded(lawful_basis="public_task", recording_reference="", given_on="")
        )
        assert r.status_code == 302

    def test_the_page_in_english(self, client, world, folder):
        f = world.a
        type(f.users["worker"]).objects.filter(pk=f.users["worker"].pk).update(language="en")
        client.force_login(f.users["worker"])
        add(client, f, verbal())
        page = client.get(reverse("client_detail", args=[f.client.pk])).text
        assert "Verbal (witness: Pak RT Darmo)" in page and "Covers: Identity" in page
        r = add(client, f, verbal(witness_name=""))
        assert r.status_code == 422 and "name the witness who heard it" in r.text
        r = add(client, f, recorded(purpose="photo", recording_reference="", given_on=""))
        assert "Recorded consent: say where the recording is kept" in r.text
        assert "Recorded consent: enter the date the recording was made." in r.text
        assert "where the recording is kept" in r.text  # the field's label
        assert add(client, f, recorded(purpose="photo")).status_code == 302
        page = client.get(reverse("client_detail", args=[f.client.pk])).text
        assert "Recorded (recording kept at: Lemari arsip audio, map 2026/01, berkas 07)" in page
        r = add(client, f, verbal())
        assert r.status_code == 422 and "already recorded and still valid" in r.text

    def test_a_child_needs_a_guardian(self, client, world, folder):
        f = world.a
        birth = timezone.localdate().replace(year=timezone.localdate().year - 12, day=1)
        child = services.client_register(
            actor=f.users["worker"],
            data={"kind": "individual", "full_name": "Ucok Kecil", "sex": "M",
                  "birth_date": birth, "region": Region.objects.get(code="32.73.05.1001")},
        )  # fmt: skip
        client.force_login(f.users["worker"])
        url = reverse("consent_add", args=[child.pk])
        r = client.post(url, verbal())
        assert r.status_code == 422 and "harus diberikan oleh orang tua atau wali" in r.text
        r = client.post(url, verbal(given_by="guardian"))
        assert r.status_code == 422 and "Isi nama orang tua/wali" in r.text
        r = client.post(url, verbal(given_by="guardian", guardian_name="Ibu Ratna"))
        assert r.status_code == 302
        assert child.consents.get().guardian_name == "Ibu Ratna"


class TestRepeat:
    def test_the_same_active_consent_twice_asks_to_confirm(self, client, world, folder):
        f = world.a  # the world holds an active referral consent
        client.force_login(f.users["worker"])
        page = client.get(reverse("client_detail", args=[f.client.pk])).text
        assert 'name="confirm_repeat"' not in page
        again = verbal(purpose="referral")
        r = add(client, f, again)
        assert r.status_code == 422
        assert "sudah tercatat dan masih berlaku" in r.text and 'name="confirm_repeat"' in r.text
        assert "Identitas (nama, NIK, jenis kelamin, usia), Kontak dan alamat" in r.text
        assert f.client.consents.filter(purpose="referral").count() == 1
        r = add(client, f, again | {"confirm_repeat": "on"})
        assert r.status_code == 302
        assert f.client.consents.filter(purpose="referral").count() == 2

    def test_no_warning_once_the_earlier_one_is_withdrawn_or_for_another_purpose(
        self, client, world, folder
    ):
        f = world.a
        client.force_login(f.users["worker"])
        assert add(client, f, verbal(purpose="reporting")).status_code == 302
        services.consent_withdraw(actor=f.users["worker"], consent=f.consent)
        assert add(client, f, verbal(purpose="referral")).status_code == 302


class TestWithdraw:
    def test_the_page_withdraws_once_and_tells_why_not_twice(self, client, world):
        f = world.a
        client.force_login(f.users["worker"])
        url = reverse("consent_withdraw", args=[f.client.pk, f.consent.pk])
        back = reverse("client_detail", args=[f.client.pk])
        r = client.post(url)
        assert r.status_code == 302 and r["Location"] == back
        assert "Persetujuan ditarik." in client.get(back).content.decode()
        r = client.post(url)
        assert r.status_code == 302 and r["Location"] == back
        page = client.get(back).content.decode()
        assert "Persetujuan ini sudah ditarik." in page and "Persetujuan ditarik." not in page


class TestApi:
    def test_record_list_and_repeat(self, api, world, folder, django_capture_on_commit_callbacks):
        f = world.a
        api.as_user(f.users["worker"])
        path = f"/clients/{f.client.pk}/consents"
        body = {"purpose": "reporting", "method": "verbal", "witness_name": "Pak RT",
                "given_on": "2026-01-05", "data_categories": ["identity", "welfare"]}  # fmt: skip
        r = api.post(path, body)
        assert r.status_code == 201, r.content
        assert r.json()["data_categories"] == ["identity", "welfare"]
        assert r.json()["method"] == "verbal" and r.json()["has_proof"] is False
        r = api.post(path, body)
        assert r.status_code == 422 and "confirm_repeat" in r.json()["errors"]
        assert api.post(path, body | {"confirm_repeat": True}).status_code == 201
        written = body | {"purpose": "photo", "method": "written"}
        r = api.post(path, written)
        assert r.status_code == 422 and "proof" in r.json()["errors"]
        assert api.post(path, written | {"proof_base64": "%%%"}).status_code == 422
        with django_capture_on_commit_callbacks(execute=True):
            r = api.post(path, written | {"proof_base64": base64.b64encode(PDF).decode()})
        assert r.status_code == 201 and r.json()["has_proof"] is True
        assert r.json()["proof_url"] == reverse("consent_proof", args=[f.client.pk, r.json()["id"]])
        listed = api.get(path).json()
        assert {c["purpose"] for c in listed} == {"referral", "reporting", "photo"}

    def test_a_recorded_consent_needs_where_and_when(self, api, world, folder):
        f = world.a
        api.as_user(f.users["worker"])
        path = f"/clients/{f.client.pk}/consents"
        body = {"purpose": "photo", "method": "recorded", "data_categories": ["photo"]}
        r = api.post(path, body)
        assert r.status_code == 422
        assert {"recording_reference", "given_on"} <= set(r.json()["errors"])
        assert api.post(path, body | {"recording_reference": "x" * 301,
                                      "given_on": "2026-01-05"}).status_code == 422  # fmt: skip
        r = api.post(
            path, body | {"recording_reference": "Arsip video 3", "given_on": "2026-01-05"}
        )
        assert r.status_code == 201, r.content
        assert r.json()["recording_reference"] == "Arsip video 3" and r.json()["has_proof"] is False
        listed = {c["purpose"]: c for c in api.get(path).json()}
        assert listed["photo"]["recording_reference"] == "Arsip video 3"
        assert listed["referral"]["recording_reference"] == ""

    def test_a_category_outside_the_list_is_refused(self, api, world, folder):
        f = world.a
        api.as_user(f.users["worker"])
        r = api.post(f"/clients/{f.client.pk}/consents",
                     {"purpose": "reporting", "method": "verbal", "witness_name": "Pak RT",
                      "given_on": "2026-01-05", "data_categories": ["everything"]})  # fmt: skip
        assert r.status_code == 422
        r = api.post(f"/clients/{f.client.pk}/consents",
                     {"purpose": "reporting", "data_categories": []})  # fmt: skip
        assert r.status_code == 422


def test_consent_covers_needs_every_category(world):
    f = world.a
    assert services.consent_covers(f.client, "referral", ["identity", "contact"])
    assert not services.consent_covers(f.client, "referral", ["health"])
    f.consent.retention_until = date(2020, 1, 1)
    f.consent.save(update_fields=["retention_until"])
    assert not services.consent_covers(f.client, "referral")
