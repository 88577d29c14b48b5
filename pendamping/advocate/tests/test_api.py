"""The advocate's API: intake gives the secret once, nothing leaks of an anonymous
complainant, stale versions conflict, bad input is 422."""

from .conftest import category, receive_anonymous, receive_group


class TestComplaintsApi:
    def test_stage_then_decision_then_feedback(self, api, world):
        f = world.a
        c, secret = receive_group(f)
        api.as_user(f.users["worker"])
        got = api.get(f"/complaints/{c.pk}")
        assert got.status_code == 200 and got.json()["sla_status"] == "on_track"
        assert secret not in got.content.decode() and "secret" not in got.json()
        r = api.post(f"/complaints/{c.pk}/stage", {"to_stage": "in_progress", "reason": "Mulai",
                                                   "version": c.version})  # fmt: skip
        assert r.status_code == 200 and r.json()["stage"] == "in_progress"
        stale = api.post(f"/complaints/{c.pk}/stage", {"to_stage": "awaiting", "reason": "x",
                                                       "awaiting_on": "complainant", "version": c.version})  # fmt: skip
        assert stale.status_code == 409
        r = api.post(f"/complaints/{c.pk}/decision", {"decision": "upheld", "reason": "Diperbaiki",
                                                      "version": c.version + 1})  # fmt: skip
        assert r.status_code == 200 and r.json()["decision"] == "upheld"
        assert api.post(f"/complaints/{c.pk}/feedback", {"satisfaction": 6}).status_code == 422
        assert api.post(f"/complaints/{c.pk}/feedback", {"satisfaction": 5}).status_code == 201
        assert [x["satisfaction"] for x in api.get(f"/complaints/{c.pk}/feedback").json()] == [5]

    def test_a_filing_lists_its_bodys_due_dates(self, api, world):
        f = world.a
        c, _ = receive_group(f)
        api.as_user(f.users["worker"])
        r = api.post(f"/complaints/{c.pk}/filings", {"body": "sp4n_lapor", "filed_on": "2025-03-27",
                                                     "channel": "lapor.go.id"})  # fmt: skip
        assert r.status_code == 201
        assert [d["due"] for d in r.json()["due"]] == ["2025-04-03", "2025-04-10", "2025-04-25"]

    def test_an_anonymous_complaint_shows_no_contact(self, api, world):
        f = world.a
        c, _ = receive_anonymous(f)
        api.as_user(f.users["worker"])
        assert "Kotak surat" not in api.get(f"/complaints/{c.pk}").content.decode()

    def test_the_list_filters_by_sla_status(self, api, world):
        f = world.a
        c, _ = receive_group(f)
        api.as_user(f.users["worker"])
        items = api.get("/complaints?sla=on_track").json()["items"]
        assert [x["id"] for x in items] == [c.pk]
        assert api.get("/complaints?sla=breached").json()["items"] == []
        assert api.get("/complaints?sla=nonsense").status_code == 422


class TestIntakeByAnAdmin:
    def test_an_admin_leaves_it_unassigned_or_names_the_worker(self, world):
        from pendamping.advocate import services

        from .conftest import group_data

        f = world.a
        c, _ = services.complaint_receive(actor=f.users["admin"], data=group_data(f, category(f)))
        assert c.assigned_worker is None
        c, _ = services.complaint_receive(
            actor=f.users["admin"],
            data=group_data(f, category(f)) | {"assigned_worker": f.users["worker"]},
        )
        assert c.assigned_worker == f.users["worker"]
