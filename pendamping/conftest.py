"""Shared test fixtures: two agencies, every role, and a small case file in each.

`world` gives, per agency ("a" and "b"), users for every role, a client registered
by the worker, an open case assigned to the worker, a normal and a restricted note
by the worker, a task, a family member and a consent.

On SQLite, the flush after each transactional test lifts the append-only triggers
for the length of its transaction (`_flush_sqlite_past_history_triggers`; why in
pendamping/history.py). On PostgreSQL with PENDAMPING_TEST_APP_ROLE set (`make test`),
the tests connect as the application's role, and the flush runs as the owner
(pendamping/tests/app_role.py).
"""

import os
import shutil
import tempfile
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path

import hypothesis
import pytest
from django.core.cache import cache
from django.db import connection, transaction
from django.utils import timezone

from pendamping.accounts.models import Agency, ApiToken, Membership, Role, User
from pendamping.cases import services as case_services
from pendamping.clients import services as client_services
from pendamping.clients.models import Region
from pendamping.clients.nik import make_nik
from pendamping.tests import app_role

# Property tests: reproducible (a fixed seed) and judged on their answers, not on how
# fast a loaded two-core machine runs them (no deadline, no too-slow health check).
hypothesis.settings.register_profile(
    "pendamping",
    derandomize=True,
    deadline=None,
    suppress_health_check=[hypothesis.HealthCheck.too_slow],
)
hypothesis.settings.load_profile("pendamping")

ROLE_KEYS = ["worker", "other_worker", "supervisor", "admin", "auditor", "instructor", "dpo"]


def _flush_past_triggers(execute_sql_flush):
    """SQLite's flush (DELETE FROM every table) with the database's triggers lifted.

    The append-only triggers refuse those DELETEs (see pendamping/history.py). In the
    flush's own transaction: drop every trigger, flush, recreate each from the SQL
    SQLite kept for it; as on PostgreSQL, where flush is a TRUNCATE no trigger sees.
    """

    def flush(self, sql_list):
        with transaction.atomic(using=self.connection.alias):
            with self.connection.cursor() as cursor:
                cursor.execute("SELECT name, sql FROM sqlite_master WHERE type = 'trigger'")
                triggers = cursor.fetchall()
                for name, _sql in triggers:
                    cursor.execute(f"DROP TRIGGER {self.quote_name(name)}")
            execute_sql_flush(self, sql_list)
            with self.connection.cursor() as cursor:
                for _name, sql in triggers:
                    cursor.execute(sql)

    flush.__wrapped__ = execute_sql_flush
    return flush


@pytest.fixture(autouse=True, scope="session")
def _flush_sqlite_past_history_triggers():
    """For the test session only: Django's flush between transactional tests."""
    operations = type(connection.ops)  # the engine's DatabaseOperations
    if connection.vendor == "sqlite":
        wrap = _flush_past_triggers
    elif app_role.active():
        wrap = app_role.flush_as_owner  # a TRUNCATE, which the role may not run
    else:
        yield  # PostgreSQL flushes by TRUNCATE
        return
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(operations, "execute_sql_flush", wrap(operations.execute_sql_flush))
        yield


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """pytest-django's test database, created and migrated with DATABASE_URL's
    credentials (the owner's); then, with PENDAMPING_TEST_APP_ROLE on PostgreSQL, the
    tests connect as the application's role (pendamping/tests/app_role.py)."""
    if not app_role.active():
        yield
        return
    with django_db_blocker.unblock():
        app_role.set_up()
    yield
    app_role.tear_down()


@pytest.hookimpl(wrapper=True)
def pytest_runtest_setup(item):
    """A test marked `db_owner` connects as the owner, from before its fixtures."""
    app_role.enter(item)
    return (yield)


def _test_settings() -> dict:
    return {
        "PASSWORD_HASHERS": ["django.contrib.auth.hashers.MD5PasswordHasher"],
        "AXES_ENABLED": False,
        "LANGUAGE_CODE": "id",
        # participants' photos: never the developer's folder (manage.py periodic sweeps it)
        "FACILITATOR_UPLOAD_DIR": Path(tempfile.gettempdir()) / f"pd-test-notes-{os.getpid()}",
        # consents' scanned forms, likewise
        "CONSENT_UPLOAD_DIR": Path(tempfile.gettempdir()) / f"pd-test-consents-{os.getpid()}",
        # complaints' evidence: never var/evidence, and the same folder for every test of
        # the process, so that a file written for a shared world's layer (evidence of the
        # advocate's matrix entries) is still found by the next test
        "ADVOCATE_UPLOAD_DIR": Path(tempfile.gettempdir()) / f"pd-test-evidence-{os.getpid()}",
        "ADVOCATE_UPLOAD_DIR_IS_TEMPORARY": True,
    }


@pytest.fixture(autouse=True)
def _fast_and_quiet(settings):
    for name, value in _test_settings().items():
        setattr(settings, name, value)
    cache.clear()  # cached counts must not outlive the test that made them


