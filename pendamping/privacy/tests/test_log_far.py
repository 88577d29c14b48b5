"""Reads of rows that reach a client through another row are logged for that client:
the facilitator's rows about an enrolment (plugins.client_path, the case's client and
a group's member), and what a group client's file shows, for each member."""

import pytest
from django.urls import reverse

from pendamping import plugins
from pendamping.cases import services as case_services
from pendamping.clients import services as client_services
from pendamping.facilitator import steps
from pendamping.facilitator.tests.test_steps import _world
from pendamping.privacy.models import AccessRecord


def _last():
    return AccessRecord.objects.order_by("-pk").first()


def test_every_facilitator_row_about_an_enrolment_declares_its_client():
    from django.apps import apps

    declared = plugins.registry.client_paths()
    for model in apps.get_app_config("facilitator").get_models():
        keys = {f.name for f in model._meta.concrete_fields if f.is_relation}
        if "enrolment" in keys:
            assert declared.get(model._meta.label) == (
                "enrolment__case__client_id",
                "enrolment__member_id",
            ), model._meta.label


@pytest.mark.django_db
def test_the_instructors_record_read_is_logged_for_the_observed_clients(world, api):
    f = _world(world)
    steps.delivery_save(
        actor=f.users["worker"], session=f.mine, topic="Doa", materials="", duration_minutes=30,
        observations={f.enrolment.pk: {"attention": "good", "participation": "",
                                       "difficulties": ""},
                      f.enrolment2.pk: {"attention": "", "participation": "",
                                        "difficulties": "Mengantuk"}},
        expected_version=None,
    )  # fmt: skip
    got = api.as_user(f.users["worker"]).get(f"/sessions/{f.mine.pk}/delivery")
    assert got.status_code == 200 and len(got.json()["observations"]) == 2
    row = _last()
    assert row.what == "GET /api/v1/sessions/<int:session_id>/delivery"
    assert set(row.client_ids) == {f.client.pk, f.case2.client_id}


@pytest.mark.django_db
def test_a_group_cases_notes_are_logged_for_each_member(world, client, api):
    f = world.a
    worker = f.users["worker"]
    group = client_services.client_register(actor=worker,
                                            data={"kind": "group", "full_name": "KUBE Melati"})  # fmt: skip
    members = [
        client_services.client_register(actor=worker, data={
            "kind": "individual", "full_name": name, "sex": "F", "estimated_age": 30})
        for name in ("Ani Lestari", "Wati Sari")
    ]  # fmt: skip
    for person in members:
        client_services.group_member_add(actor=worker, group=group, member=person)
    case = case_services.case_open(actor=worker, client=group, presenting_problem="Usaha")
    case_services.note_add(
        actor=worker, case=case, data={"kind": "phone", "body": "Rapat kelompok"}
    )
    expected = {group.pk, *(m.pk for m in members)}
    answer = api.as_user(worker).get(f"/cases/{case.pk}/notes")
    assert answer.status_code == 200 and answer.json()
    assert _last().what == "GET /api/v1/cases/<int:case_id>/notes"
    assert set(_last().client_ids) == expected
    client.force_login(worker)
    assert client.get(reverse("case_detail", args=[case.pk])).status_code == 200
    assert _last().what == "case_detail" and set(_last().client_ids) == expected
    # an individual's case page reads no membership (no query for groups)
    client.get(reverse("case_detail", args=[f.case.pk]))
    assert _last().client_ids == [f.client.pk]
