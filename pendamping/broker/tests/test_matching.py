"""Ranking services for a need, with the reasons, through the page and the API."""

import pytest

from pendamping.broker import matching
from pendamping.broker.models import Capacity, GapReason
from pendamping.broker.tests.conftest import HOME, add_location, add_service, term
from pendamping.clients.models import Client


class TestGeometry:
    def test_it_measures_a_known_distance(self):
        # Bandung (Gedung Sate) to Jakarta (Monas): about 117 km
        km = matching.haversine_km(-6.9025, 107.6188, -6.1754, 106.8272)
        assert 115 < km < 120

    def test_it_draws_a_box_that_holds_the_circle(self):
        min_lat, max_lat, min_lon, max_lon = matching.bounding_box(*HOME, 25)
        for lat, lon in [
            (min_lat, HOME[1]),
            (max_lat, HOME[1]),
            (HOME[0], min_lon),
            (HOME[0], max_lon),
        ]:
            assert matching.haversine_km(*HOME, lat, lon) == pytest.approx(25, rel=0.01)

    def test_it_lists_region_prefixes(self):
        assert matching.region_prefixes("32.73.05.1001") == [
            "32",
            "32.73",
            "32.73.05",
            "32.73.05.1001",
        ]
        assert matching.region_prefixes(None) == []


