"""Every URL pattern and every API operation, for every role in two agencies.

The specs below must name every route: the coverage tests fail when a new URL
or API operation is added without an entry, so confidentiality is checked on
the day a view is written.
"""

import functools
import importlib
from datetime import timedelta

import pytest
from django.urls import URLPattern, URLResolver, get_resolver
from django.utils import timezone

from pendamping import plugins
from pendamping.api.api import api as ninja_api
from pendamping.cases import services as case_services
from pendamping.conftest import ROLE_KEYS
from pendamping.tests.shared_world import db_after_shared_world, world_from_shared  # noqa: F401

AGENCY_A_READERS = {"worker", "supervisor", "admin", "auditor"}
AGENCY_A_WRITERS = {"worker", "supervisor", "admin"}
MANAGERS = {"supervisor", "admin"}

# rule -> (roles of agency A that succeed, roles of A that get 403 rather than 404)
RULES = {
    "read": (AGENCY_A_READERS, set()),
    # directory entries of agency A (not shared): every member of A reads them
    "member": (set(ROLE_KEYS), set()),
    # the data protection officer, a member of the agency, reads its directories but
    # writes nothing (403) and reads no client or case data (404)
    "entry_write": (AGENCY_A_WRITERS | {"other_worker"}, {"auditor", "instructor", "dpo"}),
    # a session's own work (attendance, the instructor's record): the agency's writers
    # and the instructor who teaches it (facilitator); the auditor only reads
    "session_work": (AGENCY_A_WRITERS | {"other_worker", "instructor"}, {"auditor", "dpo"}),
    # agency-wide broker records (initiatives): staff of A, not instructors
    "agency_read": (AGENCY_A_READERS | {"other_worker"}, set()),
    "write": (AGENCY_A_WRITERS, {"auditor"}),
    "manage": (MANAGERS, {"worker", "auditor"}),
    "author": ({"worker"}, {"supervisor", "admin", "auditor"}),
    # the agency's own records of its management (client imports): its admin only
    "admin": ({"admin"}, set()),
    # the user's own record (an API token, a notification): agency A's worker only, 404 for all others
    "own": ({"worker"}, set()),
}


def expected(rule: str, agency: str, role: str) -> str:
    """'ok', 403 or 404 for one user."""
    if rule == "any":
        return "ok"
    if rule == "create":
        return "ok" if role in AGENCY_A_WRITERS | {"other_worker"} else 403
    if rule == "admin_page":  # a page of the user's own agency, for its admin
        return "ok" if role == "admin" else 403
    if rule == "staff":  # a page of the user's own agency, for all but instructors and the officer
        return 404 if role in {"instructor", "dpo"} else "ok"
    if rule == "officer_page":  # the agency's data protection pages (privacy app)
        return "ok" if role in {"admin", "dpo"} else 403
    if rule == "officer_client":  # an officer's page naming a client of agency A (privacy)
        return 403 if role not in {"admin", "dpo"} else "ok" if agency == "a" else 404
    ok, forbidden = RULES[rule]
    if agency == "b":
        return 404
    if role in ok:
        return "ok"
    return 403 if role in forbidden else 404


def own_token(f):
    """An API token of agency A's worker (another device's): only they may end it."""
    from pendamping.accounts.models import ApiToken

    ApiToken.issue(f.users["worker"])
    f.own_token = ApiToken.objects.filter(user=f.users["worker"]).latest("pk")


def broker(f):
    """Agency A's directory entry, a need on its case and a referral to an outside provider."""
    from pendamping.broker import services as broker_services
    from pendamping.cases import services as need_services
    from pendamping.taxonomy.models import TaxonomyTerm

    if hasattr(f, "service"):
        return
    worker = f.users["worker"]
    f.org = broker_services.organization_save(
        actor=worker, data={"name": "Puskesmas Andir", "description": "Puskesmas"}
    )
    f.location = broker_services.location_add(
        actor=worker,
        organization=f.org,
        data={"name": "Andir", "latitude": -6.91, "longitude": 107.58},
    )
    term = TaxonomyTerm.objects.get(code="hidup_layak.kesehatan")
    f.service = broker_services.service_save(
        actor=worker,
        data={
            "organization": f.org,
            "name": "Poli Umum",
            "description": "Berobat",
            "terms": [term],
            "locations": [f.location],
            "capacity": "available",
        },
    )
    f.need = need_services.need_add(actor=worker, case=f.case, term=term, description="Berobat")
    f.referral = broker_services.referral_create(
        actor=worker,
        need=f.need,
        service=f.service,
        follow_up_date=timezone.localdate() + timedelta(days=7),
    )
    f.case.refresh_from_db()


