"""Timeline lines are rendered in the reader's language when they are read."""

from datetime import timedelta

from django.conf import settings
from django.utils import timezone

from pendamping.assessment import instruments
from pendamping.assessment import services as assessment_services
from pendamping.cases.models import CaseEvent
from pendamping.motivator import services as motivator_services


def make_events(f):
    worker, case = f.users["worker"], f.case
    today = timezone.localdate()
    motivator_services.checkin_add(
        actor=worker, case=case, intention=8, determination=6, spirit=7, importance=9,
        confidence=5,
    )  # fmt: skip
    goal = motivator_services.goal_add(
        actor=worker,
        case=case,
        data={"statement": "Bekerja lagi", "level_minus_2": "a", "level_minus_1": "b",
              "level_0": "c", "level_plus_1": "d", "level_plus_2": "e", "weight": 1,
              "baseline_level": -1, "target_date": today + timedelta(days=30)},
    )  # fmt: skip
    motivator_services.goal_review(actor=worker, goal=goal, level=1)
    assessment_services.assessment_save(
        actor=worker,
        case=case,
        data={"assessed_on": today, "presenting_problem": "Masalah", "summary": "Ringkasan"},
    )
    assessment_services.ecomap_save(
        actor=worker, case=case, systems=[{"name": "Ibu", "category": "family"}]
    )
    phq9 = instruments.get("phq9")
    assessment_services.instrument_administer(
        actor=worker, case=case, instrument=phq9, answers={i.code: 1 for i in phq9.items}
    )


def timeline(client, f, language):
    client.force_login(f.users["worker"])
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    html = client.get(f"/cases/{f.case.pk}/").content.decode()
    return html[html.index('id="timeline"') :]


class TestTimelineLanguage:
    def test_it_shows_every_line_in_english_to_an_english_reader(self, client, world):
        make_events(world.a)
        text = timeline(client, world.a, "en")
        for english in ("Intention 8 · Determination 6", "Version 1", "Ecomap version 1",
                        "Level +1 · T=", "Motivation checked"):  # fmt: skip
            assert english in text, english
        for indonesian in ("Niat 8", "Versi 1", "Ekomap versi", "Motivasi dicek", "Sedang"):
            assert indonesian not in text, indonesian

    def test_it_shows_the_same_events_in_indonesian_by_default(self, client, world):
        make_events(world.a)
        text = timeline(client, world.a, "id")
        assert "Niat 8 · Tekad 6" in text and "Ekomap versi 1 · 1 sistem" in text
        assert "T=60,0" in text  # a decimal comma

    def test_it_stores_numbers_not_sentences(self, world):
        make_events(world.a)
        for event in CaseEvent.objects.filter(case=world.a.case):
            assert "summary" not in event.data or event.kind in {"goal_added"}, event.data

    def test_it_still_shows_an_old_event_that_stored_its_summary(self, client, world):
        CaseEvent.objects.create(
            case=world.a.case, kind="checkin_added", actor=world.a.users["worker"],
            data={"checkin": 1, "summary": "Niat 3 · Tekad 4"},
        )  # fmt: skip
        assert "Niat 3 · Tekad 4" in timeline(client, world.a, "en")
