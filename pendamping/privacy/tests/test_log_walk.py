"""Every read of the permission matrix is in the processing log.

Each GET page and GET API operation the matrix test enumerates (the apps' own entries
too) is asked by a user of agency A who may read it. An answer that names agency A's
client must have written an access-log row naming that client; an answer that writes
none must be one of the reasoned exceptions below, and must not name the client. An
exception that is logged after all fails too, so the list cannot go stale."""

import pytest
from django.urls import reverse

from pendamping.accounts.tests.test_permission_matrix import (
    API,
    HTML,
    api_layer,
    by_prepare,
    expected,
    html_layer,
    key_params,
    op_id,
)
from pendamping.conftest import ROLE_KEYS
from pendamping.privacy.models import AccessRecord
from pendamping.tests.shared_world import db_after_shared_world, world_from_shared  # noqa: F401

# reads that write no log row in the matrix world, and why (each must not name the client)
_REASONS = {
    "the user's own account, inbox or tokens": [
        "password_change",
        "inbox",
        "inbox_open",
        "GET /auth/tokens",
        "GET /notifications",
    ],
    "an empty form": [
        "client_create",
        "organization_create",
        "service_create",
        "initiative_create",
        "complaint_create",
        "subject_request_create",
    ],
    "the agency's settings and reference lists, no client": [
        "letterhead_edit",
        "region_children",
        "complaint_settings",
        "complaint_category_edit",
        "term_mappings",
        "instrument_list",
        "instrument_detail",
        "GET /instruments",
        "GET /instruments/{code}",
        "GET /measures",
        "expert_list",
        "GET /experts",
        "instructor_list",
        "GET /instructors",
        "GET /retention/rules",
    ],
    "the service directory: providers, not clients": [
        "directory",
        "organization_list",
        "organization_detail",
        "organization_edit",
        "service_detail",
        "service_edit",
        "stale_capacity",
        "GET /directory/stale-capacity",
        "GET /directory/imports",
        "GET /directory/imports/{import_id}",
        "directory_export",
        "directory_import",
        "directory_import_detail",
        "directory_template",
        "GET /hsds/services",
        "GET /hsds/services/{service_id}",
        "GET /hsds/organizations",
        "GET /hsds/organizations/{organization_id}",
    ],
    "counts and indicators, no client named": [
        "initiative_list",
        "initiative_detail",
        "gap_register",
        "GET /gaps",
        "complaint_dashboard",
        "complaint_dashboard_xlsx",
        "agency_indicators",
        "agency_indicators_xlsx",
        "indicator_list",
        "indicator_xlsx",
        "GET /programmes/{programme_id}/indicators",
    ],
    "a client import's run: its rejected rows name no client that was created": [
        "client_import",
        "import_detail",
        "import_report",
    ],
    "a programme and its sessions before anyone enrols: no participant": [
        "programme_list",
        "GET /programmes",
        "GET /programmes/{programme_id}",
        "GET /programmes/{programme_id}/sessions",
        "GET /programmes/{programme_id}/completions",
        "GET /sessions/{session_id}/delivery",
    ],
    "the matrix's complaints are a group's and a community's, naming no client (a complaint naming one: test_log_gaps.py)": [
        "complaint_list",
        "complaint_letter",
        "complaint_letter_pdf",
        "complaint_evidence_file",
        "GET /complaints",
        "GET /complaints/{complaint_id}",
        "GET /complaints/{complaint_id}/alternatives",
        "GET /complaints/{complaint_id}/cosigners",
        "GET /complaints/{complaint_id}/evidence",
        "GET /complaints/{complaint_id}/feedback",
        "GET /complaints/{complaint_id}/filings",
        "GET /complaints/{complaint_id}/members",
        "GET /complaints/{complaint_id}/similar",
    ],
    "the officer's registers, empty of clients in the matrix world (they name theirs with saw())": [
        "access_log",
        "access_log_csv",
        "GET /access-log",
        "breach_list",
        "GET /breaches",
        "GET /breaches/{breach_id}",
        "GET /breaches/{breach_id}/history",
        "breach_authority_letter",
        "GET /erasures",
        "processing_records",
        "processing_records_pdf",
        "GET /processing-records",
        "retention",
        "GET /retention/due",
    ],
    "a mediation's diversion levels: stages and results, no party": [
        "GET /mediations/{mediation_id}/levels",
    ],
}
NO_CLIENT = {key: reason for reason, keys in _REASONS.items() for key in keys}


def _reader(rule):
    """A role of agency A that may read the entry (None: nobody in A)."""
    return next((role for role in ROLE_KEYS if expected(rule, "a", role) == "ok"), None)


def _body(response) -> str:
    if getattr(response, "streaming", False):
        return b"".join(response.streaming_content).decode("utf-8", "replace")
    return response.content.decode("utf-8", "replace")


def _last() -> int:
    """The newest log row so far (what the world's building wrote is not this read)."""
    return AccessRecord.objects.order_by("-pk").values_list("pk", flat=True).first() or 0


def _check(key, world, response, after: int):
    f = world.a
    assert response.status_code in (200, 302), (key, response.status_code)
    body = _body(response)  # a streamed answer writes its row once the last byte is out
    new = AccessRecord.objects.filter(pk__gt=after)
    logged = new.filter(clients__contains=AccessRecord.pattern(f.client.pk))
    if key in NO_CLIENT:
        assert not logged.exists(), f"{key} is logged now: remove it from NO_CLIENT"
        assert f.client.full_name not in body, f"{key} names the client but is not logged"
    else:
        assert logged.exists(), f"{key} answered ({response.status_code}) without a log row"
        assert not new.exclude(agency=f.agency).exists()


HTML_GETS = by_prepare({k: v for k, v in HTML.items() if v[0] == "get" and _reader(v[3])},
                       lambda entry: entry[4])  # fmt: skip
API_GETS = by_prepare({k: v for k, v in API.items() if k[0] == "GET" and _reader(v[2])},
                      lambda entry: entry[3], op_id)  # fmt: skip


@pytest.mark.parametrize(("name", "shared_world_layer"), key_params(HTML_GETS, html_layer),
                         indirect=["shared_world_layer"])  # fmt: skip
def test_every_page_read_is_logged(client, world, name):
    _method, kwargs, data, rule, _prepare = HTML[name]
    after = _last()
    client.force_login(world.a.users[_reader(rule)])
    response = client.get(reverse(name, kwargs=kwargs(world.a)), data(world.a) if data else {})
    _check(name, world, response, after)


@pytest.mark.parametrize(("op", "shared_world_layer"), key_params(API_GETS, api_layer, op_id),
                         indirect=["shared_world_layer"])  # fmt: skip
def test_every_api_read_is_logged(api, world, op):
    kwargs, _body_of, rule, _prepare = API[op]
    after = _last()
    api.as_user(world.a.users[_reader(rule)])
    response = api.call("GET", op[1].format(**kwargs(world.a)), None)
    _check(op_id(op), world, response, after)


def test_the_exceptions_are_reads_of_the_matrix():
    known = set(HTML_GETS) | {op_id(op) for op in API_GETS}
    assert set(NO_CLIENT) <= known