def broker_gap(f):
    from pendamping.broker import services as broker_services
    from pendamping.broker.models import Gap

    broker(f)
    f.gap = Gap.objects.create(agency=f.agency, need=f.need, term=f.need.term, reason="no_service")
    f.initiative = broker_services.initiative_save(
        actor=f.users["worker"],
        data={"title": "Klinik keliling", "term": f.need.term, "plan": "Rencana", "gaps": [f.gap]},
    )


def close_case(f):
    case_services.case_close(actor=f.users["worker"], case=f.case, reason="goals_met",
                             expected_version=f.case.version)  # fmt: skip


# name -> (method, url kwargs, form data, rule, prepare)
HTML = {
    "home": ("get", lambda f: {}, None, "any", None),
    "client_list": ("get", lambda f: {}, None, "any", None),
    "client_create": ("get", lambda f: {}, None, "create", None),
    "nik_check": ("post", lambda f: {}, lambda f: {"nik": "3273056010900009"}, "any", None),
    "region_children": ("get", lambda f: {}, lambda f: {"province": "32"}, "any", None),
    "client_detail": ("get", lambda f: {"pk": f.client.pk}, None, "read", None),
    "client_edit": ("get", lambda f: {"pk": f.client.pk}, None, "write", None),
    "client_delete": ("post", lambda f: {"pk": f.client.pk}, None, "manage", None),
    "family_add": ("post", lambda f: {"pk": f.client.pk},
                   lambda f: {"name": "Adik", "sex": "M", "relation": "sibling"}, "write", None),
    "family_delete": ("post", lambda f: {"pk": f.client.pk, "member_pk": f.member.pk}, None, "write", None),
    "consent_add": ("post", lambda f: {"pk": f.client.pk},
                    lambda f: {"purpose": "case_management", "lawful_basis": "consent",
                               "given_by": "client", "method": "verbal", "witness_name": "Pak RT",
                               "given_on": "2026-01-05", "data_categories": ["identity"],
                               "confirm_repeat": "on"}, "write", None),
    "consent_withdraw": ("post", lambda f: {"pk": f.client.pk, "consent_pk": f.consent.pk}, None, "write", None),
    "case_list": ("get", lambda f: {}, None, "any", None),
    "case_open": ("get", lambda f: {"client_pk": f.client.pk}, None, "write", None),
    "case_detail": ("get", lambda f: {"pk": f.case.pk}, None, "read", None),
    "case_panel": ("get", lambda f: {"pk": f.case.pk, "key": "needs"}, None, "read", None),
    "case_panels_later": ("get", lambda f: {"pk": f.case.pk}, None, "read", None),
    # an action's form alone (every action: cases/tests/test_case_forms.py)
    "case_form": ("get", lambda f: {"pk": f.case.pk, "key": "note"}, None, "write", None),
    "case_edit": ("post", lambda f: {"pk": f.case.pk},
                  lambda f: {"presenting_problem": "Baru", "risk_level": "high", "version": f.case.version},
                  "write", None),
    "case_stage": ("post", lambda f: {"pk": f.case.pk},
                   lambda f: {"to_stage": "asesmen", "version": f.case.version}, "write", None),
    "case_assign": ("post", lambda f: {"pk": f.case.pk},
                    lambda f: {"worker": f.users["worker"].pk, "version": f.case.version}, "manage", None),
    "case_close": ("post", lambda f: {"pk": f.case.pk},
                   lambda f: {"reason": "goals_met", "version": f.case.version}, "write", None),
    "case_reopen": ("post", lambda f: {"pk": f.case.pk},
                    lambda f: {"reason": "Masalah muncul lagi", "version": f.case.version}, "write", close_case),
    "case_delete": ("post", lambda f: {"pk": f.case.pk}, None, "manage", None),
    "note_add": ("post", lambda f: {"pk": f.case.pk},
                 lambda f: {"kind": "phone", "practice_role": "broker", "confidentiality": "normal",
                            "occurred_on": timezone.localdate().isoformat(), "body": "Menelepon"}, "write", None),
    "note_edit": ("get", lambda f: {"pk": f.note.pk}, None, "author", None),
    "note_delete": ("post", lambda f: {"pk": f.note.pk}, None, "author", None),
    "task_add": ("post", lambda f: {"pk": f.case.pk},
                 lambda f: {"title": "Telepon", "due_date": timezone.localdate().isoformat()}, "write", None),
    "task_toggle": ("post", lambda f: {"pk": f.task.pk}, lambda f: {"version": f.task.version}, "write", None),
    # the user's own agenda and search: every user, each seeing only what their scopes allow
    "agenda": ("get", lambda f: {}, None, "any", None),
    "case_summary": ("get", lambda f: {"pk": f.case.pk}, None, "read", None),
    "case_summary_pdf": ("get", lambda f: {"pk": f.case.pk}, None, "read", None),
    "agenda_pdf": ("get", lambda f: {}, None, "any", None),
    "search": ("post", lambda f: {}, lambda f: {"q": f.case.number}, "any", None),
    # broker: directory
    "directory": ("get", lambda f: {}, None, "any", broker),
    "organization_list": ("get", lambda f: {}, None, "any", broker),
    "organization_create": ("get", lambda f: {}, None, "create", None),
    "organization_detail": ("get", lambda f: {"pk": f.org.pk}, None, "member", broker),
    "organization_edit": ("get", lambda f: {"pk": f.org.pk}, None, "entry_write", broker),
    "organization_delete": ("post", lambda f: {"pk": f.org.pk}, None, "entry_write", broker),
    "location_add": ("post", lambda f: {"pk": f.org.pk},
                     lambda f: {"name": "Cabang", "location_type": "physical", "latitude": "-6.9", "longitude": "107.6"}, "entry_write", broker),
    "location_delete": ("post", lambda f: {"pk": f.org.pk, "location_pk": f.location.pk}, None, "entry_write", broker),
    "service_create": ("get", lambda f: {}, None, "create", None),
    "service_detail": ("get", lambda f: {"pk": f.service.pk}, None, "member", broker),
    "service_edit": ("get", lambda f: {"pk": f.service.pk}, None, "entry_write", broker),
    "service_capacity": ("post", lambda f: {"pk": f.service.pk},
                         lambda f: {"capacity": "waitlist", "capacity_count": 3, "version": f.service.version},
                         "entry_write", broker),
    "service_delete": ("post", lambda f: {"pk": f.service.pk}, None, "entry_write", broker),
    # broker: needs, matches, referrals
    "need_add": ("post", lambda f: {"case_pk": f.case.pk},
                 lambda f: {"term": f.need.term.pk, "description": "Obat", "urgency": "high"}, "write", broker),
    "need_form": ("get", lambda f: {"case_pk": f.case.pk}, None, "write", None),
    "need_detail": ("get", lambda f: {"pk": f.need.pk}, None, "read", broker),
    "need_consent": ("post", lambda f: {"pk": f.need.pk},
                     lambda f: {"consent-lawful_basis": "consent", "consent-given_by": "client",
                                "consent-method": "verbal", "consent-witness_name": "Pak RT",
                                "consent-given_on": "2026-01-05", "consent-confirm_repeat": "on",
                                "consent-data_categories": ["identity"]}, "write", broker),
    "need_status": ("post", lambda f: {"pk": f.need.pk},
                    lambda f: {"status": "unmet", "version": f.need.version}, "write", broker),
    "referral_create": ("post", lambda f: {"pk": f.need.pk},
                        lambda f: {"service": f.service.pk, "follow_up_date": timezone.localdate().isoformat(),
                                   "shared_fields": ["full_name"], "send": "on"}, "write", broker),
    "referral_list": ("get", lambda f: {}, None, "any", broker),
    "referral_detail": ("get", lambda f: {"pk": f.referral.pk}, None, "read", broker),
    "referral_status": ("post", lambda f: {"pk": f.referral.pk},
                        lambda f: {"to_status": "accepted", "reason": "Diterima", "version": f.referral.version},
                        "write", broker),
    "referral_letter": ("get", lambda f: {"pk": f.referral.pk}, None, "read", broker),
    "referral_letter_pdf": ("get", lambda f: {"pk": f.referral.pk}, None, "read", broker),
    # broker: gaps and initiatives
    "gap_register": ("get", lambda f: {}, None, "any", broker_gap),
    "initiative_list": ("get", lambda f: {}, None, "any", broker_gap),
    "initiative_create": ("get", lambda f: {}, None, "create", None),
    "initiative_detail": ("get", lambda f: {"pk": f.initiative.pk}, None, "agency_read", broker_gap),
    # one's own password: every user, nobody else's
    "password_change": ("get", lambda f: {}, None, "any", None),
    # the agency's letterhead (kop surat) and letter numbering: its admin only
    "letterhead_edit": ("get", lambda f: {}, None, "admin_page", None),
}  # fmt: skip
# password_reset_confirm: a one-time signed link, no session (accounts/tests/test_passwords.py);
# the favicon: an icon, no data
PUBLIC = {"login", "logout", "set_language", "password_reset_confirm", "favicon"}
# Apps keep their own entries beside their tests and name the module in their plugin.py.
APP_MATRICES = sorted(plugins.registry.matrix_modules().values())
for _module in APP_MATRICES:
    HTML |= importlib.import_module(_module).HTML
    # pages an app serves without login (the advocate's public status check), each
    # with its own leak tests beside the app's tests
    PUBLIC |= getattr(importlib.import_module(_module), "PUBLIC", set())
    # an app may name rules of its own (who succeeds, who gets 403), beside its entries
    RULES |= getattr(importlib.import_module(_module), "RULES", {})


