"""What a refused directory import says, through the API's upload and the worker's
run: another agency's entry is refused without its name (only the id the file gave),
and a database refusal gives a message of ours, never the database's own text (which
is logged on the server)."""

import logging

import pytest
from django.db import DataError

from pendamping.broker import hsds
from pendamping.broker.hsds.write import Writing
from pendamping.clients.tests.test_import_web import no_connection_recycling, run_worker  # noqa: F401

from .test_directory_import_api import start
from .test_hsds import (
    FIXTURES,
    _need_schemas,  # noqa: F401  (skips without the schemas)
)

SERVICE = (FIXTURES / "service_full.json").read_bytes()
NAMES = ("Rumah Singgah Anak Andir", "LKS Harapan Bangsa")


@pytest.fixture
def b_api(api, world, settings, tmp_path):
    settings.IMPORT_UPLOAD_DIR = tmp_path / "uploads"
    return api.as_user(world.b.users["admin"])


def _run(b_api, capture):
    made = start(b_api, capture, SERVICE, name="layanan.json")
    assert made.status_code == 201, made.json()
    run_worker()
    return b_api.get(f"/directory/imports/{made.json()['id']}").json()


def test_another_agencys_entry_is_refused_without_its_name(
    b_api, world, django_capture_on_commit_callbacks
):
    report = hsds.import_path(FIXTURES / "service_full.json", agency=world.a.agency)
    assert report.ok, report.errors
    got = _run(b_api, django_capture_on_commit_callbacks)
    assert got["status"] == "refused", got
    messages = [e["message"] for e in got["report"]["errors"]]
    assert messages and all("milik lembaga lain" in m for m in messages), messages
    assert not any(name in str(got) for name in NAMES), got


def test_a_database_refusal_says_ours_and_logs_the_detail(
    b_api, monkeypatch, caplog, django_capture_on_commit_callbacks
):
    def refuse(self):
        raise DataError('value too long for type character varying(300): "rahasia-77"')

    monkeypatch.setattr(Writing, "write", refuse)
    with caplog.at_level(logging.ERROR, logger="pendamping.broker.hsds.importer"):
        got = _run(b_api, django_capture_on_commit_callbacks)
    assert got["status"] == "refused", got
    (issue,) = got["report"]["errors"]
    assert issue["message"].startswith("Basis data menolak rekaman ini.")
    assert "rahasia-77" not in str(got) and "varying" not in str(got)
    assert "rahasia-77" in caplog.text
