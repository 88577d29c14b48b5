"""Every app's API schemas say what the server accepts (pendamping/schema_types.py):
text without control characters and within the model's length, the choices the
models enforce. A refusal comes from the request parser, names the field and speaks
the reader's language (pendamping/api/errors.py)."""

import pytest

from pendamping.api.tests.test_hostile_input import fields_at_fault

CONTROL = "Teks ini tidak boleh berisi karakter kontrol."
REQUIRED = "Bagian ini wajib diisi, tanpa karakter kontrol."
ENGLISH = {
    CONTROL: "This text cannot contain control characters.",
    REQUIRED: "This is required, without control characters.",
    "Paling banyak": "At most",
    "Pilih salah satu dari": "Choose one of",
}

# (app, path with {client} and {case}, body, the field at fault, the start of its message)
REFUSALS = [
    ("clients", "/clients/{client}/family", {"name": "Siti\x07", "sex": "F", "relation": "mother"},
     "name", REQUIRED),
    ("clients", "/clients/{client}/family", {"name": "Siti", "sex": "X", "relation": "mother"},
     "sex", "Pilih salah satu dari"),
    ("clients", "/clients/{client}/family", {"name": "Siti", "sex": "F", "relation": "tetangga"},
     "relation", "Pilih salah satu dari"),
    ("clients", "/clients/{client}/consents",
     {"purpose": "jualan", "data_categories": ["identity"]}, "purpose", "Pilih salah satu dari"),
    ("clients", "/clients/{client}/consents",
     {"purpose": "referral", "data_categories": ["identity"], "guardian_name": "Ibu\x1b"},
     "guardian_name", CONTROL),
    ("cases", "/cases/{case}/close", {"reason": "bosan", "version": 1}, "reason",
     "Pilih salah satu dari"),
    ("cases", "/cases/{case}/tasks", {"title": "T" * 201, "due_date": "2026-12-31"}, "title",
     "Paling banyak"),
    ("broker", "/cases/{case}/needs", {"term_code": "x", "description": "Butuh\x00"},
     "description", REQUIRED),
    ("assessment", "/cases/{case}/assessments",
     {"presenting_problem": "Masalah", "summary": "Ringkas\x0b"}, "summary", REQUIRED),
    ("assessment", "/cases/{case}/ecomaps",
     {"systems": [{"name": "Sekolah", "flow": "sideways"}]}, "flow", "Pilih salah satu dari"),
    ("motivator", "/cases/{case}/goals", {"statement": "Bekerja\x07", "descriptions": {},
     "target_date": "2027-01-01"}, "statement", REQUIRED),
    ("motivator", "/cases/{case}/action-steps", {"step": "Melamar", "risk": "Ditolak\x07"},
     "risk", CONTROL),
    ("facilitator", "/programmes", {"title": "P" * 201, "kind": "training",
     "starts_on": "2026-12-01", "ends_on": "2026-12-31"}, "title", "Paling banyak"),
    ("advocate", "/complaints", {"complainant_kind": "client", "channel": "walk_in",
     "subject": "Bantuan\x00", "description": "Uraian"}, "subject", REQUIRED),
    ("advocate", "/experts", {"name": "Ahli", "fields": ["law"], "contact": "08\x0912"},
     "contact", CONTROL),
    ("mediator", "/mediations", {"case_id": 1, "issue": "Sengketa\x1b"}, "issue", REQUIRED),
    ("privacy", "/subject-requests", {"client_id": 1, "kind": "access",
     "requested_by": "subject", "identity_check": "ktp", "details": "Minta\x07"}, "details",
     CONTROL),
]  # fmt: skip


def _message(r, field):
    return next(e["msg"] for e in r.json()["errors"] if str(e["loc"][-1]) == field)


@pytest.mark.parametrize(
    "app,path,body,field,message", REFUSALS, ids=[f"{r[0]}-{r[3]}" for r in REFUSALS]
)
def test_the_parser_refuses_naming_the_field_in_both_languages(
    api, client, world, app, path, body, field, message
):
    api.as_user(world.a.users["admin" if app in ("privacy", "facilitator") else "worker"])
    url = path.format(client=world.a.client.pk, case=world.a.case.pk)
    r = api.post(url, body)
    assert r.status_code == 422, r.content
    assert isinstance(r.json()["errors"], list)  # the parser's, before any service
    assert field in fields_at_fault(r), r.json()
    assert _message(r, field).startswith(message), r.json()
    client.cookies["django_language"] = "en"
    r = api.post(url, body)
    assert r.status_code == 422 and _message(r, field).startswith(ENGLISH[message]), r.json()