def url_names(resolver=None, prefix=""):
    resolver = resolver or get_resolver()
    for p in resolver.url_patterns:
        if isinstance(p, URLResolver):
            if p.namespace in ("admin", "api"):
                continue
            yield from url_names(p)
        elif isinstance(p, URLPattern) and p.name:
            yield p.name


def test_every_url_pattern_is_in_the_matrix():
    assert set(url_names()) == set(HTML) | PUBLIC


USERS = [(agency, role) for agency in ("a", "b") for role in ROLE_KEYS]

# ---- one world per module ------------------------------------------------------------
# The two agencies are built once for this module (pendamping/tests/shared_world.py) and
# each check runs in a savepoint that is rolled back after it. An entry's `prepare` runs
# once for the run of checks that share it (the indirect parameter `shared_world_layer`):
# the checks are ordered by `prepare`, each still its own test with its own id.


@functools.cache
def on_agency_a(prepare):
    """`prepare(f)` of an entry, applied to agency A of a world (one object per prepare,
    so that consecutive checks with the same prepare share its layer)."""
    if prepare is None:
        return None

    def apply(world):
        prepare(world.a)
        world.a.case.refresh_from_db()

    apply.__qualname__ = f"on_agency_a({prepare.__module__}.{prepare.__qualname__})"
    return apply


