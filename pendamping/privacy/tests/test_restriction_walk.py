"""Restriction of processing, walked over every write the product registers: each
page POST and each API POST/PUT/PATCH/DELETE of the permission matrix (every app's
entries, the case actions among them) and each PDF or spreadsheet export, made for a
restricted client by a user who could otherwise do it, is refused with the reason
(403), and leaves the client's file as it was. An operation about another record
(the directory, a programme, an anonymous complaint) may succeed, but must leave every
row of the client's file, in every app, unchanged; the client's own writes are named
in MUST_REFUSE, and the exports not refused are named with why."""

import functools

import pytest
from django.urls import reverse

from pendamping.accounts.tests import test_permission_matrix as matrix
from pendamping.processing import ProcessingRestricted
from pendamping.tests.shared_world import db_after_shared_world, world_from_shared  # noqa: F401

# operations that do not write the restricted client's file, and why
NOT_THE_CLIENTS = {
    # the user's own or the agency's records, and reads sent as POST
    "nik_check", "search", "password_change", "letterhead_edit", "privacy_settings",
    "DELETE /auth/token", "DELETE /auth/tokens", "DELETE /auth/tokens/{token_id}",
    "POST /clients", "POST /clients/search",
    # the register of data-subject requests is how the controller handles the restriction
    "subject_request_respond", "subject_request_restrict", "subject_request_lift",
    "subject_request_release", "subject_request_edits",
    "POST /subject-requests", "POST /subject-requests/{request_id}/respond",
    "POST /subject-requests/{request_id}/restrict", "POST /subject-requests/{request_id}/lift",
    "POST /subject-requests/{request_id}/release", "POST /subject-requests/{request_id}/edits",
    # the client's own copy of their data (UU 27/2022 art. 32) stays possible
    "subject_request_package_pdf", "mediation_party_export_pdf",
    # exports of counts (no client in them), and letters of records the matrix world
    # does not link to the client (an anonymous complaint, a mediation of its own case)
    "agency_indicators_xlsx", "indicator_xlsx", "complaint_dashboard_xlsx",
    "complaint_letter_pdf", "mediation_perception_picture_pdf",
    # the agency's records of processing: purposes and categories, no client in them
    "processing_records_pdf",
}  # fmt: skip

# the client's own file: these must be refused (the rest of the walk: refused, or the
# client's file is left as it was, because the operation is about another record)
MUST_REFUSE = {
    "client_delete", "family_add", "family_delete", "consent_add", "consent_withdraw",
    "case_edit", "case_stage", "case_close", "case_reopen", "case_delete", "note_add",
    "note_delete", "task_add", "task_toggle", "need_add", "need_status", "referral_create",
    "referral_status", "case_summary_pdf", "referral_letter_pdf",
    "PATCH /clients/{client_id}", "DELETE /clients/{client_id}",
    "POST /clients/{client_id}/family", "POST /clients/{client_id}/consents",
    "POST /cases", "PATCH /cases/{case_id}", "POST /cases/{case_id}/stage",
    "POST /cases/{case_id}/close", "POST /cases/{case_id}/notes", "PATCH /notes/{note_id}",
    "POST /cases/{case_id}/needs", "POST /cases/{case_id}/needs/{need_id}/referrals",
    "POST /referrals/{referral_id}/status",
}  # fmt: skip

PREFERRED = ("worker", "supervisor", "admin", "other_worker", "instructor", "dpo")


def acting_role(rule: str) -> str | None:
    return next((r for r in PREFERRED if matrix.expected(rule, "a", r) == "ok"), None)


@functools.cache
def restricted_layer(prepare):
    """The entry's prepare on agency A, then A's client restricted."""

    def apply(world):
        from pendamping.privacy import requests, restriction

        f = world.a
        if prepare is not None:
            prepare(f)
        f.case.refresh_from_db()
        asked = requests.request_record(actor=f.users["dpo"], client_id=f.client.pk,
                                        kind="restriction", requested_by="client",
                                        identity_check="ktp")  # fmt: skip
        restriction.restriction_apply(actor=f.users["dpo"], request=asked)

    apply.__qualname__ = f"restricted({matrix._prepare_order(prepare)})"
    return apply


def _is_export(name: str) -> bool:
    return name.endswith(("_pdf", "_xlsx")) or "xlsx" in name or "pdf" in name


HTML_WRITES = [n for n in matrix.HTML_KEYS
               if (matrix.HTML[n][0] == "post" or _is_export(n)) and n not in NOT_THE_CLIENTS]  # fmt: skip
API_WRITES = [op for op in matrix.API_KEYS
              if op[0] in ("POST", "PUT", "PATCH", "DELETE") and matrix.op_id(op) not in NOT_THE_CLIENTS]  # fmt: skip
REASON = str(ProcessingRestricted.message)


def _snapshot(client_id):
    """Every row of the client's file, in every app (what a write must not change)."""
    from django.apps import apps
    from django.db.models import Q

    from pendamping.privacy.restriction import paths_to_client

    out = {}
    for model in apps.get_models():
        paths = paths_to_client(model)
        if not paths or model._meta.app_label == "privacy":
            continue
        mine = Q()
        for path in paths:
            mine |= Q(**{"__".join((*path, "pk")) if path else "pk": client_id})
        rows = model._base_manager.filter(mine).distinct().order_by("pk").values_list()
        out[model._meta.label] = [tuple(map(str, r)) for r in rows]
    return out


def test_every_write_is_walked_or_named():
    names = set(matrix.HTML) | {matrix.op_id(op) for op in matrix.API}
    assert names >= NOT_THE_CLIENTS, NOT_THE_CLIENTS - names
    assert names >= MUST_REFUSE, MUST_REFUSE - names
    assert HTML_WRITES and API_WRITES


@pytest.mark.parametrize(("name", "shared_world_layer"),
                         [pytest.param(n, restricted_layer(matrix.HTML[n][4]), id=n) for n in HTML_WRITES],
                         indirect=["shared_world_layer"])  # fmt: skip
def test_page_write_is_refused(client, world, name):
    method, kwargs, data, rule, _prepare = matrix.HTML[name]
    role = acting_role(rule)
    f = world.a
    client.force_login(f.users[role])
    before = _snapshot(f.client.pk)
    response = getattr(client, method)(reverse(name, kwargs=kwargs(f)), data(f) if data else {})
    if name in MUST_REFUSE or _is_export(name) or response.status_code == 403:
        assert response.status_code == 403, (name, role, response.status_code)
        assert REASON in response.content.decode(), name
    assert _snapshot(f.client.pk) == before, name


@pytest.mark.parametrize(("op", "shared_world_layer"),
                         [pytest.param(op, restricted_layer(matrix.API[op][3]), id=matrix.op_id(op))
                          for op in API_WRITES], indirect=["shared_world_layer"])  # fmt: skip
def test_api_write_is_refused(api, world, op):
    kwargs, body, rule, _prepare = matrix.API[op]
    role = acting_role(rule)
    f = world.a
    api.as_user(f.users[role])
    before = _snapshot(f.client.pk)
    response = api.call(op[0], op[1].format(**kwargs(f)), body(f) if body else None)
    if matrix.op_id(op) in MUST_REFUSE or response.status_code == 403:
        assert response.status_code == 403, (op, role, response.status_code, response.content)
        assert response.json()["detail"] == REASON
    assert _snapshot(f.client.pk) == before, op