@dataclass
class AgencyFile:
    agency: Agency
    users: dict = field(default_factory=dict)
    client: object = None
    case: object = None
    note: object = None
    restricted_note: object = None
    task: object = None
    member: object = None
    consent: object = None


def pdf_text(content: bytes) -> str:
    """The text of a PDF's pages, runs of white space made one space (PDF text tests)."""
    import io

    from pypdf import PdfReader

    pages = PdfReader(io.BytesIO(content)).pages
    return " ".join(" ".join(page.extract_text().split()) for page in pages)


def make_regions():
    for code, name in [
        ("32", "Jawa Barat"), ("32.73", "Kota Bandung"), ("32.73.05", "Andir"),
        ("32.73.05.1001", "Maleber"), ("33", "Jawa Tengah"), ("33.74", "Kota Semarang"),
        ("33.74.01", "Semarang Tengah"), ("33.74.01.1001", "Miroto"),
    ]:  # fmt: skip
        Region.objects.get_or_create(
            code=code,
            defaults={
                "name": name,
                "level": Region.level_of(code),
                "parent_id": Region.parent_code(code),
            },
        )


def make_agency(prefix: str, district: str, serial: int) -> AgencyFile:
    agency = Agency.objects.create(
        name=f"Lembaga {prefix.upper()}", kind="dinsos", region_code=district[:5]
    )
    f = AgencyFile(agency=agency)
    for key in ROLE_KEYS:
        role = {"other_worker": Role.WORKER}.get(key, key)
        user = User.objects.create(username=f"{prefix}_{key}", first_name=key.title())
        Membership.objects.create(user=user, agency=agency, role=role)
        f.users[key] = user
    Membership.objects.filter(user__in=[f.users["worker"], f.users["other_worker"]]).update(
        supervisor=f.users["supervisor"]
    )
    worker = f.users["worker"]
    birth = date(1990, 10, 20)
    f.client = client_services.client_register(
        actor=worker,
        data={
            "kind": "individual", "full_name": f"Siti Rahayu {prefix.upper()}", "sex": "F",
            "birth_date": birth, "nik": make_nik(district, birth, "F", serial),
            "region": Region.objects.get(code=district + ".1001"),
        },
    )  # fmt: skip
    f.case = case_services.case_open(
        actor=worker, client=f.client, presenting_problem="Masalah ekonomi"
    )
    f.note = case_services.note_add(
        actor=worker, case=f.case, data={"kind": "home_visit", "body": f"Catatan biasa {prefix}"}
    )
    f.restricted_note = case_services.note_add(
        actor=worker, case=f.case,
        data={"kind": "office", "confidentiality": "restricted", "body": f"Rahasia {prefix}"},
    )  # fmt: skip
    f.task = case_services.task_add(
        actor=worker,
        case=f.case,
        title="Kunjungan lanjutan",
        due_date=timezone.localdate() - timedelta(days=2),
    )
    f.member = client_services.family_member_add(
        actor=worker, client=f.client, data={"name": "Ibu Klien", "sex": "F", "relation": "mother"}
    )
    f.consent = client_services.consent_record(
        actor=worker, client=f.client,
        data={"purpose": "referral", "lawful_basis": "consent", "given_by": "client",
              "method": "verbal", "witness_name": "Bu Saksi", "given_on": timezone.localdate(),
              "data_categories": ["identity", "contact"]},
    )  # fmt: skip
    for obj in (f.client, f.case, f.note, f.task):
        obj.refresh_from_db()
    return f


@dataclass
class World:
    a: AgencyFile
    b: AgencyFile

    def token(self, user) -> str:
        return ApiToken.issue(user)


def make_world() -> World:
    make_regions()
    return World(a=make_agency("a", "32.73.05", 9), b=make_agency("b", "33.74.01", 7))


@pytest.fixture
def world(db) -> World:
    return make_world()


@pytest.fixture(scope="module")
def shared_world(django_db_setup, django_db_blocker):
    """The `world`, built once per test module (see pendamping/tests/shared_world.py)."""
    from django.test import override_settings

    from pendamping.tests.shared_world import SharedWorld

    with django_db_blocker.unblock(), override_settings(**_test_settings()):
        shared = SharedWorld(make_world)
        try:
            yield shared
        finally:
            shared.close()


@pytest.fixture
def shared_world_layer(request, shared_world, django_db_blocker) -> World:
    """A fresh copy of the module's shared world; a test parametrized indirectly with a
    function `prepare(world)` gets it applied (once for a run of such tests)."""
    with django_db_blocker.unblock():
        return shared_world.world(getattr(request, "param", None))