class TestRanking:
    def test_it_ranks_by_term_distance_and_capacity(self, directory):
        result = matching.match(directory.need)
        names = [s.service.name for s in result.suggestions]
        # exact term and near with capacity first; the broader "hidup layak" term and the
        # waitlisted service further down
        assert names[0] == "Dapur Umum Andir"
        assert names.index("Paket Sembako Cimahi") > names.index("Dapur Harapan")
        assert names.index("Bantuan Hidup Layak") > names.index("Dapur Umum Andir")
        top = result.suggestions[0]
        assert top.term_match == "exact"
        assert top.distance_km == pytest.approx(0.6, abs=0.2)
        assert any("sama persis" in r for r in top.reasons)
        assert any("Tersedia" in r for r in top.reasons)
        broader = next(s for s in result.suggestions if s.service.name == "Bantuan Hidup Layak")
        assert broader.term_match == "broader"
        assert result.gap_reason is None

    def test_it_explains_every_exclusion(self, directory, world):
        from pendamping.broker import services

        worker = world.a.users["worker"]
        # inside the bounding box, outside the circle: the corner of the box
        min_lat, _max_lat, min_lon, _max_lon = matching.bounding_box(*HOME, 25)
        corner = services.location_add(
            actor=worker, organization=directory.org,
            data={"name": "Pojok", "latitude": HOME[0] + 0.8 * (min_lat - HOME[0]),
                  "longitude": HOME[1] + 0.8 * (min_lon - HOME[1])},
        )  # fmt: skip
        add_service(
            worker, directory.org, "Dapur Pojok", ["hidup_layak.pangan"], locations=[corner]
        )
        result = matching.match(directory.need)
        excluded = {x.service.name: " ".join(x.reasons) for x in result.excluded}
        assert "Usia klien 36" in excluded["Makan Lansia"]
        assert "Laki-laki" in excluded["Dapur Laki-laki"]
        assert "28" in excluded["Dapur Pojok"] and "batas 25 km" in excluded["Dapur Pojok"]
        # far outside the box: not loaded at all, only counted
        assert "Lumbung Pangan Garut" not in excluded
        assert result.out_of_reach == 1 and not result.out_of_reach_more
        suggested = {s.service.name for s in result.suggestions}
        assert not suggested & set(excluded)

    def test_services_beyond_reach_are_counted_up_to_a_cap(
        self, client, world, directory, monkeypatch
    ):
        worker = world.a.users["worker"]
        far = add_location(worker, directory.org, "Jayapura", -2.53, 140.72)
        for i in range(3):
            add_service(worker, directory.org, f"Dapur Jayapura {i}", ["hidup_layak.pangan"],
                        locations=[far])  # fmt: skip
        exact = matching.match(directory.need).out_of_reach
        assert exact == 4  # the three in Jayapura and the one in Garut
        monkeypatch.setattr(matching, "OUT_OF_REACH_CAP", 2)
        result = matching.match(directory.need)
        assert result.out_of_reach == 2 and result.out_of_reach_more
        client.force_login(worker)
        page = client.get(f"/needs/{directory.need.pk}/").content.decode()
        assert "Lebih dari 2 layanan sejenis berada di luar jangkauan" in page
        monkeypatch.setattr(matching, "OUT_OF_REACH_CAP", 4)
        result = matching.match(directory.need)
        assert result.out_of_reach == 4 and not result.out_of_reach_more

    def test_many_reachable_services_give_the_same_result_through_a_subquery(
        self, directory, monkeypatch
    ):
        def summary(result):
            return ([(s.service.pk, s.score) for s in result.suggestions],
                    sorted(x.service.pk for x in result.excluded), result.out_of_reach)  # fmt: skip

        with_list = summary(matching.match(directory.need))
        monkeypatch.setattr(matching, "ID_LIST_LIMIT", 0)
        assert summary(matching.match(directory.need)) == with_list

    def test_it_honours_a_smaller_radius(self, directory):
        result = matching.match(directory.need, radius_km=3)
        names = {s.service.name for s in result.suggestions}
        assert "Paket Sembako Cimahi" not in names
        assert "Dapur Umum Andir" in names

    def test_it_learns_from_past_outcomes(self, directory, world):
        from pendamping.broker.models import Referral

        dapur, mitra = directory.services["dapur"], directory.services["mitra"]
        for status in ["completed", "completed", "failed"]:
            Referral.objects.create(
                case=world.a.case, need=directory.need, service=mitra, agency=world.a.agency,
                status=status, follow_up_date="2026-01-01", created_by=world.a.users["worker"],
            )  # fmt: skip
        result = matching.match(directory.need)
        hit = next(s for s in result.suggestions if s.service == mitra)
        assert hit.completed_share == pytest.approx(2 / 3)
        assert any("2 dari 3" in r for r in hit.reasons)
        fresh = next(s for s in result.suggestions if s.service == dapur)
        assert fresh.completed_share is None

    def test_it_matches_by_service_area_when_home_has_no_point(self, directory, world):
        Client.objects.filter(pk=world.a.client.pk).update(latitude=None, longitude=None)
        worker = world.a.users["worker"]
        area = add_service(worker, directory.org, "Pangan Kota Bandung", ["hidup_layak.pangan"],
                           service_areas=["32.73"])  # fmt: skip
        directory.need.case.client.refresh_from_db()
        result = matching.match(directory.need)
        names = {s.service.name for s in result.suggestions}
        assert area.name in names
        assert result.origin_note
        hit = next(s for s in result.suggestions if s.service == area)
        assert any("Wilayah layanannya" in r for r in hit.reasons)

    def test_it_never_suggests_another_agencys_private_service(self, directory, world):
        b_worker = world.b.users["worker"]
        from pendamping.broker import services

        org_b = services.organization_save(
            actor=b_worker, data={"name": "Org B", "description": "x", "shared": True}
        )
        loc = services.location_add(actor=b_worker, organization=org_b,
                                    data={"name": "B", "latitude": HOME[0], "longitude": HOME[1]})  # fmt: skip
        private = add_service(b_worker, org_b, "Rahasia B", ["hidup_layak.pangan"], locations=[loc])
        shared = add_service(
            b_worker, org_b, "Bersama B", ["hidup_layak.pangan"], locations=[loc], shared=True
        )
        names = {s.service.name for s in matching.match(directory.need).suggestions}
        assert shared.name in names and private.name not in names


