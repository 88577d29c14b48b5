"""Instrument definitions as data: scoring and bands against the published rules,
and malformed definitions refused with the file and the field named."""

import json

import pytest
from django.core.management import call_command
from django.core.management.base import SystemCheckError

from pendamping.assessment import instruments
from pendamping.assessment.instruments import InstrumentDefinitionError


def phq9(*values):
    assert len(values) == 9
    return {f"q{n}": v for n, v in enumerate(values, start=1)}


BARTHEL_MAX = {
    "feeding": 10, "bathing": 5, "grooming": 5, "dressing": 10, "bowels": 10,
    "bladder": 10, "toilet": 10, "transfers": 15, "mobility": 15, "stairs": 10,
}  # fmt: skip


def barthel(**changes):
    return BARTHEL_MAX | changes


class TestPhq9:
    instrument = instruments.get("phq9")

    @pytest.mark.parametrize(
        ("answers", "score", "band"),
        [
            (phq9(0, 0, 0, 0, 0, 0, 0, 0, 0), 0, "minimal"),
            (phq9(1, 1, 1, 1, 0, 0, 0, 0, 0), 4, "minimal"),
            (phq9(1, 1, 1, 1, 1, 0, 0, 0, 0), 5, "mild"),
            (phq9(3, 3, 3, 0, 0, 0, 0, 0, 0), 9, "mild"),
            (phq9(3, 3, 3, 1, 0, 0, 0, 0, 0), 10, "moderate"),
            (phq9(2, 2, 2, 2, 2, 2, 0, 0, 0), 12, "moderate"),
            (phq9(2, 2, 2, 2, 2, 2, 2, 0, 0), 14, "moderate"),
            (phq9(3, 3, 3, 3, 3, 0, 0, 0, 0), 15, "moderately_severe"),
            (phq9(3, 3, 3, 3, 3, 3, 1, 0, 0), 19, "moderately_severe"),
            (phq9(3, 3, 3, 3, 3, 3, 2, 0, 0), 20, "severe"),
            (phq9(3, 3, 3, 3, 3, 3, 3, 3, 3), 27, "severe"),
        ],
    )
    def test_it_scores_and_bands_like_kroenke_2001(self, answers, score, band):
        assert self.instrument.score(answers) == score
        assert self.instrument.band_for(score).code == band

    def test_it_runs_from_0_to_27_with_indonesian_and_english_bands(self):
        i = self.instrument
        assert (i.score_min, i.score_max, len(i.items)) == (0, 27, 9)
        assert [(b.min, b.max, b.label.id) for b in i.bands] == [
            (0, 4, "Minimal"), (5, 9, "Ringan"), (10, 14, "Sedang"),
            (15, 19, "Cukup berat"), (20, 27, "Berat"),
        ]  # fmt: skip
        assert i.band_for(17).label.en == "Moderately severe"
        assert "Kroenke" in i.citations[0]

    @pytest.mark.parametrize(("item9", "flagged"), [(0, False), (1, True), (2, True), (3, True)])
    def test_item_9_above_zero_raises_the_self_harm_flag(self, item9, flagged):
        flags = self.instrument.flags_for(phq9(0, 0, 0, 0, 0, 0, 0, 0, item9))
        assert [f.code for f in flags] == (["self_harm"] if flagged else [])


class TestBarthel:
    instrument = instruments.get("barthel")

    def test_it_carries_the_published_weights(self):
        weights = {i.code: sorted(i.values) for i in self.instrument.items}
        assert weights == {
            "feeding": [0, 5, 10], "bathing": [0, 5], "grooming": [0, 5],
            "dressing": [0, 5, 10], "bowels": [0, 5, 10], "bladder": [0, 5, 10],
            "toilet": [0, 5, 10], "transfers": [0, 5, 10, 15], "mobility": [0, 5, 10, 15],
            "stairs": [0, 5, 10],
        }  # fmt: skip

    @pytest.mark.parametrize(
        ("answers", "score", "band"),
        [
            (BARTHEL_MAX, 100, "independent"),
            ({k: 0 for k in BARTHEL_MAX}, 0, "total"),
            ({k: 0 for k in BARTHEL_MAX} | {"feeding": 10, "bowels": 10}, 20, "total"),
            ({k: 0 for k in BARTHEL_MAX} | {"feeding": 10, "bowels": 10, "grooming": 5}, 25, "severe"),
            (barthel(bathing=0, grooming=0, dressing=5, toilet=5, transfers=10, mobility=10, stairs=0), 60, "severe"),
            (barthel(bathing=0, dressing=5, toilet=5, transfers=10, mobility=10, stairs=0), 65, "moderate"),
            (barthel(transfers=5), 90, "moderate"),
            (barthel(stairs=5), 95, "slight"),
        ],
    )  # fmt: skip
    def test_it_sums_the_weights_and_bands_like_shah_1989(self, answers, score, band):
        assert self.instrument.score(answers) == score
        assert self.instrument.band_for(score).code == band

    @pytest.mark.parametrize(
        ("score", "band"),
        [(20, "total"), (21, "severe"), (60, "severe"), (61, "moderate"), (90, "moderate"),
         (91, "slight"), (99, "slight"), (100, "independent")],
    )  # fmt: skip
    def test_band_boundaries_on_both_sides(self, score, band):
        assert self.instrument.band_for(score).code == band

    def test_it_runs_from_0_to_100_and_cites_shah(self):
        assert (self.instrument.score_min, self.instrument.score_max) == (0, 100)
        assert any("Shah" in c and "1989" in c for c in self.instrument.citations)


