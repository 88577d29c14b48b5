"""Restriction reaches the records that show a client through another row: a
mediation's issues, options, obstacles, ground rules and the mediation itself reach
the client through its parties (a reverse relation, declared with
``plugins.client_path``). A restricted or anonymised party's mediation is read-only."""

import pytest
from django.apps import apps
from django.db.models.signals import pre_save
from django.urls import reverse

from pendamping import plugins
from pendamping.mediator import models as m
from pendamping.mediator.tests.conftest import open_mediation, with_parties
from pendamping.privacy import requests, restriction
from pendamping.privacy.erasure_models import Erasure
from pendamping.processing import ClientAnonymised, ProcessingRestricted

MEDIATION_WRITES = [
    # (url name, form data, the model a success would add to or change)
    ("mediation_option_add", {"text": "Pagar dibangun bersama"}, m.Option),
    ("mediation_issue_add", {"title": "Jadwal bertemu anak"}, m.Issue),
    ("mediation_obstacle_add", {"description": "Jarak rumah", "status": "open"}, m.Obstacle),
    ("mediation_rule_add", {"text": "Bergantian berbicara"}, m.GroundRule),
    ("mediation_boundaries", {"inside": "Batas tanah", "outside": "Warisan", "version": 1},
     m.Mediation),
]  # fmt: skip


def _restrict(f):
    asked = requests.request_record(actor=f.users["dpo"], client_id=f.client.pk,
                                    kind="restriction", requested_by="client",
                                    identity_check="ktp")  # fmt: skip
    restriction.restriction_apply(actor=f.users["dpo"], request=asked)


def _rows(model, mediation):
    if model is m.Mediation:
        return list(m.Mediation.objects.filter(pk=mediation.pk).values_list())
    return list(model.objects.filter(mediation=mediation).values_list())


@pytest.fixture
def mediation(world):
    f = world.a
    made = open_mediation(f)
    with_parties(f, made)
    made.refresh_from_db()
    return made


class TestMediationOfARestrictedParty:
    @pytest.mark.parametrize(("name", "data", "model"), MEDIATION_WRITES,
                             ids=[w[0] for w in MEDIATION_WRITES])  # fmt: skip
    def test_it_refuses_the_page_write(self, client, world, mediation, name, data, model):
        f = world.a
        client.force_login(f.users["worker"])
        data = dict(data, version=mediation.version) if "version" in data else data
        _restrict(f)
        before = _rows(model, mediation)
        response = client.post(reverse(name, args=[mediation.pk]), data)
        assert response.status_code == 403, (name, response.status_code)
        assert str(ProcessingRestricted.message) in response.content.decode()
        assert _rows(model, mediation) == before

    def test_it_allows_the_same_write_unrestricted(self, client, world, mediation):
        client.force_login(world.a.users["worker"])
        response = client.post(reverse("mediation_option_add", args=[mediation.pk]),
                               {"text": "Pagar dibangun bersama"})  # fmt: skip
        assert response.status_code == 302 and m.Option.objects.filter(mediation=mediation)

    def test_it_refuses_the_api_write(self, api, world, mediation):
        _restrict(world.a)
        api.as_user(world.a.users["worker"])
        response = api.post(f"/mediations/{mediation.pk}/issues", {"title": "Jadwal"})
        assert response.status_code == 403, response.content
        assert response.json()["detail"] == str(ProcessingRestricted.message)
        assert not m.Issue.objects.filter(mediation=mediation).exists()

    def test_it_refuses_an_anonymised_partys_mediation(self, client, world, mediation):
        f = world.a
        Erasure.objects.create(agency=f.agency, client=f.client, by=f.users["admin"],
                               basis=Erasure.Basis.values[0], reason="uji", via="page")  # fmt: skip
        client.force_login(f.users["worker"])
        response = client.post(reverse("mediation_option_add", args=[mediation.pk]),
                               {"text": "Pagar"})  # fmt: skip
        assert response.status_code == 403
        assert str(ClientAnonymised.message) in response.content.decode()
        assert not m.Option.objects.filter(mediation=mediation).exists()


class TestPartyExportOfARestrictedParty:
    """The party's data export is their own copy (right of access): the PDF and the
    JSON answer alike while the client's processing is restricted."""

    def test_it_answers_the_pdf_and_the_json_alike(self, client, world, mediation):
        f = world.a
        party = mediation.parties.get(client=f.client)
        _restrict(f)
        client.force_login(f.users["worker"])
        kwargs = {"pk": mediation.pk, "party_pk": party.pk}
        pdf = client.get(reverse("mediation_party_export_pdf", kwargs=kwargs))
        json = client.get(reverse("mediation_party_export_json", kwargs=kwargs))
        assert (pdf.status_code, json.status_code) == (200, 200)
        assert pdf["Content-Type"] == "application/pdf"
        assert json.json()


def _reaching_a_declared_path():
    declared = {apps.get_model(label) for label in plugins.registry.client_paths()}
    out = []
    for model in apps.get_models():
        if model._meta.app_label in restriction.EXEMPT_APPS:
            continue
        chain, frontier = False, [model]
        for _depth in range(restriction.MAX_DEPTH + 1):
            if declared.intersection(frontier):
                chain = True
                break
            frontier = [f.related_model for x in frontier for f in x._meta.concrete_fields
                        if (f.many_to_one or f.one_to_one) and f.related_model is not x]  # fmt: skip
        if chain:
            out.append(model)
    return out


def test_every_model_reaching_a_declared_client_path_is_checked(db):
    """Walks every model of every app that leads (by foreign keys) to one declaring
    its path to the client: each has a far path, a lookup the database answers, and
    the write check receives it."""
    models = _reaching_a_declared_path()
    labels = {x._meta.label for x in models}
    assert {"mediator.Mediation", "mediator.Issue", "mediator.Option", "mediator.Obstacle",
            "mediator.GroundRule", "advocate.Evidence"} <= labels  # fmt: skip
    for model in models:
        assert restriction.linked(model) and pre_save.has_listeners(model), model
        for path, lookup in restriction.far_paths(model):
            list(model._base_manager.values_list("__".join((*path, lookup)))[:1])