class TestGapReasons:
    def test_it_reports_no_service_and_no_capacity(self, directory, world):
        from pendamping.cases import services as need_services

        worker = world.a.users["worker"]
        legal = need_services.need_add(actor=worker, case=world.a.case, term=term("aksesibilitas.bantuan_hukum"),
                                       description="Perlu pengacara")  # fmt: skip
        assert matching.match(legal).gap_reason == GapReason.NO_SERVICE
        from pendamping.broker.models import Service

        Service.objects.filter(pk__in=[s.pk for s in directory.services.values()]).update(
            capacity=Capacity.NONE
        )
        assert matching.match(directory.need).gap_reason == GapReason.NO_CAPACITY


class TestMatchesApi:
    def test_it_answers_suggestions_and_exclusions(self, api, directory, world):
        api.as_user(world.a.users["worker"])
        r = api.get(f"/cases/{world.a.case.pk}/needs/{directory.need.pk}/matches")
        assert r.status_code == 200, r.content
        body = r.json()
        assert body["suggestions"][0]["name"] == "Dapur Umum Andir"
        assert body["suggestions"][0]["reasons"]
        assert {x["name"] for x in body["excluded"]} >= {"Makan Lansia", "Dapur Laki-laki"}
        assert body["gap_reason"] is None

    def test_it_hides_needs_of_other_cases(self, api, directory, world):
        api.as_user(world.b.users["admin"])
        r = api.get(f"/cases/{world.a.case.pk}/needs/{directory.need.pk}/matches")
        assert r.status_code == 404

    def test_the_page_shows_the_reasons(self, client, directory, world):
        client.force_login(world.a.users["worker"])
        r = client.get(f"/needs/{directory.need.pk}/")
        assert r.status_code == 200
        html = r.content.decode()
        assert "Dapur Umum Andir" in html and "sama persis" in html
        assert "Makan Lansia" in html  # in the excluded list

    def test_it_stops_suggesting_a_service_once_its_provider_is_unshared(
        self, api, client, directory, world
    ):
        # matching and referral_create use one scope: what is suggested can be referred to
        from pendamping.broker import services
        from pendamping.broker.access import directory_services_for

        worker = world.a.users["worker"]
        mitra = directory.services["mitra"]  # agency B's shared service of a shared provider
        url = f"/cases/{world.a.case.pk}/needs/{directory.need.pk}/matches"

        def suggested_and_excluded():
            body = api.get(url).json()
            return (
                {s["service_id"] for s in body["suggestions"]},
                {x["service_id"] for x in body["excluded"]},
            )

        api.as_user(worker)
        suggested, _excluded = suggested_and_excluded()
        assert str(mitra.pk) in suggested
        partner = directory.partner
        partner.refresh_from_db()
        services.organization_save(
            actor=world.b.users["worker"], organization=partner,
            data={"shared": False}, expected_version=partner.version,
        )  # fmt: skip
        mitra.refresh_from_db()
        assert mitra.shared  # the service still says shared: its provider decides
        suggested, excluded = suggested_and_excluded()
        assert str(mitra.pk) not in suggested | excluded
        assert not directory_services_for(worker).filter(pk=mitra.pk).exists()
        client.force_login(worker)
        assert "Dapur Harapan" not in client.get(f"/needs/{directory.need.pk}/").content.decode()


class TestHomePoint:
    def test_the_client_api_records_and_refuses_half_a_point(self, api, world):
        api.as_user(world.a.users["worker"])
        c = world.a.client
        r = api.patch(f"/clients/{c.pk}", {"version": c.version, "latitude": -6.9})
        assert r.status_code == 422 and "longitude" in r.json()["errors"]
        r = api.patch(
            f"/clients/{c.pk}", {"version": c.version, "latitude": -6.9, "longitude": 107.6}
        )
        assert r.status_code == 200 and r.json()["latitude"] == -6.9
        c.refresh_from_db()
        assert (c.latitude, c.longitude) == (-6.9, 107.6)
