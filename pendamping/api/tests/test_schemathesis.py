"""Schemathesis against the whole API, in-process (WSGI), as a logged-in user of the
demo world: every operation, every check, positive and negative data, a bounded number
of examples and a fixed seed (hypothesis' `derandomize`, pendamping/conftest.py), so a
failure is reproducible. No 5xx, every answer as the OpenAPI document says.

Each example runs in a savepoint that is rolled back: every example meets the same
world, and one operation's writes cannot hide another's failure.
"""

import io
import re
import time
import zlib
from collections import Counter, defaultdict

import hypothesis
import pytest
import schemathesis
from django.apps import apps
from django.core.management import call_command
from django.core.signals import request_finished, request_started
from django.db import close_old_connections, transaction
from hypothesis import strategies as st
from schemathesis.checks import CHECKS, load_all_checks
from schemathesis.core.failures import FailureGroup
from schemathesis.generation import GenerationMode
from schemathesis.specs.openapi.checks import positive_data_acceptance

from pendamping.accounts.models import ApiToken, User
from pendamping.api.api import api
from pendamping.conftest import make_regions
from pendamping.wsgi import application

EXAMPLES = 4  # per operation and generation mode (CI budget: README, "Tests")
# The operations are dealt into this many parts, each its own test in its own xdist
# group, so that both workers of `make test` share the run.
PARTS = 2

# Path parameter → the model whose ids it takes (`session_id` under /mediations is the
# mediator's session; elsewhere the facilitator's).
MODELS = {
    "administration_id": "assessment.InstrumentAdministration",
    "alternative_id": "advocate.Alternative",
    "case_id": "cases.Case",
    "client_id": "clients.Client",
    "complaint_id": "advocate.Complaint",
    "consent_id": "clients.Consent",
    "enrolment_id": "facilitator.Enrolment",
    "goal_id": "motivator.Goal",
    "import_id": "broker.DirectoryImport",
    "mediation_id": "mediator.Mediation",
    "need_id": "cases.Need",
    "note_id": "cases.ProgressNote",
    "notification_id": "inbox.Notification",
    "organization_id": "broker.Organization",
    "programme_id": "facilitator.Programme",
    "referral_id": "broker.Referral",
    "service_id": "broker.Service",
    "session_id": "facilitator.Session",
    "step_id": "motivator.ActionStep",
    "task_id": "cases.Task",
    "term_id": "mediator.Term",
    "token_id": "accounts.ApiToken",
}


def _model(name, path):
    if name == "session_id" and path.startswith("/api/v1/mediations"):
        return apps.get_model("mediator.Session")
    return apps.get_model(MODELS[name]) if name in MODELS else None


def known_path_parameters(path: str) -> list[dict]:
    """A few sets of real ids for the path: the last object's own, its parents' taken
    from its foreign keys (a need and its case), other parameters from their models."""
    names = re.findall(r"{(\w+)}", path)
    if not names or any(_model(n, path) is None for n in names):
        return []
    last = _model(names[-1], path)
    sets = []
    for obj in last.objects.order_by("pk")[:3]:
        params = {names[-1]: obj.pk}
        for name in names[:-1]:
            parent = getattr(obj, name, None)
            if parent is None:
                first = _model(name, path).objects.order_by("pk").first()
                parent = first.pk if first else None
            params[name] = parent
        if all(v is not None for v in params.values()):
            sets.append(params)
    return sets


def _schema(token):
    raw = api.get_openapi_schema(path_prefix="/api/v1")
    schema = schemathesis.openapi.from_dict(raw)
    schema.app = application

    @schema.auth()
    class Bearer:
        def get(self, case, ctx):
            return token

        def set(self, case, data, ctx):
            case.headers = {**(case.headers or {}), "Authorization": f"Bearer {data}"}

    return schema


