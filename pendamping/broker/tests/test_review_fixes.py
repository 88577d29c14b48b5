"""Regressions from the broker review: confidentiality edges, matching edges, bad input."""

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from pendamping.broker import matching, services
from pendamping.broker.models import Gap, Referral, Service, ServiceArea
from pendamping.broker.tests.conftest import add_location, add_service, term
from pendamping.cases import services as need_services
from pendamping.clients import services as client_services
from pendamping.clients.models import Client


def refer(world, directory, key="mitra", **kw):
    kw.setdefault("follow_up_date", timezone.localdate() + timedelta(days=7))
    return services.referral_create(
        actor=world.a.users["worker"], need=directory.need, service=directory.services[key], **kw
    )


class TestReceiverSeesOnlyWhatWasSent:
    def test_a_draft_never_reaches_the_receiver_even_when_canceled(
        self, client, api, world, directory
    ):
        client_services.consent_withdraw(actor=world.a.users["worker"], consent=world.a.consent)
        draft = refer(world, directory, send=False, shared_fields=["full_name", "nik"],
                      note_for_receiver="Rahasia")  # fmt: skip
        services.referral_transition(actor=world.a.users["worker"], referral=draft,
                                     to_status="canceled", reason="Batal", expected_version=draft.version)  # fmt: skip
        client.force_login(world.b.users["worker"])
        assert client.get(f"/referrals/{draft.pk}/letter/").status_code == 404
        api.as_user(world.b.users["auditor"])
        assert api.get("/referrals?box=incoming").json() == []

    def test_withdrawing_consent_hides_the_snapshot_from_the_receiver(
        self, client, api, world, directory
    ):
        r = refer(world, directory, shared_fields=["full_name"], note_for_receiver="Catatan khusus")
        client_services.consent_withdraw(actor=world.a.users["worker"], consent=world.a.consent)
        client.force_login(world.b.users["worker"])
        for url in (f"/referrals/{r.pk}/", f"/referrals/{r.pk}/letter/"):
            html = client.get(url).content.decode()
            assert world.a.client.full_name not in html and "Catatan khusus" not in html
            assert "menarik persetujuannya" in html
        api.as_user(world.b.users["worker"])
        body = api.get(f"/referrals/{r.pk}").json()
        assert body["shared"] == {} and body["note_for_receiver"] == ""
        client.force_login(world.a.users["worker"])  # the sender still has its own record
        assert world.a.client.full_name in client.get(f"/referrals/{r.pk}/").content.decode()

    def test_an_agency_cannot_route_referrals_to_another_agency(self, world):
        with pytest.raises(ValidationError, match="lembaga Anda sendiri"):
            services.organization_save(
                actor=world.a.users["worker"],
                data={"name": "Palsu", "description": "x", "receiving_agency": world.b.agency},
            )

    def test_a_shared_service_needs_a_shared_provider(self, world, directory):
        with pytest.raises(ValidationError, match="Bagikan dulu penyedianya"):
            add_service(world.a.users["worker"], directory.org, "X", ["hidup_layak"], shared=True)
        Service.objects.filter(pk=directory.services["dapur"].pk).update(shared=True)  # old data
        from pendamping.broker.access import directory_services_for

        assert (
            not directory_services_for(world.b.users["worker"])
            .filter(pk=directory.services["dapur"].pk)
            .exists()
        )


class TestSendingChecks:
    def test_a_draft_for_a_met_need_cannot_be_sent(self, world, directory):
        draft = refer(world, directory, send=False)
        need_services.need_mark(actor=world.a.users["worker"], need=directory.need, status="met",
                                expected_version=directory.need.version)  # fmt: skip
        with pytest.raises(ValidationError, match="tidak lagi terbuka"):
            services.referral_transition(actor=world.a.users["worker"], referral=draft,
                                         to_status="requested", reason="", expected_version=draft.version)  # fmt: skip
        assert Referral.objects.get(pk=draft.pk).status == "draft"