class TestNeedsChecklist:
    instrument = instruments.get("needs_checklist")

    def test_every_item_names_a_taxonomy_term(self):
        terms = {i.code: i.term for i in self.instrument.items}
        assert len(terms) == 13 and all(terms.values())
        assert terms["food"] == "hidup_layak.pangan"
        assert terms["addiction"] == "terapi.napza"

    @pytest.mark.parametrize(
        ("yes", "band"),
        [([], "none"), (["food"], "few"), (["food", "shelter", "documents"], "several"),
         (["food", "shelter", "documents", "health", "education", "legal_aid"], "many")],
    )  # fmt: skip
    def test_the_score_counts_the_needs(self, yes, band):
        answers = {i.code: int(i.code in yes) for i in self.instrument.items}
        score = self.instrument.score(answers)
        assert score == len(yes) and self.instrument.band_for(score).code == band
        assert [i.code for i in self.instrument.needs_for(answers)] == yes

    def test_all_yes_scores_13(self):
        answers = {i.code: 1 for i in self.instrument.items}
        assert self.instrument.score(answers) == 13
        assert self.instrument.band_for(13).code == "many"


# ---- definitions as data -------------------------------------------------------------


def valid_definition(**changes):
    d = {
        "code": "who5",
        "version": "2",
        "short_title": {"id": "WHO-5", "en": "WHO-5"},
        "title": {"id": "Indeks Kesejahteraan WHO-5", "en": "WHO-5 Well-Being Index"},
        "description": {"id": "Lima butir", "en": "Five items"},
        "citation": "World Health Organization. Wellbeing Measures in Primary Health Care. 1998.",
        "options": [{"value": v, "label": {"id": f"Nilai {v}", "en": f"Value {v}"}} for v in range(6)],
        "items": [{"code": f"i{n}", "text": {"id": f"Butir {n}", "en": f"Item {n}"}} for n in range(1, 6)],
        "scoring": {"rule": "sum"},
        "bands": [
            {"code": "low", "min": 0, "max": 12, "label": {"id": "Rendah", "en": "Low"}},
            {"code": "ok", "min": 13, "max": 25, "label": {"id": "Baik", "en": "Good"}},
        ],
    }  # fmt: skip
    d.update(changes)
    return d


@pytest.fixture
def agency_dir(tmp_path, settings):
    settings.ASSESSMENT_INSTRUMENTS_DIRS = [str(tmp_path)]
    return tmp_path


def write(directory, name, definition):
    path = directory / name
    text = definition if isinstance(definition, str) else json.dumps(definition)
    path.write_text(text, encoding="utf-8")
    return path


