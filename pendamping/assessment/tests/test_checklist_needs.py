"""The needs checklist: "yes" answers become needs of the case in one POST."""

from django.utils import timezone

from pendamping.assessment import instruments, services
from pendamping.assessment.models import InstrumentAdministration
from pendamping.broker.models import Gap
from pendamping.cases.models import CaseEvent, Need

CHECKLIST = instruments.get("needs_checklist")


def answers(*yes):
    return {i.code: int(i.code in yes) for i in CHECKLIST.items}


def form_data(*yes):
    return {"administered_on": timezone.localdate().isoformat()} | {
        f"item_{k}": v for k, v in answers(*yes).items()
    }


def checklist(world, *yes):
    f = world.a
    return services.instrument_administer(
        actor=f.users["worker"], case=f.case, instrument=CHECKLIST, answers=answers(*yes)
    )


class TestChecklist:
    def test_the_score_is_the_number_of_needs(self, client, world):
        client.force_login(world.a.users["worker"])
        r = client.post(f"/cases/{world.a.case.pk}/instruments/needs_checklist/",
                        form_data("food", "shelter", "job_training"))  # fmt: skip
        a = InstrumentAdministration.objects.get()
        assert (a.score, a.band, a.band_label_id) == (3, "several", "Beberapa kebutuhan")
        summary = CaseEvent.objects.get(kind="instrument_scored").details()
        assert summary == "Daftar periksa kebutuhan: 3 · Beberapa kebutuhan"
        html = client.get(r["Location"]).content.decode()
        assert "Jadikan kebutuhan kasus" in html
        assert "Pangan: kekurangan makan sehari-hari" in html

    def test_yes_answers_become_case_needs_in_one_post(self, client, world):
        a = checklist(world, "food", "shelter", "job_training")
        client.force_login(world.a.users["worker"])
        r = client.post(f"/administrations/{a.pk}/needs/",
                        {"items": ["food", "shelter", "job_training"], "urgency": "high"})  # fmt: skip
        assert r.status_code == 302 and r["Location"].endswith(f"/cases/{world.a.case.pk}/#needs")
        needs = Need.objects.filter(case=world.a.case).order_by("id")
        assert [n.term.code for n in needs] == [
            "hidup_layak.pangan",
            "hidup_layak.tempat_tinggal",
            "vokasional.pelatihan_kerja",
        ]
        assert all(n.urgency == "high" and n.created_by == world.a.users["worker"] for n in needs)
        assert needs[0].description.startswith("Pangan: kekurangan makan sehari-hari (dari ")
        assert CaseEvent.objects.filter(kind=CaseEvent.Kind.NEED_ADDED).count() == 3
        assert Gap.objects.filter(need__in=needs).count() == 3  # need_add's gap register logic
        # a second click adds nothing twice
        r = client.post(f"/administrations/{a.pk}/needs/",
                        {"items": ["food", "shelter", "job_training"], "urgency": "high"})  # fmt: skip
        assert r.status_code == 302 and Need.objects.count() == 3

    def test_only_chosen_yes_items_are_added(self, client, world):
        a = checklist(world, "food", "legal_aid")
        client.force_login(world.a.users["worker"])
        client.post(f"/administrations/{a.pk}/needs/", {"items": ["legal_aid"], "urgency": "low"})
        assert [n.term.code for n in Need.objects.all()] == ["aksesibilitas.bantuan_hukum"]
        r = client.post(f"/administrations/{a.pk}/needs/", {"items": ["shelter"], "urgency": "low"})
        assert r.status_code == 422 and Need.objects.count() == 1

    def test_other_instruments_make_no_needs(self, client, world):
        a = services.instrument_administer(
            actor=world.a.users["worker"], case=world.a.case, instrument=instruments.get("phq9"),
            answers={f"q{n}": 1 for n in range(1, 10)},
        )  # fmt: skip
        client.force_login(world.a.users["worker"])
        assert (
            "Jadikan kebutuhan kasus"
            not in client.get(f"/administrations/{a.pk}/").content.decode()
        )
        assert client.post(f"/administrations/{a.pk}/needs/", {"urgency": "low"}).status_code == 422
        assert not Need.objects.exists()

    def test_the_api_adds_every_yes_answer(self, api, world):
        a = checklist(world, "documents", "health")
        api.as_user(world.a.users["supervisor"])
        r = api.post(f"/administrations/{a.pk}/needs", {"urgency": "urgent"})
        assert r.status_code == 201, r.content
        body = r.json()
        assert [n["term_code"] for n in body["created"]] == [
            "hidup_layak.dokumen",
            "hidup_layak.kesehatan",
        ]
        assert body["skipped"] == []
        again = api.post(f"/administrations/{a.pk}/needs", {"items": ["health"]}).json()
        assert again == {"created": [], "skipped": ["health"]}
        r = api.post(f"/administrations/{a.pk}/needs", {"items": ["food"]})
        assert r.status_code == 422
        api.as_user(world.a.users["auditor"])
        assert api.post(f"/administrations/{a.pk}/needs", {}).status_code == 403
        api.as_user(world.b.users["admin"])
        assert api.post(f"/administrations/{a.pk}/needs", {}).status_code == 404