def _prepare_order(prepare):
    return "" if prepare is None else f"{prepare.__module__}.{prepare.__qualname__}"


def by_prepare(entries, prepare_of, ident=str):
    """The entries' keys, those with the same prepare next to each other."""
    return sorted(entries, key=lambda k: (_prepare_order(prepare_of(entries[k])), ident(k)))


def user_params(keys, layer_of, ident=str):
    """(agency, role, key, layer) for every user and key, a key's users in a row; ids as
    before the world was shared: agency-role-key. The layer: `layer_of(key)`, a
    function of the world (None: the world as it is)."""
    return [
        pytest.param(agency, role, key, layer_of(key), id=f"{agency}-{role}-{ident(key)}")
        for key in keys
        for agency, role in USERS
    ]


def key_params(keys, layer_of, ident=str):
    return [pytest.param(key, layer_of(key), id=ident(key)) for key in keys]


WITH_USERS = ("agency", "role", "name", "shared_world_layer")


HTML_KEYS = by_prepare(HTML, lambda entry: entry[4])


def html_layer(name):
    return on_agency_a(HTML[name][4])


def _status_ok(status):
    return status in (200, 201, 204, 302)


@pytest.mark.parametrize(
    WITH_USERS, user_params(HTML_KEYS, html_layer), indirect=["shared_world_layer"]
)
def test_html_matrix(client, world, name, agency, role):
    from django.urls import reverse

    method, kwargs, data, rule, _prepare = HTML[name]
    f = world.a
    client.force_login(getattr(world, agency).users[role])
    url = reverse(name, kwargs=kwargs(f))
    response = getattr(client, method)(url, data(f) if data else {})
    want = expected(rule, agency, role)
    if want == "ok":
        assert _status_ok(response.status_code), (name, agency, role, response.status_code)
    else:
        assert response.status_code == want, (name, agency, role, response.status_code)