class TestAgencyInstruments:
    def test_an_agency_adds_an_instrument_without_code(self, agency_dir, client, world):
        write(agency_dir, "who5.json", valid_definition())
        who5 = instruments.get("who5")
        assert who5.version == "2" and (who5.score_min, who5.score_max) == (0, 25)
        assert {"phq9", "barthel", "needs_checklist", "who5"} <= set(instruments.load_all())
        client.force_login(world.a.users["worker"])
        assert "WHO-5 Well-Being Index" not in client.get("/instruments/").content.decode()
        assert "Indeks Kesejahteraan WHO-5" in client.get("/instruments/").content.decode()
        r = client.post(
            f"/cases/{world.a.case.pk}/instruments/who5/",
            {"administered_on": "2026-01-05"} | {f"item_i{n}": 3 for n in range(1, 6)},
        )
        assert r.status_code == 302, r.content

    def test_without_the_setting_only_the_shipped_instruments_load(self, settings):
        settings.ASSESSMENT_INSTRUMENTS_DIRS = []
        assert set(instruments.load_all()) == {"phq9", "barthel", "needs_checklist"}

    @pytest.mark.parametrize(
        ("definition", "field", "problem"),
        [
            ("{not json", "", "invalid JSON at line 1"),
            (valid_definition(title={"id": "Judul"}), "title.en", "is required"),
            (valid_definition(code="Bad Code"), "code", "must match"),
            (valid_definition(version=""), "version", "non-empty string"),
            (valid_definition(citation=[]), "citation", "non-empty"),
            (valid_definition(items=[]), "items", "non-empty list"),
            (valid_definition(options=[{"value": "1", "label": {"id": "a", "en": "a"}}]),
             "options[0].value", "must be an integer"),
            (valid_definition(options=[{"value": 1, "label": {"id": "a", "en": "a"}},
                                       {"value": 1, "label": {"id": "b", "en": "b"}}]),
             "options[1].value", "duplicate value 1"),
            (valid_definition(items=[{"code": "i1", "text": {"id": "a", "en": "a"}},
                                     {"code": "i1", "text": {"id": "b", "en": "b"}}]),
             "items[1].code", "duplicate item code"),
            (valid_definition(items=[{"code": "i1", "text": {"id": "a", "en": "a"}, "term": "no.such"}]),
             "items[0].term", "unknown taxonomy term"),
            (valid_definition(scoring={"rule": "average"}), "scoring.rule", "unknown rule"),
            (valid_definition(bands=[{"code": "low", "min": 0, "max": 12, "label": {"id": "a", "en": "a"}}]),
             "bands", "score 13 falls in no band"),
            (valid_definition(bands=[{"code": "a", "min": 0, "max": 13, "label": {"id": "a", "en": "a"}},
                                     {"code": "b", "min": 13, "max": 25, "label": {"id": "b", "en": "b"}}]),
             "bands", "score 13 falls in several bands: a, b"),
            (valid_definition(bands=[{"code": "a", "min": 9, "max": 3, "label": {"id": "a", "en": "a"}}]),
             "bands[0].max", "must not be smaller than min"),
            (valid_definition(flags=[{"code": "f", "item": "i9", "min": 1, "label": {"id": "a", "en": "a"}}]),
             "flags[0].item", "no item with code 'i9'"),
            (valid_definition(needs={"value": 1}), "needs", 'no item names a taxonomy "term"'),
            (valid_definition(colour="red"), "colour", "unknown field"),
            (valid_definition(code="phq9"), "code", "already defined in phq9.json"),
        ],
    )  # fmt: skip
    def test_a_malformed_definition_names_the_file_and_the_field(
        self, agency_dir, definition, field, problem
    ):
        write(agency_dir, "broken.json", definition)
        with pytest.raises(InstrumentDefinitionError) as e:
            instruments.load_all(strict=True)
        message = str(e.value)
        assert message.startswith(f"broken.json: {field}: " if field else "broken.json: ")
        assert problem in message
        # at run time the broken file is skipped and the others keep working
        assert {"phq9", "barthel", "needs_checklist"} <= set(instruments.load_all())

    def test_a_missing_directory_is_an_error(self, settings, tmp_path):
        settings.ASSESSMENT_INSTRUMENTS_DIRS = [str(tmp_path / "nowhere")]
        with pytest.raises(InstrumentDefinitionError, match="does not exist"):
            instruments.load_all(strict=True)
        assert "phq9" in instruments.load_all()  # pages keep working meanwhile

    def test_manage_py_check_reports_a_malformed_file(self, agency_dir, db):
        write(agency_dir, "broken.json", valid_definition(scoring={}))
        with pytest.raises(
            SystemCheckError, match=r"assessment\.E001.*broken\.json: scoring\.rule"
        ):
            call_command("check")

    def test_a_fixed_file_is_read_again(self, agency_dir):
        path = write(agency_dir, "who5.json", valid_definition(version="1"))
        assert instruments.get("who5").version == "1"
        path.write_text(json.dumps(valid_definition(version="3")), encoding="utf-8")
        import os

        os.utime(path, ns=(1, path.stat().st_mtime_ns + 10**9))
        assert instruments.get("who5").version == "3"


class TestDefinitionPages:
    def test_the_api_gives_every_definition_in_both_languages(self, api, world):
        api.as_user(world.a.users["instructor"])
        rows = {d["code"]: d for d in api.get("/instruments").json()}
        assert set(rows) == {"phq9", "barthel", "needs_checklist"}
        phq = rows["phq9"]
        assert phq["items"][8]["text"]["en"].startswith(
            "Thoughts that you would be better off dead"
        )
        assert phq["bands"][2] == {"code": "moderate", "min": 10, "max": 14,
                                   "label": {"id": "Sedang", "en": "Moderate"}}  # fmt: skip
        assert phq["flags"][0]["item"] == "q9" and phq["score_max"] == 27
        assert rows["needs_checklist"]["items"][0]["term"] == "hidup_layak.pangan"
        assert api.get("/instruments/barthel").json()["score_max"] == 100
        assert api.get("/instruments/nothing").status_code == 404

    def test_the_definition_page_shows_items_bands_and_sources(self, client, world):
        client.force_login(world.a.users["worker"])
        html = client.get("/instruments/barthel/").content.decode()
        assert "Naik turun tangga" in html and "Ketergantungan berat" in html
        assert "Shah S, Vanclay F, Cooper B" in html
        assert client.get("/instruments/nothing/").status_code == 404