class TestMatchingEdges:
    def test_services_without_place_or_area_reach_everyone(self, world, directory):
        hotline = add_service(world.a.users["worker"], directory.org, "Telepon Pelayanan Sosial",
                              ["hidup_layak.pangan"])  # fmt: skip
        hit = next(s for s in matching.match(directory.need).suggestions if s.service == hotline)
        assert any("tanpa batas wilayah" in r for r in hit.reasons)
        assert list(hotline.area_index.values_list("code", flat=True)) == [ServiceArea.EVERYWHERE]

    def test_a_service_whose_only_place_is_deleted_reaches_everyone(self, world, directory):
        worker = world.a.users["worker"]
        far = add_location(worker, directory.org, "Jayapura", -2.53, 140.72)
        service = add_service(worker, directory.org, "Dapur umum Jayapura",
                              ["hidup_layak.pangan"], locations=[far])  # fmt: skip
        assert service not in [s.service for s in matching.match(directory.need).suggestions]
        services.location_delete(actor=worker, location=far)
        hit = next(s for s in matching.match(directory.need).suggestions if s.service == service)
        assert any("tanpa batas wilayah" in r for r in hit.reasons)
        # given a place again, it is matched by distance only
        service.refresh_from_db()
        again = add_location(worker, directory.org, "Jayapura 2", -2.53, 140.72)
        services.service_save(
            actor=worker, service=service, expected_version=service.version,
            data={"organization": directory.org, "locations": [again]},
        )  # fmt: skip
        assert service not in [s.service for s in matching.match(directory.need).suggestions]
        assert not service.area_index.exists()

    def test_without_an_address_no_gap_is_recorded(self, world, directory):
        Client.objects.filter(pk=world.a.client.pk).update(
            latitude=None, longitude=None, region=None
        )
        from pendamping.cases.models import Case

        case = Case.objects.select_related("client").get(pk=world.a.case.pk)
        need = need_services.need_add(actor=world.a.users["worker"], case=case,
                                      term=term("aksesibilitas.bantuan_hukum"), description="Hukum")  # fmt: skip
        assert not Gap.objects.filter(need=need).exists()
        assert matching.match(need).origin_note

    def test_a_place_without_coordinates_in_the_clients_regency_is_found(self, world, directory):
        worker = world.a.users["worker"]
        from pendamping.clients.models import Region

        loc = add_location(worker, directory.org, "Kantor tanpa titik", None, None,
                           region=Region.objects.get(code="32.73.05"))  # fmt: skip
        svc = add_service(
            worker, directory.org, "Dapur tanpa titik", ["hidup_layak.pangan"], locations=[loc]
        )
        hit = next(s for s in matching.match(directory.need).suggestions if s.service == svc)
        assert hit.distance_km is None and any("jarak tidak diketahui" in r for r in hit.reasons)

    def test_a_gap_follows_its_need_to_a_new_term(self, world, directory):
        worker = world.a.users["worker"]
        need = need_services.need_add(actor=worker, case=world.a.case,
                                      term=term("aksesibilitas.bantuan_hukum"), description="x")  # fmt: skip
        need_services.need_update(actor=worker, need=need, expected_version=need.version,
                                  term=term("aksesibilitas.alat_bantu"))  # fmt: skip
        gap = Gap.objects.get(need=need, closed_at__isnull=True)
        assert gap.term.code == "aksesibilitas.alat_bantu"


class TestBadInput:
    def test_absurd_page_numbers_are_refused_not_crashed(self, api, world, directory):
        api.as_user(world.a.users["worker"])
        assert api.get("/hsds/services?page=100000000000000000000").status_code == 422
        assert api.get("/hsds/services?page=999").json()["contents"] == []
        assert api.get("/referrals?page=0").status_code == 422

    def test_an_unknown_taxonomy_term_matches_nothing(self, api, world, directory):
        api.as_user(world.a.users["worker"])
        body = api.get(
            "/hsds/services?taxonomy_term_id=00000000-0000-0000-0000-000000000000"
        ).json()
        assert body["total_items"] == 0

    def test_an_edit_without_its_version_is_refused(self, client, world, directory):
        org = directory.org
        client.force_login(world.a.users["worker"])
        r = client.post(
            f"/directory/providers/{org.pk}/edit/", {"name": "Baru", "description": "d"}
        )
        assert r.status_code == 422
        org.refresh_from_db()
        assert org.name == "Dinas Sosial Kota Bandung"

    def test_the_referral_list_does_not_grow_in_queries(self, api, world, directory):
        from django.db import connection
        from django.test.utils import CaptureQueriesContext

        api.as_user(world.b.users["worker"])
        refer(world, directory)
        with CaptureQueriesContext(connection) as one:
            api.get("/referrals?box=incoming")
        for _ in range(4):
            refer(world, directory)
        with CaptureQueriesContext(connection) as five:
            assert len(api.get("/referrals?box=incoming").json()) == 5
        assert len(five) == len(one)