@pytest.mark.parametrize(("name", "shared_world_layer"), key_params(HTML_KEYS, html_layer),
                         indirect=["shared_world_layer"])  # fmt: skip
def test_html_needs_login(client, world, name):
    from django.urls import reverse

    method, kwargs, data, _rule, _prepare = HTML[name]
    response = getattr(client, method)(
        reverse(name, kwargs=kwargs(world.a)), data(world.a) if data else {}
    )
    assert response.status_code == 302 and "/login/" in response["Location"]


# (METHOD, path) -> (path kwargs, json body, rule, prepare)
API = {
    ("GET", "/clients"): (lambda f: {}, None, "any", None),
    ("POST", "/clients"): (lambda f: {}, lambda f: {"full_name": "Budi Santoso", "sex": "M",
                                                     "birth_date": "1980-01-02"}, "create", None),
    ("POST", "/clients/search"): (lambda f: {}, lambda f: {"q": "Siti Rahayu"}, "any", None),
    ("GET", "/clients/{client_id}"): (lambda f: {"client_id": f.client.pk}, None, "read", None),
    ("PATCH", "/clients/{client_id}"): (lambda f: {"client_id": f.client.pk},
                                         lambda f: {"version": f.client.version, "nickname": "Iti"}, "write", None),
    ("DELETE", "/clients/{client_id}"): (lambda f: {"client_id": f.client.pk}, None, "manage", None),
    ("GET", "/clients/{client_id}/family"): (lambda f: {"client_id": f.client.pk}, None, "read", None),
    ("POST", "/clients/{client_id}/family"): (lambda f: {"client_id": f.client.pk},
                                               lambda f: {"name": "Adik", "sex": "M", "relation": "sibling"},
                                               "write", None),
    ("GET", "/clients/{client_id}/consents"): (lambda f: {"client_id": f.client.pk}, None, "read", None),
    ("POST", "/clients/{client_id}/consents"): (lambda f: {"client_id": f.client.pk},
                                                 lambda f: {"purpose": "reporting", "method": "verbal",
                                                            "witness_name": "Pak RT",
                                                            "given_on": "2026-01-05",
                                                            "data_categories": ["identity"],
                                                            "confirm_repeat": True}, "write", None),
    ("POST", "/clients/{client_id}/consents/{consent_id}/withdraw"): (
        lambda f: {"client_id": f.client.pk, "consent_id": f.consent.pk}, None, "write", None),
    ("GET", "/cases"): (lambda f: {}, None, "any", None),
    ("POST", "/cases"): (lambda f: {}, lambda f: {"client_id": f.client.pk, "presenting_problem": "Baru",
                                        "assigned_worker_id": f.users["worker"].pk},
                         "write", None),
    ("GET", "/cases/{case_id}"): (lambda f: {"case_id": f.case.pk}, None, "read", None),
    ("PATCH", "/cases/{case_id}"): (lambda f: {"case_id": f.case.pk},
                                     lambda f: {"version": f.case.version, "risk_level": "high"}, "write", None),
    ("DELETE", "/cases/{case_id}"): (lambda f: {"case_id": f.case.pk}, None, "manage", None),
    ("POST", "/cases/{case_id}/stage"): (lambda f: {"case_id": f.case.pk},
                                          lambda f: {"to_stage": "asesmen", "version": f.case.version}, "write", None),
    ("POST", "/cases/{case_id}/assign"): (lambda f: {"case_id": f.case.pk},
                                           lambda f: {"worker_id": f.users["worker"].pk, "version": f.case.version},
                                           "manage", None),
    ("POST", "/cases/{case_id}/close"): (lambda f: {"case_id": f.case.pk},
                                          lambda f: {"reason": "goals_met", "version": f.case.version}, "write", None),
    ("POST", "/cases/{case_id}/reopen"): (lambda f: {"case_id": f.case.pk},
                                           lambda f: {"reason": "Kambuh", "version": f.case.version}, "write", close_case),
    ("GET", "/cases/{case_id}/events"): (lambda f: {"case_id": f.case.pk}, None, "read", None),
    ("GET", "/cases/{case_id}/notes"): (lambda f: {"case_id": f.case.pk}, None, "read", None),
    ("POST", "/cases/{case_id}/notes"): (lambda f: {"case_id": f.case.pk},
                                          lambda f: {"kind": "phone", "body": "Menelepon"}, "write", None),
    ("GET", "/cases/{case_id}/tasks"): (lambda f: {"case_id": f.case.pk}, None, "read", None),
    ("POST", "/cases/{case_id}/tasks"): (lambda f: {"case_id": f.case.pk},
                                          lambda f: {"title": "Telepon", "due_date": (timezone.localdate() + timedelta(days=1)).isoformat()},
                                          "write", None),
    ("PATCH", "/notes/{note_id}"): (lambda f: {"note_id": f.note.pk},
                                     lambda f: {"version": f.note.version, "body": "Diubah"}, "author", None),
    ("GET", "/tasks"): (lambda f: {}, None, "any", None),
    ("PATCH", "/tasks/{task_id}"): (lambda f: {"task_id": f.task.pk},
                                     lambda f: {"done": True, "version": f.task.version}, "write", None),
    ("GET", "/hsds/services"): (lambda f: {}, None, "any", broker),
    ("GET", "/hsds/services/{service_id}"): (lambda f: {"service_id": f.service.pk}, None, "member", broker),
    ("GET", "/hsds/organizations"): (lambda f: {}, None, "any", broker),
    ("GET", "/hsds/organizations/{organization_id}"): (lambda f: {"organization_id": f.org.pk}, None, "member", broker),
    ("GET", "/cases/{case_id}/needs"): (lambda f: {"case_id": f.case.pk}, None, "read", broker),
    ("POST", "/cases/{case_id}/needs"): (lambda f: {"case_id": f.case.pk},
                                          lambda f: {"term_code": "hidup_layak.pangan", "description": "Makan"},
                                          "write", broker),
    ("GET", "/cases/{case_id}/needs/{need_id}/matches"): (lambda f: {"case_id": f.case.pk, "need_id": f.need.pk},
                                                           None, "read", broker),
    ("POST", "/cases/{case_id}/needs/{need_id}/referrals"): (
        lambda f: {"case_id": f.case.pk, "need_id": f.need.pk},
        lambda f: {"service_id": str(f.service.pk), "follow_up_date": timezone.localdate().isoformat()},
        "write", broker),
    ("GET", "/cases/{case_id}/resources"): (lambda f: {"case_id": f.case.pk}, None, "read", broker),
    ("GET", "/referrals"): (lambda f: {}, None, "any", broker),
    ("GET", "/referrals/{referral_id}"): (lambda f: {"referral_id": f.referral.pk}, None, "read", broker),
    ("POST", "/referrals/{referral_id}/status"): (lambda f: {"referral_id": f.referral.pk},
                                                   lambda f: {"to_status": "accepted", "reason": "Ya",
                                                              "version": f.referral.version}, "write", broker),
    ("GET", "/gaps"): (lambda f: {}, None, "any", broker_gap),
}  # fmt: skip
API |= {
    ("DELETE", "/auth/token"): (lambda f: {}, None, "any", None),
    ("GET", "/auth/tokens"): (lambda f: {}, None, "any", None),
    ("DELETE", "/auth/tokens"): (lambda f: {}, None, "any", None),
    ("DELETE", "/auth/tokens/{token_id}"): (lambda f: {"token_id": f.own_token.pk}, None, "own", own_token),
}  # fmt: skip
API_PUBLIC = {("POST", "/auth/token")}
for _module in APP_MATRICES:
    API |= importlib.import_module(_module).API


