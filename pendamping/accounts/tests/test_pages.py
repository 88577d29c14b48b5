"""Pages render in both languages, for every role; the home page per role."""

import io

import pytest
from django.core.management import call_command
from django.urls import reverse

from pendamping.accounts.tests.test_permission_matrix import broker_gap
from pendamping.clients.tests.matrix import imported
from pendamping.conftest import ROLE_KEYS

PAGES = [
    ("home", lambda f: {}),
    ("client_list", lambda f: {}),
    ("client_create", lambda f: {}),
    ("client_detail", lambda f: {"pk": f.client.pk}),
    ("client_edit", lambda f: {"pk": f.client.pk}),
    ("case_list", lambda f: {}),
    ("case_open", lambda f: {"client_pk": f.client.pk}),
    ("case_detail", lambda f: {"pk": f.case.pk}),
    ("note_edit", lambda f: {"pk": f.note.pk}),
    ("directory", lambda f: {}),
    ("organization_list", lambda f: {}),
    ("organization_create", lambda f: {}),
    ("organization_detail", lambda f: {"pk": f.org.pk}),
    ("organization_edit", lambda f: {"pk": f.org.pk}),
    ("service_create", lambda f: {}),
    ("service_detail", lambda f: {"pk": f.service.pk}),
    ("service_edit", lambda f: {"pk": f.service.pk}),
    ("need_detail", lambda f: {"pk": f.need.pk}),
    ("referral_list", lambda f: {}),
    ("referral_detail", lambda f: {"pk": f.referral.pk}),
    ("gap_register", lambda f: {}),
    ("initiative_list", lambda f: {}),
    ("initiative_create", lambda f: {}),
    ("initiative_detail", lambda f: {"pk": f.initiative.pk}),
    ("assessment_list", lambda f: {"pk": f.case.pk}),
    ("assessment_create", lambda f: {"pk": f.case.pk}),
    ("instrument_list", lambda f: {}),
    ("case_instruments", lambda f: {"pk": f.case.pk}),
    ("instrument_administer", lambda f: {"pk": f.case.pk, "code": "phq9"}),
    ("client_instruments", lambda f: {"pk": f.client.pk}),
    ("ecomap", lambda f: {"pk": f.case.pk}),
    ("genogram", lambda f: {"pk": f.client.pk}),
    ("case_goals", lambda f: {"pk": f.case.pk}),
    ("gas_caseload", lambda f: {}),
]


@pytest.mark.parametrize(("lang", "word"), [("id", "Kasus"), ("en", "Cases")])
@pytest.mark.parametrize(("name", "kwargs"), PAGES, ids=[p[0] for p in PAGES])
def test_pages_render_in_both_languages(client, world, lang, word, name, kwargs):
    broker_gap(world.a)
    client.force_login(world.a.users["worker"])
    client.cookies["django_language"] = lang
    response = client.get(reverse(name, kwargs=kwargs(world.a)))
    assert response.status_code == 200
    html = response.content.decode()
    assert f'<html lang="{lang}">' in html
    assert f">{word}</a>" in html  # the navigation is translated


# Pages only the agency admin opens.
ADMIN_PAGES = [
    ("client_import", lambda f: {}),
    ("import_detail", lambda f: {"pk": f.import_run.pk}),
]


@pytest.mark.parametrize(("lang", "word"), [("id", "Kasus"), ("en", "Cases")])
@pytest.mark.parametrize(("name", "kwargs"), ADMIN_PAGES, ids=[p[0] for p in ADMIN_PAGES])
def test_admin_pages_render_in_both_languages(client, world, lang, word, name, kwargs):
    imported(world.a)
    client.force_login(world.a.users["admin"])
    client.cookies["django_language"] = lang
    response = client.get(reverse(name, kwargs=kwargs(world.a)))
    assert response.status_code == 200
    html = response.content.decode()
    assert f'<html lang="{lang}">' in html
    assert f">{word}</a>" in html


def test_language_switch_sets_english(client, world):
    client.force_login(world.a.users["worker"])
    r = client.post(reverse("set_language"), {"language": "en", "next": "/"}, follow=True)
    assert '<html lang="en">' in r.content.decode()
    assert "Overdue" in r.content.decode()


@pytest.mark.parametrize("role", ROLE_KEYS)
def test_home_page_per_role(client, world, role):
    client.force_login(world.a.users[role])
    html = client.get(reverse("home")).content.decode()
    if role in ("worker", "supervisor"):
        assert "Tindak lanjut terlambat" in html
    if role == "worker":
        assert "Kunjungan lanjutan" in html  # the overdue task
    if role == "admin":
        assert "Anggota lembaga" in html
    if role == "instructor":
        assert "instruktur" in html and world.a.client.full_name not in html


def test_pages_send_a_content_security_policy_without_inline_scripts(client, world):
    client.force_login(world.a.users["worker"])
    r = client.get(reverse("case_detail", args=[world.a.case.pk]))
    csp = r["Content-Security-Policy"]
    assert "script-src 'self'" in csp and "unsafe-inline" not in csp
    assert "<script>" not in r.content.decode()


def test_login_logout_and_session_expiry_settings(client, world, settings):
    user = world.a.users["worker"]
    user.set_password("kata-sandi-yang-panjang")
    user.save()
    r = client.post(
        reverse("login"), {"username": user.username, "password": "kata-sandi-yang-panjang"}
    )
    assert r.status_code == 302
    assert client.get(reverse("home")).status_code == 200
    assert settings.SESSION_COOKIE_AGE <= 8 * 3600
    client.post(reverse("logout"))
    assert client.get(reverse("home")).status_code == 302


def test_login_is_throttled(client, world, settings):
    settings.AXES_ENABLED = True
    settings.AXES_FAILURE_LIMIT = 2
    for _ in range(3):
        r = client.post(reverse("login"), {"username": "a_worker", "password": "salah"})
    assert r.status_code == 429


class TestDemo:
    def test_it_loads_once_and_then_changes_nothing(self, db):
        from pendamping.cases.models import Case, Stage
        from pendamping.clients.models import Client

        call_command("demo", clients=30, stdout=io.StringIO())
        counts = (Client.objects.count(), Case.objects.count())
        assert counts[0] == 30
        assert set(Case.objects.values_list("stage", flat=True)) == set(Stage.values)
        call_command("demo", clients=30, stdout=io.StringIO())
        assert (Client.objects.count(), Case.objects.count()) == counts


def test_deploy_check_is_clean_with_production_settings():
    import os
    import subprocess
    import sys

    env = os.environ | {"DEBUG": "false", "SECRET_KEY": "x" * 20 + "y7#kP2!mQ9$zR4&wT6^nV8*bL3@cH5%jF1",
                        "ALLOWED_HOSTS": "pendamping.example.org"}  # fmt: skip
    r = subprocess.run([sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
                       env=env, capture_output=True, text=True)  # fmt: skip
    assert r.returncode == 0, r.stdout + r.stderr
    assert "no issues" in r.stdout
