"""The personal-data registry and the access package (JSON and PDF): every app's part,
other people's data and restricted notes left out, who processed the file."""

import json

import pytest
from django.apps import apps
from django.urls import reverse

from pendamping import plugins
from pendamping.cases import services as case_services
from pendamping.privacy import requests


def pointing_at_clients() -> set[str]:
    """Every model with a foreign key (or many-to-many) to a Client or a Case."""
    targets = {apps.get_model("clients", "Client"), apps.get_model("cases", "Case")}
    found = set()
    for model in apps.get_models():
        for f in model._meta.get_fields():
            if f.is_relation and not f.auto_created and f.related_model in targets:
                found.add(model._meta.label)
    return found | {"clients.Client"}


class TestTheRegistry:
    def test_every_model_pointing_at_a_client_or_case_declares_its_personal_data(self):
        declared = {m for part in plugins.registry.personal_data() for m in part.models}
        missing = pointing_at_clients() - declared
        assert missing == set(), f"declare them with plugins.personal_data: {sorted(missing)}"

    def test_it_names_real_models_only(self):
        for part in plugins.registry.personal_data():
            for label in part.models:
                apps.get_model(label)  # raises LookupError for a typo

    def test_it_refuses_a_declaration_without_models(self):
        from django.core.exceptions import ImproperlyConfigured

        with pytest.raises(ImproperlyConfigured):
            plugins.Registry().add_personal_data(
                plugins.PersonalData(key="x", title="x", function="x.y", models=())
            )


def access_request(f):
    return requests.request_record(actor=f.users["dpo"], client_id=f.client.pk, kind="access",
                                   requested_by="client", identity_check="ktp")  # fmt: skip


@pytest.mark.django_db
class TestThePackage:
    def test_it_holds_every_apps_part_and_withholds_restricted_notes(
        self, client, world, django_assert_max_num_queries
    ):
        f = world.a
        case_services.task_add(actor=f.users["worker"], case=f.case, title="Antar ke puskesmas",
                               due_date=f.task.due_date)  # fmt: skip
        made = access_request(f)
        client.force_login(f.users["worker"])
        client.get(reverse("client_detail", args=[f.client.pk]))  # a read to report
        # the officer runs the request but never sees case content: the admin opens it
        client.force_login(f.users["dpo"])
        refused = client.get(reverse("subject_request_package", args=[made.pk]))
        assert refused.status_code == 403 and b"Catatan biasa" not in refused.content
        client.force_login(f.users["admin"])
        # one query per declared part (the erasures, the breaches that touched the client
        # and its restrictions are the 41st to 43rd), none per record
        with django_assert_max_num_queries(43):
            got = client.get(reverse("subject_request_package", args=[made.pk]))
        assert got.status_code == 200
        assert got["Content-Disposition"].startswith("attachment;")
        package = json.loads(got.content)
        sections = {s["key"]: s["records"] for s in package["sections"]}
        assert set(sections) == {p.key for p in plugins.registry.personal_data()}
        assert sections["client_identity"][0]["nik"] == f.client.nik
        assert sections["client_family"][0]["name"] == "Ibu Klien"
        bodies = [n.get("body") for n in sections["case_notes"]]
        assert "Catatan biasa a" in bodies and "Rahasia a" not in got.content.decode()
        assert {"restricted_notes_withheld": 1} in sections["case_notes"]
        assert "Antar ke puskesmas" in [t["title"] for t in sections["case_tasks"]]
        assert sections["subject_requests"][0]["id"] == made.pk
        readers = {(p["agency"], p["role"], p["what"]) for p in package["processing"]}
        assert (f.agency.name, "worker", "client_detail") in readers
        assert "a_worker" not in got.content.decode()  # staff by role, not by name
        assert world.b.client.full_name not in got.content.decode()

    def test_it_leaves_out_the_other_party_of_a_mediation(self, world):
        from pendamping.mediator.models import Mediation, Party
        from pendamping.privacy import package

        f = world.a
        m = Mediation.objects.create(agency=f.agency, mediator=f.users["worker"], kind="family",
                                     issue="Sengketa", created_by=f.users["worker"])  # fmt: skip
        Party.objects.create(mediation=m, client=f.client, name=f.client.full_name)
        Party.objects.create(mediation=m, name="Pihak Lain Rahasia", contact="0812999")
        data = package.as_json(package.build(access_request(f)))
        assert f.client.full_name in data and "Pihak Lain Rahasia" not in data
        assert "0812999" not in data

    def test_it_prints_the_package_as_pdf(self, client, world):
        made = access_request(world.a)
        client.force_login(world.a.users["admin"])
        got = client.get(reverse("subject_request_package_pdf", args=[made.pk]))
        assert got.status_code == 200 and got["Content-Type"] == "application/pdf"
        assert got.content.startswith(b"%PDF")

    def test_it_gives_the_package_over_the_api(self, api, world):
        made = access_request(world.a)
        api.as_user(world.a.users["dpo"])
        assert api.get(f"/subject-requests/{made.pk}/package").status_code == 403
        api.as_user(world.a.users["admin"])
        got = api.get(f"/subject-requests/{made.pk}/package")
        assert got.status_code == 200
        assert got.json()["format"] == "pendamping.access-package/1"
        assert got.json()["client_id"] == world.a.client.pk
        erasure = requests.request_record(actor=world.a.users["dpo"], client_id=world.a.client.pk,
                                          kind="erasure", requested_by="client",
                                          identity_check="ktp")  # fmt: skip
        assert api.get(f"/subject-requests/{erasure.pk}/package").status_code == 409


@pytest.mark.django_db
def test_the_package_names_no_staff_and_no_one_who_reported_the_client(world):
    """The security review found staff names in the timeline's event data and the
    reporter in an assessment; neither is the client's data."""
    from pendamping.assessment.models import Assessment
    from pendamping.cases import services as case_services
    from pendamping.privacy import package

    f = world.a
    case_services.case_assign(actor=f.users["supervisor"], case=f.case,
                              worker=f.users["other_worker"], expected_version=f.case.version)  # fmt: skip
    Assessment.objects.create(case=f.case, number=1, assessed_on=f.case.opened_at.date(),
                              referral_source="Tetangga: Pak Pelapor", presenting_problem="Ekonomi",
                              summary="Perlu bantuan", created_by=f.users["worker"])  # fmt: skip
    data = package.as_json(package.build(access_request(f)))
    assert str(f.users["other_worker"]) not in data and str(f.users["worker"]) not in data
    assert "Pak Pelapor" not in data
    assert '"assigned"' in data  # the event itself is there, without the names