def api_operations():
    schema = ninja_api.get_openapi_schema()
    for path, ops in schema["paths"].items():
        for method in ops:
            yield method.upper(), path.removeprefix("/api/v1")


def test_every_api_operation_is_in_the_matrix():
    assert set(api_operations()) == set(API) | API_PUBLIC


def op_id(op):
    return f"{op[0]} {op[1]}"


API_KEYS = by_prepare(API, lambda entry: entry[3], op_id)


def api_layer(op):
    return on_agency_a(API[op][3])


@pytest.mark.parametrize(("agency", "role", "op", "shared_world_layer"),
                         user_params(API_KEYS, api_layer, op_id), indirect=["shared_world_layer"])  # fmt: skip
def test_api_matrix(api, world, op, agency, role):
    kwargs, body, rule, _prepare = API[op]
    f = world.a
    api.as_user(getattr(world, agency).users[role])
    response = api.call(op[0], op[1].format(**kwargs(f)), body(f) if body else None)
    want = expected(rule, agency, role)
    if want == "ok":
        assert _status_ok(response.status_code), (
            op,
            agency,
            role,
            response.status_code,
            response.content,
        )
    else:
        assert response.status_code == want, (
            op,
            agency,
            role,
            response.status_code,
            response.content,
        )
        assert response.json()["detail"]


