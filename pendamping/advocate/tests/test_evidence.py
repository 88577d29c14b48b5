"""Evidence files: judged by content, size-limited, EXIF gone, private, served only
through the scoped view, no file left by a rolled-back upload (web and API)."""

import base64
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.urls import reverse
from PIL import Image

from pendamping.advocate import evidence
from pendamping.advocate.models import Evidence

from .conftest import receive_group
from .matrix import PDF


@pytest.fixture(autouse=True)
def folder(settings, tmp_path):
    settings.ADVOCATE_UPLOAD_DIR = tmp_path / "evidence"
    return settings.ADVOCATE_UPLOAD_DIR


def jpeg_with_gps() -> bytes:
    image = Image.new("RGB", (8, 8), "red")
    exif = Image.Exif()
    exif[0x010F] = "KameraDesa"  # Make
    exif[0x8825] = {1: "S", 2: (6.0, 54.0, 0.0)}  # GPSInfo
    buf = io.BytesIO()
    image.save(buf, "JPEG", exif=exif)
    return buf.getvalue()


def files(folder):
    return sorted(p.name for p in folder.iterdir()) if folder.exists() else []


class TestUpload:
    def test_a_photo_is_stored_without_exif_and_served_to_readers_only(
        self, client, world, folder, django_capture_on_commit_callbacks
    ):
        f = world.a
        c, _ = receive_group(f)
        raw = jpeg_with_gps()
        assert b"KameraDesa" in raw
        client.force_login(f.users["worker"])
        upload = SimpleUploadedFile("IMG_Pak_Darto.png", raw, content_type="image/png")
        with django_capture_on_commit_callbacks(execute=True):
            r = client.post(reverse("complaint_evidence_add", args=[c.pk]),
                            {"file": upload, "label": "Foto surat desa"})  # fmt: skip
        assert r.status_code == 302
        row = Evidence.objects.get(complaint=c)
        assert row.content_type == "image/jpeg" and row.file_name.endswith(".jpg")
        stored = (folder / row.file_name).read_bytes()
        assert b"KameraDesa" not in stored and Image.open(io.BytesIO(stored)).getexif() == {}
        assert "Pak_Darto" not in row.file_name
        assert (folder / row.file_name).stat().st_mode & 0o077 == 0
        got = client.get(reverse("complaint_evidence_file", args=[row.pk]))
        assert got.status_code == 200 and b"".join(got.streaming_content) == stored
        assert got["X-Content-Type-Options"] == "nosniff" and "no-store" in got["Cache-Control"]
        client.force_login(f.users["other_worker"])
        assert client.get(reverse("complaint_evidence_file", args=[row.pk])).status_code == 404
        client.force_login(world.b.users["admin"])
        assert client.get(reverse("complaint_evidence_file", args=[row.pk])).status_code == 404

    @pytest.mark.parametrize(
        "name,content",
        [
            ("bukti.pdf", b"MZ\x90\x00 not a pdf at all"),  # an executable named .pdf
            ("foto.jpg", b"<svg onload=alert(1)></svg>"),
            ("bukti.pdf", b"%PDF-1.4 truncated, no end marker"),
            ("kosong.png", b""),
        ],
    )
    def test_it_judges_by_content_not_by_name(self, client, world, folder, name, content):
        f = world.a
        c, _ = receive_group(f)
        client.force_login(f.users["worker"])
        r = client.post(reverse("complaint_evidence_add", args=[c.pk]),
                        {"file": SimpleUploadedFile(name, content), "label": "Bukti"})  # fmt: skip
        assert r.status_code == 422
        assert not Evidence.objects.exists() and files(folder) == []

    def test_it_refuses_a_file_over_the_limit(self, client, world, settings, folder):
        settings.ADVOCATE_EVIDENCE_MAX_BYTES = 1000
        f = world.a
        c, _ = receive_group(f)
        client.force_login(f.users["worker"])
        big = PDF[:-6] + b" " * 2000 + b"%%EOF\n"
        r = client.post(reverse("complaint_evidence_add", args=[c.pk]),
                        {"file": SimpleUploadedFile("a.pdf", big), "label": "Bukti"})  # fmt: skip
        assert r.status_code == 422 and "paling besar" in r.content.decode()
        assert not Evidence.objects.exists()

    def test_a_rolled_back_upload_leaves_no_file(self, world, folder):
        f = world.a
        c, _ = receive_group(f)
        upload = SimpleUploadedFile("a.pdf", PDF)
        with pytest.raises(RuntimeError), transaction.atomic():
            evidence.evidence_add(actor=f.users["worker"], complaint=c, upload=upload, label="x")
            raise RuntimeError("something later in the same transaction failed")
        assert files(folder) == [] and not Evidence.objects.exists()

    def test_the_supervisor_deletes_and_the_file_goes(
        self, client, world, folder, django_capture_on_commit_callbacks
    ):
        f = world.a
        c, _ = receive_group(f)
        with django_capture_on_commit_callbacks(execute=True):
            row = evidence.evidence_add(actor=f.users["worker"], complaint=c,
                                        upload=SimpleUploadedFile("a.pdf", PDF), label="Surat")  # fmt: skip
        assert files(folder) == [row.file_name]
        client.force_login(f.users["supervisor"])
        with django_capture_on_commit_callbacks(execute=True):
            r = client.post(reverse("complaint_evidence_delete", args=[row.pk]))
        assert r.status_code == 302 and files(folder) == []
        assert client.get(reverse("complaint_evidence_file", args=[row.pk])).status_code == 404


class TestEvidenceApi:
    def test_upload_and_list_over_the_api(
        self, api, world, folder, django_capture_on_commit_callbacks
    ):
        f = world.a
        c, _ = receive_group(f)
        api.as_user(f.users["worker"])
        body = {"label": "Surat", "content_base64": base64.b64encode(PDF).decode()}
        with django_capture_on_commit_callbacks(execute=True):
            r = api.post(f"/complaints/{c.pk}/evidence", body)
        assert r.status_code == 201 and r.json()["content_type"] == "application/pdf"
        listed = api.get(f"/complaints/{c.pk}/evidence").json()
        assert [e["label"] for e in listed] == ["Surat"]
        assert listed[0]["url"] == reverse("complaint_evidence_file", args=[r.json()["id"]])
        bad = api.post(f"/complaints/{c.pk}/evidence", {"label": "x", "content_base64": "%%%"})
        assert bad.status_code == 422
        exe = base64.b64encode(b"MZ" * 50).decode()
        assert (
            api.post(
                f"/complaints/{c.pk}/evidence", {"label": "x", "content_base64": exe}
            ).status_code
            == 422
        )
        assert Evidence.objects.count() == 1