@pytest.fixture
def api(client):
    """A tiny JSON client for the API with a bearer token."""

    class Api:
        def __init__(self):
            self.token = None

        def as_user(self, user):
            self.token = ApiToken.issue(user)
            return self

        def _headers(self):
            return {"Authorization": f"Bearer {self.token}"} if self.token else {}

        def call(self, method, path, json=None):
            fn = getattr(client, method.lower())
            kwargs = {"headers": self._headers()}
            if isinstance(json, dict) and any(hasattr(v, "read") for v in json.values()):
                kwargs["data"] = json  # a file in it: multipart/form-data, as a browser sends
            elif json is not None:
                kwargs |= {"data": json, "content_type": "application/json"}
            return fn(f"/api/v1{path}", **kwargs)

        def get(self, path):
            return self.call("GET", path)

        def raw(self, method, path, body: str):
            """Send `body` as it is (JSON text a client library would not write)."""
            fn = getattr(client, method.lower())
            return fn(f"/api/v1{path}", body, content_type="application/json",
                      headers=self._headers())  # fmt: skip

        def post(self, path, json=None):
            return self.call("POST", path, json if json is not None else {})

        def patch(self, path, json):
            return self.call("PATCH", path, json)

        def delete(self, path):
            return self.call("DELETE", path)

    return Api()


# ---- a real browser -----------------------------------------------------------------
# Playwright drives Debian's Chromium (/usr/bin/chromium), headless. Browser tests
# are skipped only when that browser is not installed (make test installs it).

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
BROWSER_MARKS = [
    pytest.mark.browser,
    pytest.mark.skipif(not os.path.exists(CHROMIUM), reason="Debian's chromium is not installed"),
    # one worker runs them one after another, with one Chromium (_SharedBrowser)
    pytest.mark.xdist_group("browser"),
]


class _SharedBrowser:
    """One Chromium for a run of consecutive browser tests; each test gets a new context
    (its own cookies and storage). Stopped before any other test runs: while Playwright's
    sync API runs, its event loop is visible in this thread, and Django refuses ORM calls
    there unless DJANGO_ALLOW_ASYNC_UNSAFE is set, which is set only for that run."""

    def __init__(self):
        self.playwright = self.browser = None

    def get(self):
        if self.browser is None:
            from playwright.sync_api import sync_playwright

            # Playwright's sync API runs an event loop in this thread; the ORM calls
            # made by the test itself (and the flush after it) are synchronous and safe.
            os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
            self.playwright = sync_playwright().start()
            self.browser = self.playwright.chromium.launch(
                executable_path=CHROMIUM,
                headless=True,
                args=["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                      "--disable-background-networking", "--disable-component-update",
                      "--disable-sync", "--no-first-run"],
            )  # fmt: skip
        return self.browser

    def stop(self):
        if self.playwright is not None:
            try:
                self.browser.close()
                self.playwright.stop()
            finally:
                self.playwright = self.browser = None
                os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)


_SHARED_BROWSER = _SharedBrowser()


@pytest.hookimpl(wrapper=True)
def pytest_runtest_teardown(item, nextitem):
    """After a test's fixtures are torn down: back to the application's role after a
    `db_owner` test; stop Chromium unless the next test is a browser test too."""
    try:
        return (yield)
    finally:
        app_role.leave(item)
        if nextitem is None or nextitem.get_closest_marker("browser") is None:
            _SHARED_BROWSER.stop()


@pytest.fixture
def browser_page():
    yield from _browser_page()


# A phone: 390 by 844 CSS pixels, touch, and the mobile viewport rules (a page without
# <meta name="viewport"> is laid out 980 pixels wide and shrunk, as on a real phone).
PHONE = {"viewport": {"width": 390, "height": 844}, "is_mobile": True, "has_touch": True,
         "device_scale_factor": 2}  # fmt: skip


@pytest.fixture
def phone_page():
    yield from _browser_page(**PHONE)


def _browser_page(**context_options):
    context = _SHARED_BROWSER.get().new_context(locale="id-ID", **context_options)
    try:
        page = context.new_page()
        page.set_default_timeout(15000)
        errors = []
        page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
        page.csp_errors = errors
        visited = []
        page.on("framenavigated", lambda f: visited.append(f.url) if f is page.main_frame else None)
        yield page
        violations = accessibility_violations(page, visited)
    finally:
        context.close()
    assert violations == {}, violations


# WCAG 2 A and AA, as the standard for every page the browser tests see.
AXE_OPTIONS = {"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]}}


def axe_problems(page, axe=None) -> list[str]:
    """axe-core (shipped inside axe-playwright-python, never downloaded) on the page as
    it is now: "rule: first nodes" for each violation of AXE_OPTIONS' rules."""
    if axe is None:
        from axe_playwright_python.sync_playwright import Axe

        axe = Axe()
    results = axe.run(page, options=AXE_OPTIONS).response
    return [
        f"{v['id']}: {', '.join(n['target'][0] for n in v['nodes'][:3])}"
        for v in results["violations"]
    ]


def accessibility_violations(page, urls) -> dict:
    """axe_problems of every page the test visited, fetched again by GET in the same
    session: {url: [rule: nodes]}."""
    from axe_playwright_python.sync_playwright import Axe

    axe, found = Axe(), {}
    for url in dict.fromkeys(u for u in urls if u.startswith("http")):
        page.goto(url)
        problems = axe_problems(page, axe)
        if problems:
            found[url] = problems
    return found
