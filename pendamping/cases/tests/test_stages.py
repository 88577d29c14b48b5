"""The ATENSI stage machine, closing and reopening, through HTTP and the API."""

import pytest
from django.urls import reverse

from pendamping.cases.models import CaseEvent, Stage


def post_stage(client, case, to_stage, reason=""):
    case.refresh_from_db()
    return client.post(
        reverse("case_stage", args=[case.pk]),
        {"to_stage": to_stage, "reason": reason, "version": case.version},
    )


class TestStageMachine:
    def test_it_moves_forward_one_stage_at_a_time(self, client, world):
        f = world.a
        client.force_login(f.users["worker"])
        for stage in Stage.values[1:]:
            response = post_stage(client, f.case, stage)
            assert response.status_code == 302, response.content
        f.case.refresh_from_db()
        assert f.case.stage == "bimbingan_lanjut"
        moves = CaseEvent.objects.filter(case=f.case, kind="stage_changed")
        assert moves.count() == len(Stage.values) - 1

    def test_it_refuses_to_skip_a_stage(self, client, world):
        f = world.a
        client.force_login(f.users["worker"])
        response = post_stage(client, f.case, "intervensi")
        assert response.status_code == 422
        f.case.refresh_from_db()
        assert f.case.stage == "pendekatan_awal"

    def test_after_a_refused_move_the_form_still_offers_only_the_allowed_moves(self, client, world):
        f = world.a
        client.force_login(f.users["worker"])
        post_stage(client, f.case, "asesmen")
        opened = client.get(reverse("case_form", args=[f.case.pk, "stage"]))
        offered = opened.context["a"]["form"]
        allowed = [value for value, _label in offered.fields["to_stage"].choices]
        assert allowed == ["pendekatan_awal", "rencana_intervensi"]
        response = post_stage(client, f.case, "pendekatan_awal")  # back needs a reason
        assert response.status_code == 422
        form = response.context["actions"]["stage"]["form"]
        assert [value for value, _label in form.fields["to_stage"].choices] == allowed
        assert form.errors
        assert '<option value="intervensi"' not in response.text

    def test_it_moves_back_only_with_a_reason(self, client, world):
        f = world.a
        client.force_login(f.users["worker"])
        post_stage(client, f.case, "asesmen")
        post_stage(client, f.case, "rencana_intervensi")
        response = post_stage(client, f.case, "pendekatan_awal")
        assert response.status_code == 422
        assert "alasan" in response.content.decode().lower()
        response = post_stage(client, f.case, "pendekatan_awal", reason="Klien menarik persetujuan")
        assert response.status_code == 302
        f.case.refresh_from_db()
        assert f.case.stage == "pendekatan_awal"
        back = CaseEvent.objects.filter(case=f.case, kind="stage_changed").order_by("-id").first()
        assert back.data["direction"] == "back"
        assert back.data["reason"] == "Klien menarik persetujuan"

    def test_it_refuses_stage_moves_on_a_closed_case(self, api, world):
        f = world.a
        api.as_user(f.users["worker"])
        r = api.post(
            f"/cases/{f.case.pk}/close", {"reason": "goals_met", "version": f.case.version}
        )
        assert r.status_code == 200
        r = api.post(
            f"/cases/{f.case.pk}/stage", {"to_stage": "asesmen", "version": r.json()["version"]}
        )
        assert r.status_code == 422
        assert "ditutup" in r.json()["detail"]

    def test_it_closes_and_reopens_with_reasons(self, api, world):
        f = world.a
        api.as_user(f.users["worker"])
        r = api.post(f"/cases/{f.case.pk}/close", {"reason": "other", "version": f.case.version})
        assert r.status_code == 422  # "other" needs an explanation
        r = api.post(
            f"/cases/{f.case.pk}/close",
            {"reason": "other", "note": "Pindah kota", "version": f.case.version},
        )
        assert r.status_code == 200 and r.json()["closed_at"]
        r2 = api.post(f"/cases/{f.case.pk}/reopen", {"reason": "", "version": r.json()["version"]})
        assert r2.status_code == 422
        r2 = api.post(
            f"/cases/{f.case.pk}/reopen", {"reason": "Kembali", "version": r.json()["version"]}
        )
        assert r2.status_code == 200 and r2.json()["closed_at"] is None
        kinds = list(
            CaseEvent.objects.filter(case=f.case).order_by("id").values_list("kind", flat=True)
        )
        assert kinds[-2:] == ["closed", "reopened"]

    def test_it_refuses_an_unknown_stage_in_the_api(self, api, world):
        f = world.a
        r = api.as_user(f.users["worker"]).post(
            f"/cases/{f.case.pk}/stage", {"to_stage": "selesai", "version": 1}
        )
        assert r.status_code == 422


class TestCaseNumbers:
    def test_it_numbers_cases_per_agency_and_year(self, api, world):
        from django.utils import timezone

        year = timezone.localdate().year
        assert world.a.case.number == f"{year}-000001"
        assert world.b.case.number == f"{year}-000001"
        r = api.as_user(world.a.users["worker"]).post(
            "/cases", {"client_id": world.a.client.pk, "presenting_problem": "Kedua"}
        )
        assert r.status_code == 201
        assert r.json()["number"] == f"{year}-000002"


@pytest.mark.parametrize("role", ["supervisor", "admin"])
def test_managers_reassign_and_the_timeline_records_it(api, world, role):
    f = world.a
    r = api.as_user(f.users[role]).post(
        f"/cases/{f.case.pk}/assign",
        {"worker_id": f.users["other_worker"].pk, "version": f.case.version},
    )
    assert r.status_code == 200
    assert r.json()["assigned_worker_id"] == f.users["other_worker"].pk
    assert CaseEvent.objects.filter(case=f.case, kind="assigned").exists()
    # the previous worker no longer carries the case
    r = api.as_user(f.users["worker"]).get(f"/cases/{f.case.pk}")
    assert r.status_code == 404
