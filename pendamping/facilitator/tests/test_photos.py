"""Participants' photos over the API (multipart/form-data, through the same checks
as the page: content, EXIF stripped, 16 MP, served only through the access layer),
and the file removed when the transaction that wrote it does not commit."""

import io
import os
import struct
import time
import zlib

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import IntegrityError, transaction
from PIL import Image

from pendamping.facilitator import steps
from pendamping.facilitator.models import ParticipantNote

from .test_steps import _png, _world


@pytest.fixture(autouse=True)
def _uploads(settings, tmp_path):
    settings.FACILITATOR_UPLOAD_DIR = tmp_path / "notes"


def _files():
    folder = steps.upload_dir()
    return sorted(p.name for p in folder.iterdir()) if folder.exists() else []


def _jpeg_with_gps() -> bytes:
    image = Image.new("RGB", (16, 16), "white")
    exif = Image.Exif()
    exif[0x8825] = {2: (6.0, 54.0, 0.0)}  # GPSInfo: latitude
    exif[0x010F] = "PhoneMaker"
    buf = io.BytesIO()
    image.save(buf, "JPEG", exif=exif.tobytes())
    return buf.getvalue()


def _path(f):
    return f"/sessions/{f.mine.pk}/participants/{f.enrolment.pk}/notes/photo"


class TestApi:
    def test_a_photo_is_uploaded_and_served_only_through_the_api_scope(self, world, api):
        f = _world(world)
        api.as_user(f.users["worker"])
        raw = _jpeg_with_gps()
        assert b"PhoneMaker" in raw
        r = api.post(_path(f), {"photo": SimpleUploadedFile("p.jpg", raw, "image/jpeg"),
                                "text": "Halaman satu"})  # fmt: skip
        assert r.status_code == 201, r.content
        body = r.json()
        assert body["text"] == "Halaman satu" and body["photo_api_path"]
        served = api.get(body["photo_api_path"])
        assert served.status_code == 200 and served["Content-Type"] == "image/jpeg"
        content = b"".join(served.streaming_content)
        assert b"PhoneMaker" not in content and not Image.open(io.BytesIO(content)).getexif()
        listed = api.get(f"/sessions/{f.mine.pk}/participants/{f.enrolment.pk}/notes").json()
        assert listed[0]["photo_api_path"] == body["photo_api_path"]
        api.as_user(world.b.users["worker"])
        assert api.get(body["photo_api_path"]).status_code == 404
        api.as_user(f.users["instructor"])  # the session's instructor: no client's photo
        assert api.get(body["photo_api_path"]).status_code == 404

    def test_what_is_not_an_image_is_refused_whatever_its_name(self, world, api):
        f = _world(world)
        api.as_user(f.users["worker"])
        fake = SimpleUploadedFile("p.jpg", b"%PDF-1.4 not an image", "image/jpeg")
        r = api.post(_path(f), {"photo": fake})
        assert r.status_code == 422 and "JPEG, PNG atau WebP" in r.content.decode()
        assert not ParticipantNote.objects.exists() and _files() == []

    def test_a_decompression_bomb_is_refused_not_a_500(self, world, api):
        def chunk(kind, body):
            return struct.pack(">I", len(body)) + kind + body + struct.pack(
                ">I", zlib.crc32(kind + body))  # fmt: skip

        bomb = (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", 20000, 20000, 8, 2, 0, 0, 0))
                + chunk(b"IDAT", zlib.compress(b"")) + chunk(b"IEND", b""))  # fmt: skip
        f = _world(world)
        api.as_user(f.users["worker"])
        r = api.post(_path(f), {"photo": SimpleUploadedFile("p.png", bomb, "image/png")})
        assert r.status_code == 422 and not ParticipantNote.objects.exists()

    def test_without_a_file_it_is_a_clear_422(self, world, api):
        f = _world(world)
        api.as_user(f.users["worker"])
        r = api.post(_path(f), {"text": "tanpa foto"})
        assert r.status_code == 422 and r.json()["detail"]

    def test_the_auditor_cannot_upload(self, world, api):
        f = _world(world)
        api.as_user(f.users["auditor"])
        r = api.post(_path(f), {"photo": SimpleUploadedFile("p.png", _png(), "image/png")})
        assert r.status_code == 403 and _files() == []


class TestRollback:
    def test_a_failure_in_its_transaction_removes_the_file_at_once(self, world, monkeypatch):
        f = _world(world)

        def broken_save(self, *args, **kwargs):
            raise IntegrityError("the row could not be written")

        monkeypatch.setattr(ParticipantNote, "save", broken_save)
        with pytest.raises(IntegrityError):
            steps.participant_note_add(
                actor=f.users["worker"], session=f.mine, enrolment=f.enrolment,
                photo=SimpleUploadedFile("p.png", _png(), "image/png"),
            )  # fmt: skip
        assert _files() == []

    def test_an_outer_rollback_leaves_a_file_the_sweep_removes(self, world):
        f = _world(world)
        kept = steps.participant_note_add(
            actor=f.users["worker"], session=f.mine, enrolment=f.enrolment,
            photo=SimpleUploadedFile("a.png", _png(), "image/png"),
        )  # fmt: skip
        with pytest.raises(RuntimeError), transaction.atomic():
            steps.participant_note_add(
                actor=f.users["worker"], session=f.mine, enrolment=f.enrolment,
                photo=SimpleUploadedFile("b.png", _png(), "image/png"),
            )  # fmt: skip
            raise RuntimeError("the caller's transaction fails after the note")
        assert len(_files()) == 2  # the row is gone, its file not yet
        assert steps.sweep_photos() == 0  # within the grace period: maybe still in flight
        later = time.time() + steps.PHOTO_SWEEP_GRACE_SECONDS + 1
        assert steps.sweep_photos(now=later) == 1
        assert _files() == [kept.photo_name]  # the committed note keeps its photo
        assert steps.sweep_photos(now=later) == 0  # idempotent

    def test_the_sweep_runs_as_a_periodic_check(self, world):
        from pendamping import plugins

        check = next(c for c in plugins.registry.periodics()
                     if c.key == "facilitator_sweep_photos")  # fmt: skip
        folder = steps.upload_dir()
        folder.mkdir(parents=True)
        stale = folder / "0123456789abcdef0123456789abcdef.png"
        stale.write_bytes(_png())
        old = time.time() - steps.PHOTO_SWEEP_GRACE_SECONDS - 60
        os.utime(stale, (old, old))
        assert check.run() == 1 and not stale.exists()