@pytest.mark.parametrize(("op", "shared_world_layer"), key_params(API_KEYS, api_layer, op_id),
                         indirect=["shared_world_layer"])  # fmt: skip
def test_api_needs_a_token(api, world, op):
    kwargs, body, _rule, _prepare = API[op]
    response = api.call(op[0], op[1].format(**kwargs(world.a)), body(world.a) if body else None)
    assert response.status_code == 401


# ---- a referral shared with another agency -----------------------------------------
# Agency A refers its client to a provider that is agency B in Pendamping. B's staff
# (not its instructor) see the referral and its letter, and B's writers answer it;
# nobody else in B sees anything more of A's client.

INCOMING_READERS = {"worker", "other_worker", "supervisor", "admin", "auditor"}
INCOMING_WRITERS = {"worker", "other_worker", "supervisor", "admin"}


def shared_referral(world):
    """Agency B publishes a service for referrals; agency A refers its client to it."""
    from pendamping.broker import services as broker_services
    from pendamping.taxonomy.models import TaxonomyTerm

    f, b = world.a, world.b.users["worker"]
    broker(f)
    org = broker_services.organization_save(
        actor=b, data={"name": "LKS B", "description": "LKS", "shared": True,
                       "receiving_agency": world.b.agency},
    )  # fmt: skip
    service = broker_services.service_save(
        actor=b,
        data={"organization": org, "name": "Layanan B", "description": "B", "shared": True,
              "terms": [TaxonomyTerm.objects.get(code="hidup_layak.kesehatan")], "capacity": "available"},
    )  # fmt: skip
    f.shared_referral = broker_services.referral_create(
        actor=f.users["worker"], need=f.need, service=service,
        follow_up_date=timezone.localdate() + timedelta(days=3),
    )  # fmt: skip
    return f.shared_referral


def expected_incoming(action: str, agency: str, role: str):
    if agency == "a":
        if action == "answer":  # the sender may not answer for the receiver
            return 403 if role in AGENCY_A_WRITERS | {"auditor"} else 404
        return "ok" if role in AGENCY_A_READERS else 404
    if action == "answer":
        return "ok" if role in INCOMING_WRITERS else 403 if role == "auditor" else 404
    return "ok" if role in INCOMING_READERS else 404


INCOMING_HTML = {
    "referral_detail": ("get", "read"),
    "referral_letter": ("get", "read"),
    "referral_letter_pdf": ("get", "read"),
    "referral_status": ("post", "answer"),
}


@pytest.mark.parametrize(WITH_USERS, user_params(sorted(INCOMING_HTML), lambda _name: shared_referral),
                         indirect=["shared_world_layer"])  # fmt: skip
def test_incoming_referral_matrix(client, world, name, agency, role):
    from django.urls import reverse

    referral = world.a.shared_referral
    method, action = INCOMING_HTML[name]
    client.force_login(getattr(world, agency).users[role])
    data = {"to_status": "accepted", "reason": "Ada tempat", "version": referral.version}
    response = getattr(client, method)(reverse(name, kwargs={"pk": referral.pk}), data)
    want = expected_incoming(action, agency, role)
    if want == "ok":
        assert _status_ok(response.status_code), (name, agency, role, response.status_code)
    else:
        assert response.status_code == want, (name, agency, role, response.status_code)


@pytest.mark.parametrize(("agency", "role", "shared_world_layer"),
                         [pytest.param(*user, shared_referral, id="-".join(user)) for user in USERS],
                         indirect=["shared_world_layer"])  # fmt: skip
def test_incoming_referral_api_matrix(api, world, agency, role):
    referral = world.a.shared_referral
    api.as_user(getattr(world, agency).users[role])
    got = api.get(f"/referrals/{referral.pk}")
    want = expected_incoming("read", agency, role)
    assert (got.status_code == 200) if want == "ok" else (got.status_code == want)
    answer = api.post(
        f"/referrals/{referral.pk}/status",
        {"to_status": "accepted", "reason": "Ada tempat", "version": referral.version},
    )
    want = expected_incoming("answer", agency, role)
    assert (answer.status_code == 200) if want == "ok" else (answer.status_code == want), (
        agency, role, answer.status_code, answer.content)  # fmt: skip
