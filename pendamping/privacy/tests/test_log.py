"""The processing log: one row per request that showed clients, written centrally."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from pendamping.clients import services as client_services
from pendamping.history import AppendOnlyError
from pendamping.privacy.models import AccessRecord


def register(worker, n):
    return [
        client_services.client_register(
            actor=worker,
            data={
                "kind": "individual",
                "full_name": f"Klien Nomor {i}",
                "sex": "M",
                "estimated_age": 30 + i,
            },
        )
        for i in range(n)
    ]


@pytest.mark.django_db
class TestTheLogIsWritten:
    def test_it_logs_the_client_page_with_who_what_and_address(self, client, world):
        client.force_login(world.a.users["worker"])
        response = client.get(reverse("client_detail", args=[world.a.client.pk]),
                              REMOTE_ADDR="10.1.2.3")  # fmt: skip
        assert response.status_code == 200
        (row,) = AccessRecord.objects.all()
        assert row.user == world.a.users["worker"] and row.agency == world.a.agency
        assert row.what == "client_detail" and row.address == "10.1.2.3"
        assert row.client_ids == [world.a.client.pk]

    def test_it_logs_the_case_page_and_the_api(self, client, api, world):
        client.force_login(world.a.users["supervisor"])
        client.get(reverse("case_detail", args=[world.a.case.pk]))
        api.as_user(world.a.users["admin"]).get(f"/cases/{world.a.case.pk}/notes")
        rows = list(AccessRecord.objects.order_by("pk"))
        assert [(r.what, r.client_ids) for r in rows] == [
            ("case_detail", [world.a.client.pk]),
            ("GET /api/v1/cases/<int:case_id>/notes", [world.a.client.pk]),
        ]
        assert rows[1].user == world.a.users["admin"]

    def test_it_believes_only_our_own_proxy(self, client, world, settings):
        settings.TRUSTED_PROXY_COUNT = 1
        client.force_login(world.a.users["worker"])
        client.get(reverse("client_detail", args=[world.a.client.pk]),
                   HTTP_X_FORWARDED_FOR="6.6.6.6, 192.0.2.7", REMOTE_ADDR="127.0.0.1")  # fmt: skip
        assert AccessRecord.objects.get().address == "192.0.2.7"

    def test_it_writes_one_row_for_a_list_and_no_query_per_row(self, client, world):
        worker = world.a.users["worker"]
        client.force_login(worker)
        register(worker, 2)
        with CaptureQueriesContext(connection) as few:
            assert client.get(reverse("client_list")).status_code == 200
        register(worker, 12)
        with CaptureQueriesContext(connection) as many:
            assert client.get(reverse("client_list")).status_code == 200
        assert len(many) == len(few)
        rows = list(AccessRecord.objects.order_by("pk"))
        assert [r.client_count for r in rows] == [3, 15]
        inserts = [q for q in many.captured_queries if "privacy_accessrecord" in q["sql"]]
        assert len(inserts) == 1

    def test_an_api_list_writes_one_row_and_no_query_per_row(self, api, world):
        worker = world.a.users["worker"]
        api.as_user(worker)
        register(worker, 2)
        with CaptureQueriesContext(connection) as few:
            assert api.get("/clients").status_code == 200
        register(worker, 12)
        with CaptureQueriesContext(connection) as many:
            assert api.get("/clients").json()["count"] == 15
        assert len(many) == len(few)
        row = AccessRecord.objects.latest("pk")
        assert row.what == "GET /api/v1/clients" and row.client_count == 15

    def test_it_logs_nothing_when_no_client_was_shown(self, client, world):
        client.force_login(world.b.users["worker"])
        assert client.get(reverse("client_detail", args=[world.a.client.pk])).status_code == 404
        client.force_login(world.a.users["instructor"])
        client.get(reverse("home"))
        assert not AccessRecord.objects.exists()

    def test_it_logs_a_change_with_its_method(self, client, world):
        client.force_login(world.a.users["worker"])
        client.post(reverse("family_add", args=[world.a.client.pk]),
                    {"name": "Adik", "sex": "M", "relation": "sibling"})  # fmt: skip
        assert AccessRecord.objects.get().what == "POST family_add"

    @pytest.mark.db_owner  # the trigger, which the app role never reaches
    def test_its_rows_cannot_be_changed_or_deleted(self, client, world):
        client.force_login(world.a.users["worker"])
        client.get(reverse("client_detail", args=[world.a.client.pk]))
        row = AccessRecord.objects.get()
        with pytest.raises(AppendOnlyError):
            row.delete()
        with pytest.raises(AppendOnlyError):
            AccessRecord.objects.update(what="x")
        with pytest.raises(Exception, match="append-only"), connection.cursor() as cursor:
            cursor.execute("UPDATE privacy_accessrecord SET what = 'x'")