# The operations that may refuse schema-valid data, each with why: a rule of the
# record's state or of other records that no schema can state. Every other operation
# answers schema-valid data with 2xx, or 401/403/404 (what the user may not see or
# do); any other 4xx fails, so what an input may be is said by the schema.
MAY_REFUSE = {
    "PATCH /api/v1/clients/{client_id}": "the client form's cross-field rules, as on create, against the stored record",
    "PATCH /api/v1/notes/{note_id}": "a note's date not in the future; only its author edits it",
    "POST /api/v1/alternatives/{alternative_id}/status": "choosing an alternative needs a note on why; moves follow the alternative's status",
    "POST /api/v1/cases/{case_id}/action-steps": "an id in the body that must name a record of one's own agency (a goal of the case)",
    "POST /api/v1/cases/{case_id}/assessments": "the needs' term codes the taxonomy holds; a date not in the future",
    "POST /api/v1/cases/{case_id}/checkins": "a date not in the future",
    "POST /api/v1/cases/{case_id}/close": "closing a closed case; the reason other needs a note",
    "POST /api/v1/cases/{case_id}/ecomaps": "a system's name once per map; services of the case's referrals",
    "POST /api/v1/cases/{case_id}/enrolments": "an id in the body that must name a record of one's own agency (an open programme)",
    "POST /api/v1/cases/{case_id}/goals": "a new goal needs all five levels described (keys 1 and +1 name one level)",
    "POST /api/v1/cases/{case_id}/needs": "a term code the taxonomy holds",
    "POST /api/v1/cases/{case_id}/needs/{need_id}/referrals": "a follow-up date not in the past; a service of the directory; a consent covering the fields",
    "POST /api/v1/cases/{case_id}/reopen": "reopening a case that is open",
    "POST /api/v1/cases/{case_id}/tasks": "an id in the body that must name a record of one's own agency (a worker the user may assign)",
    "POST /api/v1/cases/{case_id}/stage": "a stage that may follow the current one (one step forward, back with a reason)",
    "POST /api/v1/clients": "a birth date or an estimated age; latitude and longitude together; a NIK's date and region; a possible duplicate to confirm",
    "POST /api/v1/clients/{client_id}/consents": "a written consent's scan, a verbal one's witness and date, a recorded one's storage place and date; an active consent for the purpose to confirm",
    "POST /api/v1/clients/{client_id}/members": "an id in the body that must name a record of one's own agency (an individual client, not yet a member); only a group has members",
    "POST /api/v1/complaints": "a category, client or worker of one's agency; a group's name, representative and mandate; a date not in the future",
    "POST /api/v1/complaints/{complaint_id}/alternatives": "alternatives only while the complaint is being worked on",
    "POST /api/v1/complaints/{complaint_id}/consultations": "an id in the body that must name a record of one's own agency (an expert of the directory); a date not in the future",
    "POST /api/v1/complaints/{complaint_id}/cosigners": "co-signers only on a group complaint, each with their consent",
    "POST /api/v1/complaints/{complaint_id}/decision": "deciding a closed complaint",
    "POST /api/v1/complaints/{complaint_id}/evidence": "the file's content must be an image or a PDF within the size limit",
    "POST /api/v1/complaints/{complaint_id}/feedback": "feedback only after a decision",
    "POST /api/v1/complaints/{complaint_id}/filings": "a filing date not in the future",
    "POST /api/v1/complaints/{complaint_id}/legal-aid": "the complaint must be linked to the complainant's case first",
    "POST /api/v1/complaints/{complaint_id}/members": "an id in the body that must name a record of one's own agency (another complaint one may see, not grouped yet)",
    "POST /api/v1/complaints/{complaint_id}/reopen": "reopening a complaint that is open",
    "POST /api/v1/complaints/{complaint_id}/stage": "a stage that may follow the current one",
    "POST /api/v1/complaints/{complaint_id}/ungroup": "ungrouping a complaint that is in no group",
    "POST /api/v1/enrolments/{enrolment_id}/scores": "a measure the enrolment's programme uses, and answers its items take",
    "POST /api/v1/experts": "a region code the register holds",
    "POST /api/v1/instructors": "a name for an external person, or a user of one's agency with the instructor role; a provider one may see",
    "POST /api/v1/mediations": "an id in the body that must name a record of one's own agency (cases, clients); a diversion needs the offence's maximum sentence",
    "POST /api/v1/mediations/{mediation_id}/parties": "a recorded consent names where the recording is kept (consent_recording_reference)",
    "POST /api/v1/programmes": "the partial share not above the compliant share; an end not before the start; measures and facilitators of the agency",
    "POST /api/v1/programmes/{programme_id}/indicators": "the amber limit not above the green; targets for periods of the programme",
    "POST /api/v1/programmes/{programme_id}/sessions": "an id in the body that must name a record of one's own agency (instructors, module, the session made up for)",
    "POST /api/v1/referrals/{referral_id}/status": "a status that may follow the current one, with its reason",
}  # fmt: skip


# The one multipart operation: schemathesis writes the names of the extra fields it
# adds raw into the parts' Content-Disposition, and a name holding a quote, a
# semicolon or a control character breaks the encoding, so the parser finds no
# `photo` part, or takes an extra part's text for another. Only with such added fields
# may it refuse.
MULTIPART = "POST /api/v1/sessions/{session_id}/participants/{enrolment_id}/notes/photo"


def lost_multipart_part(case, response) -> bool:
    """A parser's 422 for the multipart operation when schemathesis added fields."""
    if case.operation.label != MULTIPART or response.status_code != 422:
        return False
    extra = set(case.body or {}) - {"photo", "text"}
    return bool(extra) and isinstance(response.json().get("errors"), list)


def refusal_of_state(response) -> bool:
    """A 409, or a 422 from the services or forms (field → messages); a 422 from the
    request parser (a list of schema errors) is never allowed for schema-valid data."""
    if response.status_code == 409:
        return True
    return response.status_code == 422 and isinstance(response.json().get("errors"), dict)


