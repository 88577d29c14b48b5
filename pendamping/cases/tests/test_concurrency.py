"""Optimistic concurrency: a stale save is refused, never silently overwritten."""

from django.urls import reverse


class TestCaseEditConflict:
    def test_it_refuses_a_stale_case_edit_in_the_ui(self, client, world):
        f = world.a
        client.force_login(f.users["worker"])
        stale = f.case.version
        ok = client.post(
            reverse("case_edit", args=[f.case.pk]),
            {"presenting_problem": "Versi pertama", "risk_level": "high", "version": stale},
        )
        assert ok.status_code == 302
        conflict = client.post(reverse("case_edit", args=[f.case.pk]),
                               {"presenting_problem": "Versi kedua", "risk_level": "low", "version": stale},
                               follow=True)  # fmt: skip
        assert "sudah diubah orang lain" in conflict.content.decode()
        f.case.refresh_from_db()
        assert f.case.presenting_problem == "Versi pertama"
        assert f.case.risk_level == "high"

    def test_it_answers_409_in_the_api(self, api, world):
        f = world.a
        api.as_user(f.users["worker"])
        first = api.patch(
            f"/cases/{f.case.pk}", {"version": f.case.version, "risk_level": "critical"}
        )
        assert first.status_code == 200
        assert first.json()["version"] == f.case.version + 1
        second = api.patch(f"/cases/{f.case.pk}", {"version": f.case.version, "risk_level": "low"})
        assert second.status_code == 409
        assert second.json()["detail"]
        f.case.refresh_from_db()
        assert f.case.risk_level == "critical"


class TestNoteEditConflict:
    def test_it_refuses_a_stale_note_edit_in_the_ui(self, client, world):
        f = world.a
        client.force_login(f.users["worker"])
        url = reverse("note_edit", args=[f.note.pk])
        form = {"occurred_on": f.note.occurred_on.isoformat(), "kind": "phone", "practice_role": "general",
                "confidentiality": "normal", "version": f.note.version}  # fmt: skip
        assert client.post(url, form | {"body": "Pertama"}).status_code == 302
        response = client.post(url, form | {"body": "Kedua"})
        assert response.status_code == 409
        assert "sudah diubah orang lain" in response.content.decode()
        f.note.refresh_from_db()
        assert f.note.body == "Pertama"

    def test_it_answers_409_for_a_stale_note_in_the_api(self, api, world):
        f = world.a
        api.as_user(f.users["worker"])
        assert (
            api.patch(f"/notes/{f.note.pk}", {"version": f.note.version, "body": "A"}).status_code
            == 200
        )
        r = api.patch(f"/notes/{f.note.pk}", {"version": f.note.version, "body": "B"})
        assert r.status_code == 409
