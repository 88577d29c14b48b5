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
from collections import Counter

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


def service_refusal(response) -> bool:
    """A 422 from the services or forms (field → messages): a rule of the data or of
    the record's state that no schema can state (a date in the future, a stage that
    cannot follow the current one, an id of another agency). A 422 from the request
    parser (a list of schema errors) for schema-valid data stays a failure."""
    if response.status_code != 422:
        return False
    return isinstance(response.json().get("errors"), dict)


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
            try:
                case.validate_response(response, checks=[positive_data_acceptance])
            except (AssertionError, FailureGroup) as exc:
                if service_refusal(response):
                    refused[label] += 1
                else:
                    failures.append(f"{label}: {str(exc)[:800]}")
            transaction.set_rollback(True)

    return run


def part_of(label: str) -> int:
    """The part an operation belongs to: by a stable hash of its label ("POST /api/v1/
    clients"), so that adding an operation moves no other one."""
    return zlib.crc32(label.encode()) % PARTS


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
    failures, statuses, refused = [], Counter(), Counter()
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

    print("service refusals of schema-valid data:", sorted(refused.items()))
    print(f"schemathesis: {sum(statuses.values())} requests, {time.process_time() - cpu:.0f} s CPU")
    assert {label for label, _ in statuses} == {op.label for op in operations}
    assert not failures, "\n\n".join(dict.fromkeys(failures))