def stale_version(operation, response) -> bool:
    """409 for a `version` (or `based_on`) that is not the record's current one: the
    edit conflict every versioned write may answer (README, "API")."""
    if response.status_code != 409:
        return False
    body = operation.definition.raw.get("requestBody", {}).get("content", {})
    schemas = [c.get("schema", {}) for c in body.values()]
    return any({"version", "based_on"} & set(_properties(operation, s)) for s in schemas)


def _properties(operation, schema: dict) -> dict:
    if "$ref" in schema:
        name = schema["$ref"].split("/")[-1]
        schema = operation.schema.raw_schema["components"]["schemas"][name]
    return schema.get("properties", {})


def refused_valid_data(case, response) -> bool:
    """A 4xx other than 401, 403 and 404 for data the schema says is valid."""
    meta = case.meta
    if meta is None or not meta.generation.mode.is_positive:
        return False
    return 400 <= response.status_code < 500 and response.status_code not in (401, 403, 404)


@pytest.fixture
def demo_world(db, settings):
    """The demo, once, as bdg.peksos1 (a social worker of the first agency). The WSGI
    calls stay inside the test's transaction: as Django's test client does, requests
    do not close the database connection at their end."""
    settings.ALLOWED_HOSTS = ["*"]
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    cpu = time.process_time()
    make_regions()
    call_command("demo", clients=4, stdout=io.StringIO())
    print(f"demo: {time.process_time() - cpu:.0f} s CPU")
    yield User.objects.get(username="bdg.peksos1")
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


def _examples(strategy, label, checks, failures, statuses, refused):
    @hypothesis.settings(max_examples=EXAMPLES, database=None, phases=[
        hypothesis.Phase.explicit, hypothesis.Phase.generate])  # fmt: skip
    @hypothesis.given(case=strategy)
    def run(case):
        with transaction.atomic():
            response = case.call()
            statuses[(label, response.status_code)] += 1
            try:
                case.validate_response(response, checks=checks)
            except (AssertionError, FailureGroup) as exc:
                failures.append(f"{label}: {str(exc)[:800]}")
            if refused_valid_data(case, response):
                detail = f"{response.status_code} {response.json().get('detail', '')}"[:200]
                refused[label].add(detail)
                allowed = (
                    stale_version(case.operation, response)
                    or (label in MAY_REFUSE and refusal_of_state(response))
                    or lost_multipart_part(case, response)
                )
                if not allowed:
                    failures.append(f"{label}: schema-valid data refused: {detail}\n"
                                    f"{case.as_curl_command()}"[:800])  # fmt: skip
            transaction.set_rollback(True)

    return run


def part_of(label: str) -> int:
    """The part an operation belongs to: by a stable hash of its label ("POST /api/v1/
    clients"), so that adding an operation moves no other one."""
    return zlib.crc32(label.encode()) % PARTS


def test_every_operation_that_may_refuse_valid_data_exists_and_says_why():
    labels = {r.ok().label for r in _schema("-").get_all_operations()}
    assert set(MAY_REFUSE) <= labels, set(MAY_REFUSE) - labels
    assert all(len(reason) > 10 for reason in MAY_REFUSE.values())


def test_the_parts_cover_every_operation_once():
    labels = [r.ok().label for r in _schema("-").get_all_operations()]
    parts = Counter(part_of(label) for label in labels)
    assert len(labels) == len(set(labels)) > 100
    assert sorted(parts) == list(range(PARTS))
    assert max(parts.values()) < 0.65 * len(labels), parts  # both workers get a share


@pytest.mark.parametrize(
    "part", [pytest.param(i, marks=pytest.mark.xdist_group(f"schemathesis-{i}"))
             for i in range(PARTS)],
)  # fmt: skip
def test_every_operation_passes_every_check(demo_world, part):
    cpu = time.process_time()
    load_all_checks()
    checks = CHECKS.get_all()
    token = ApiToken.issue(demo_world)
    schema = _schema(token)
    failures, statuses, refused = [], Counter(), defaultdict(set)
    # refused_valid_data stands for schemathesis' own, which allows 409 everywhere
    checks = [c for c in checks if c is not positive_data_acceptance]
    operations = [r.ok() for r in schema.get_all_operations() if part_of(r.ok().label) == part]

    for operation in operations:
        known = known_path_parameters(operation.path)
        strategies = [operation.as_strategy(GenerationMode.NEGATIVE)]
        if known:
            strategies.append(
                st.sampled_from(known).flatmap(
                    lambda p, op=operation: op.as_strategy(path_parameters=p)
                )
            )
        else:
            strategies.append(operation.as_strategy(GenerationMode.POSITIVE))

        for strategy in strategies:
            _examples(strategy, operation.label, checks, failures, statuses, refused)()

    print("refusals of schema-valid data:", *sorted(refused.items()), sep="\n  ")
    print(f"schemathesis: {sum(statuses.values())} requests, {time.process_time() - cpu:.0f} s CPU")
    assert {label for label, _ in statuses} == {op.label for op in operations}
    assert not failures, "\n\n".join(dict.fromkeys(failures))
