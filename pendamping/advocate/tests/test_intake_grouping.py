"""Unassigned intake and the assign action (web and API); co-signers and grouping in
the API; grouping suggestions by a trigram similarity of the wording."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from pendamping.advocate import grouping, services
from pendamping.advocate.access import complaints_for
from pendamping.advocate.models import Complaint, ComplaintLog, CoSigner
from pendamping.history import AppendOnlyError
from pendamping.inbox.models import Notification

from .conftest import category, group_data, receive_group

ANON = {"complainant_kind": "anonymous", "channel": "letter", "subject": "Perlakuan kasar",
        "description": "Anak-anak dibentak di panti"}  # fmt: skip


class TestUnassignedIntake:
    def test_an_admins_intake_stays_unassigned_and_reaches_the_supervisors_home(
        self, client, world
    ):
        f = world.a
        c, _ = services.complaint_receive(actor=f.users["admin"], data=dict(ANON),
                                          anonymous_contact="Kotak surat 12")  # fmt: skip
        assert c.assigned_worker is None
        assert complaints_for(f.users["supervisor"]).filter(pk=c.pk).exists()
        assert not complaints_for(f.users["worker"]).filter(pk=c.pk).exists()
        client.force_login(f.users["supervisor"])
        home = client.get(reverse("home")).content.decode()
        assert 'id="unassigned-complaints"' in home and c.tracking_code in home
        # nobody reads an anonymous contact until a worker is assigned, then only they
        page = client.get(reverse("complaint_detail", args=[c.pk])).content.decode()
        assert "Kotak surat 12" not in page and "Belum ditugaskan" in page

    def test_a_workers_own_intake_is_theirs(self, world):
        f = world.a
        c, _ = services.complaint_receive(actor=f.users["worker"], data=dict(ANON))
        assert c.assigned_worker == f.users["worker"]
        assert ComplaintLog.objects.filter(complaint=c, kind="assigned").count() == 1

    def test_the_supervisor_assigns_on_the_page_and_the_worker_is_told(self, client, world):
        f = world.a
        c, _ = services.complaint_receive(actor=f.users["admin"], data=dict(ANON),
                                          anonymous_contact="Kotak surat 12")  # fmt: skip
        client.force_login(f.users["supervisor"])
        url = reverse("complaint_assign", args=[c.pk])
        bad = client.post(url, {"worker": world.b.users["worker"].pk, "version": c.version})
        assert bad.status_code == 422  # another agency's worker
        r = client.post(url, {"worker": f.users["worker"].pk, "version": c.version})
        assert r.status_code == 302
        c.refresh_from_db()
        assert c.assigned_worker == f.users["worker"]
        assert Notification.objects.filter(
            recipient=f.users["worker"], kind="complaint_assigned"
        ).exists()
        client.force_login(f.users["worker"])
        page = client.get(reverse("complaint_detail", args=[c.pk])).content.decode()
        assert "Kotak surat 12" in page
        client.force_login(f.users["supervisor"])
        page = client.get(reverse("complaint_detail", args=[c.pk])).content.decode()
        assert "Kotak surat 12" not in page

    def test_a_worker_cannot_assign(self, client, world):
        f = world.a
        c, _ = receive_group(f)
        client.force_login(f.users["worker"])
        r = client.post(reverse("complaint_assign", args=[c.pk]),
                        {"worker": f.users["worker"].pk, "version": c.version})  # fmt: skip
        assert r.status_code == 403

    def test_the_assignment_log_is_append_only(self, world):
        f = world.a
        c, _ = receive_group(f)
        with pytest.raises(AppendOnlyError):
            ComplaintLog.objects.filter(complaint=c).update(kind="grouped")


class TestIntakeApi:
    def test_an_admin_receives_a_group_with_cosigners_then_assigns(self, api, world):
        f = world.a
        cat = category(f)
        api.as_user(f.users["admin"])
        body = {
            "complainant_kind": "group", "complainant_name": "Pak Darto", "group_name": "Warga RW 05",
            "mandate": "Surat kuasa", "mandate_on": "2026-11-30", "channel": "walk_in",
            "category_id": cat.pk, "region_code": "32.73.05.1001", "subject": "Data bansos salah",
            "description": "Banyak warga miskin tidak terdata",
            "cosigners": [{"name": "Bu Sri", "consent_given": True},
                          {"name": "Pak Joko", "consent_given": True, "contact": "0812"}],
        }  # fmt: skip
        r = api.post("/complaints", body)
        assert r.status_code == 201, r.content
        got = r.json()
        assert got["assigned_worker_id"] is None and len(got["secret"]) == 10
        c = Complaint.objects.get(pk=got["id"])
        assert c.region.code == "32.73.05.1001" and c.category == cat
        assert api.get(f"/complaints/{c.pk}").json().get("secret") is None
        names = [x["name"] for x in api.get(f"/complaints/{c.pk}/cosigners").json()]
        assert names == ["Bu Sri", "Pak Joko"]
        r = api.post(f"/complaints/{c.pk}/assign", {"worker_id": f.users["worker"].pk,
                                                    "version": got["version"]})  # fmt: skip
        assert r.status_code == 200 and r.json()["assigned_worker_id"] == f.users["worker"].pk
        r = api.post(f"/complaints/{c.pk}/cosigners", {"name": "Bu Ani", "consent_given": False})
        assert r.status_code == 422 and not CoSigner.objects.filter(name="Bu Ani").exists()

    def test_bad_input_is_422_and_stores_nothing(self, api, world):
        f = world.a
        other = category(world.b)
        api.as_user(f.users["worker"])
        before = Complaint.objects.count()
        for body in (
            ANON | {"category_id": other.pk},  # another agency's category
            ANON | {"assigned_worker_id": f.users["other_worker"].pk},
            ANON | {"complainant_kind": "group"},  # no representative, no mandate
            ANON | {"channel": "pigeon"},
            ANON | {"region_code": "99.99"},
            {"complainant_kind": "anonymous"},
        ):
            r = api.post("/complaints", body)
            assert r.status_code == 422, (body, r.content)
        assert Complaint.objects.count() == before

    def test_an_anonymous_intake_stores_no_identity(self, api, world):
        f = world.a
        api.as_user(f.users["worker"])
        r = api.post(
            "/complaints", ANON | {"complainant_name": "Siti", "anonymous_contact": "WA 0812"}
        )
        assert r.status_code == 201
        c = Complaint.objects.get(pk=r.json()["id"])
        assert c.complainant_name == "" and c.anonymous_contact.channel == "WA 0812"
        assert "0812" not in api.get(f"/complaints/{c.pk}").content.decode()


class TestSimilarity:
    def test_indonesian_normalisation_drops_function_words_and_clitics(self):
        assert grouping.normalise("Datanya TIDAK sesuai, di desa kami!") == [
            "data",
            "sesuai",
            "desa",
        ]

    def test_similar_wording_scores_above_the_threshold_and_unrelated_below(self):
        a = "Data penerima bansos salah, banyak warga miskin tidak terdata"
        b = "Warga miskin tidak terdata sebagai penerima bantuan sosial (bansos)"
        c = "Jalan desa rusak dan berlubang sejak musim hujan"
        assert grouping.similarity(a, b) >= grouping.THRESHOLD
        assert grouping.similarity(a, c) < 0.1
        assert grouping.similarity(a, a) == 1.0
        assert grouping.similarity("", a) == 0.0


class TestGrouping:
    def _three(self, f):
        cat = category(f)
        lead, _ = receive_group(f, cat)
        twin, _ = services.complaint_receive(
            actor=f.users["worker"],
            data=group_data(f, cat, group_name="Warga RW 06", complainant_name="Bu Ani",
                            subject="Penerima bansos salah data",
                            description="Warga miskin di RW 06 tidak terdata"),
            cosigners=[{"name": "Pak Udin", "consent_given": True}],
        )  # fmt: skip
        unrelated, _ = services.complaint_receive(
            actor=f.users["worker"],
            data=group_data(f, cat, subject="Jalan rusak", description="Jalan desa berlubang"),
        )
        return lead, twin, unrelated

    def test_the_page_suggests_the_similar_one_and_groups_it(self, client, world):
        f = world.a
        lead, twin, unrelated = self._three(f)
        client.force_login(f.users["worker"])
        page = client.get(reverse("complaint_detail", args=[lead.pk])).content.decode()
        assert twin.tracking_code in page and unrelated.tracking_code not in page
        r = client.post(reverse("complaint_group", args=[lead.pk]),
                        {"member": twin.pk, "version": twin.version})  # fmt: skip
        assert r.status_code == 302
        twin.refresh_from_db()
        assert twin.collective == lead
        # each keeps its own complainant, co-signers and consent
        assert twin.complainant_name == "Bu Ani" and lead.complainant_name == "Pak Darto"
        assert list(twin.cosigners.values_list("name", "consent_given")) == [("Pak Udin", True)]
        assert lead.cosigners.count() == 2
        page = client.get(reverse("complaint_detail", args=[lead.pk])).content.decode()
        assert "1 penanda tangan" in page and twin.tracking_code in page
        again = client.post(reverse("complaint_group", args=[twin.pk]),
                            {"member": unrelated.pk, "version": unrelated.version})  # fmt: skip
        assert again.status_code == 422  # a member leads no group

    def test_another_agency_or_worker_cannot_be_grouped_in(self, api, world):
        f = world.a
        lead, twin, _ = self._three(f)
        theirs, _ = receive_group(world.b)
        api.as_user(f.users["worker"])
        r = api.post(f"/complaints/{lead.pk}/members", {"member_id": theirs.pk, "version": 1})
        assert r.status_code == 422
        assert [s["id"] for s in api.get(f"/complaints/{lead.pk}/similar").json()] == [twin.pk]
        r = api.post(
            f"/complaints/{lead.pk}/members", {"member_id": twin.pk, "version": twin.version}
        )
        assert r.status_code == 201 and r.json()["collective_id"] == lead.pk
        assert [m["id"] for m in api.get(f"/complaints/{lead.pk}/members").json()] == [twin.pk]
        r = api.post(f"/complaints/{twin.pk}/ungroup", {"version": twin.version + 1})
        assert r.status_code == 200 and r.json()["collective_id"] is None
        kinds = list(ComplaintLog.objects.filter(complaint=twin).values_list("kind", flat=True))
        assert kinds == ["assigned", "grouped", "ungrouped"]

    def test_suggestions_cost_a_bounded_number_of_queries(self, world):
        f = world.a
        lead, _, _ = self._three(f)
        for i in range(15):
            receive_group(f, lead.category, subject=f"Data bansos salah {i}")
        user = f.users["worker"]
        with CaptureQueriesContext(connection) as ctx:
            found = grouping.suggestions(user, lead)
        assert len(found) == grouping.SUGGESTIONS and len(ctx.captured_queries) <= 2
