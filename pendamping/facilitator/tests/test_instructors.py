"""The agency's instructors through the page and the API: an agency user with the
instructor role, or an external resource person who may point at a provider of the
broker's directory, only one the user may see (read through the registered scope;
the facilitator imports no broker)."""

import ast
from pathlib import Path

import pytest
from django.urls import reverse

from pendamping import plugins
from pendamping.facilitator.models import Instructor


def _org(f, name, **kw):
    from pendamping.broker import services as broker_services

    return broker_services.organization_save(
        actor=f.users["worker"], data={"name": name, "description": "Pesantren"} | kw
    )


class TestPage:
    def test_an_external_resource_person_with_a_visible_provider(self, client, world):
        f = world.a
        ours = _org(f, "Pesantren Al-Ikhlas")
        theirs = _org(world.b, "Pesantren Kota Lain")
        client.force_login(f.users["worker"])
        html = client.get(reverse("instructor_list")).content.decode()
        assert "Pesantren Al-Ikhlas" in html and "Pesantren Kota Lain" not in html  # the choices
        data = {"name": "Ibu Nyai Hasanah", "organisation": "Pesantren", "expertise": "Tilawah",
                "contact": "0812 0000 1111"}  # fmt: skip
        r = client.post(reverse("instructor_add"), data | {"provider": theirs.pk})
        assert r.status_code == 422 and "direktori layanan" in r.content.decode()
        assert not Instructor.objects.exists()
        r = client.post(reverse("instructor_add"), data | {"provider": ours.pk})
        assert r.status_code == 302
        saved = Instructor.objects.get()
        assert saved.provider_id == str(ours.pk) and saved.user_id is None
        html = client.get(reverse("instructor_list")).content.decode()
        assert "Ibu Nyai Hasanah" in html
        assert reverse("organization_detail", args=[ours.pk]) in html
        # another agency sees neither the instructor nor its provider
        client.force_login(world.b.users["worker"])
        assert "Ibu Nyai Hasanah" not in client.get(reverse("instructor_list")).content.decode()

    def test_an_agency_user_must_have_the_instructor_role(self, client, world):
        f = world.a
        client.force_login(f.users["worker"])
        r = client.post(reverse("instructor_add"), {"user": f.users["other_worker"].pk})
        assert r.status_code == 422
        r = client.post(reverse("instructor_add"), {"user": world.b.users["instructor"].pk})
        assert r.status_code == 422
        r = client.post(reverse("instructor_add"), {"user": f.users["instructor"].pk})
        assert r.status_code == 302
        saved = Instructor.objects.get()
        expected = f.users["instructor"].get_full_name() or f.users["instructor"].username
        assert saved.user == f.users["instructor"] and saved.name == expected

    def test_it_refuses_nameless_and_control_characters_in_english(self, client, world):
        f = world.a
        f.users["worker"].language = "en"
        f.users["worker"].save(update_fields=["language"])
        client.force_login(f.users["worker"])
        r = client.post(reverse("instructor_add"), {"organisation": "Pesantren"})
        assert r.status_code == 422 and "resource person" in r.content.decode()
        r = client.post(reverse("instructor_add"), {"name": "Ibu\x00Nyai"})
        assert r.status_code == 422
        r = client.post(reverse("instructor_add"), {"name": "Ibu", "provider": "not-a-key"})
        assert r.status_code == 422 and not Instructor.objects.exists()

    def test_the_instructor_and_the_auditor_add_none(self, client, world):
        for role in ("instructor", "auditor", "dpo"):
            client.force_login(world.a.users[role])
            assert client.post(reverse("instructor_add"), {"name": "X"}).status_code == 403
        client.force_login(world.a.users["instructor"])
        Instructor.objects.create(agency=world.a.agency, name="Ustadz Ahmad")
        assert "Ustadz Ahmad" not in client.get(reverse("instructor_list")).content.decode()


class TestApi:
    def test_it_adds_and_lists_with_the_provider(self, world, api):
        f = world.a
        ours = _org(f, "Pesantren Al-Ikhlas")
        theirs = _org(world.b, "Pesantren Kota Lain")
        api.as_user(f.users["worker"])
        body = {"name": "Ibu Nyai Hasanah", "expertise": "Tilawah"}
        assert api.post("/instructors", body | {"provider_id": str(theirs.pk)}).status_code == 422
        assert api.post("/instructors", body | {"provider_id": "x" * 65}).status_code == 422
        r = api.post("/instructors", body | {"provider_id": str(ours.pk)})
        assert r.status_code == 201, r.content
        assert r.json()["provider_name"] == "Pesantren Al-Ikhlas"
        r = api.post("/instructors", {"user_id": f.users["instructor"].pk})
        assert r.status_code == 201 and r.json()["user_id"] == f.users["instructor"].pk
        assert api.post("/instructors", {"user_id": 999999}).status_code == 422
        items = api.get("/instructors").json()["items"]
        assert {i["name"]: i["provider_name"] for i in items}["Ibu Nyai Hasanah"] == (
            "Pesantren Al-Ikhlas")  # fmt: skip
        api.as_user(world.b.users["worker"])
        assert api.get("/instructors").json()["items"] == []

    def test_a_list_page_costs_the_same_queries_whatever_its_length(self, world, api):
        from django.db import connection
        from django.test.utils import CaptureQueriesContext

        f = world.a
        org = _org(f, "Pesantren Al-Ikhlas")
        api.as_user(f.users["worker"])

        def count():
            with CaptureQueriesContext(connection) as ctx:
                assert api.get("/instructors").status_code == 200
            return len(ctx)

        Instructor.objects.create(agency=f.agency, name="A", provider_id=str(org.pk))
        small = count()
        for i in range(5):
            Instructor.objects.create(agency=f.agency, name=f"B{i}", provider_id=str(org.pk))
        assert count() == small


def test_without_a_broker_there_is_no_provider_to_pick(world, client, monkeypatch):
    scopes = dict(plugins.registry._scopes)
    scopes.pop("directory_organizations_for")
    monkeypatch.setattr(plugins.registry, "_scopes", scopes)
    client.force_login(world.a.users["worker"])
    html = client.get(reverse("instructor_list")).content.decode()
    assert 'name="provider"' not in html
    r = client.post(reverse("instructor_add"), {"name": "Ibu Nyai", "provider": "1"})
    assert r.status_code == 302  # the field is not there: nothing to point at
    assert Instructor.objects.get().provider_id == ""


@pytest.mark.parametrize("module", ["instructors.py", "instructor_views.py", "api.py"])
def test_the_facilitator_imports_no_broker(module):
    tree = ast.parse((Path(__file__).parents[1] / module).read_text())
    names = [n.module or "" for n in ast.walk(tree) if isinstance(n, ast.ImportFrom)]
    names += [a.name for n in ast.walk(tree) if isinstance(n, ast.Import) for a in n.names]
    assert not [n for n in names if "broker" in n]
