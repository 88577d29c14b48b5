"""Indicators with targets: values from the fixed menu per period with hand-worked
numbers, colour bands, the achievement table and its XLSX export, bad input refused,
and a query count that does not grow with the programme's size."""

from datetime import timedelta
from io import BytesIO

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from pendamping.facilitator import indicators, services

from .conftest import another_case, held, mark, programme


def _world(world, participants=2):
    f = world.a
    f.prog = programme(f)
    f.enrolments = [services.enrol(actor=f.users["worker"], programme=f.prog, case=f.case)]
    for i in range(participants - 1):
        case = another_case(f, f"Peserta Nomor {i}", f"P{i}")
        f.enrolments.append(services.enrol(actor=f.users["worker"], programme=f.prog, case=case))
    return f


def _attended_three_of_four(world):
    """The world with two participants and two sessions held: 3 of the 4 attendances
    marked present or late."""
    f = _world(world)
    sessions = held(f, f.prog, 2)
    a, b = f.enrolments
    mark(f, sessions[0], {a.pk: "present", b.pk: "absent"})
    mark(f, sessions[1], {a.pk: "late", b.pk: "present"})
    return f


def _indicator(f, **kw):
    data = {"name": "Kehadiran", "numerator": "attendance_present",
            "denominator": "attendance_marked", "factor": 100, "period_type": "year",
            "targets": {str(timezone.localdate().year): 80}} | kw  # fmt: skip
    return indicators.indicator_save(actor=f.users["worker"], programme=f.prog, data=data)


class TestValues:
    def test_a_percentage_with_its_target_and_colour(self, world):
        f = _attended_three_of_four(world)
        _indicator(f)
        _indicator(f, name="Sesi", numerator="sessions_held", denominator="", factor=1,
                   targets={str(timezone.localdate().year): 4})  # fmt: skip
        table = {b["indicator"].name: b["rows"] for b in indicators.achievement_table(f.prog)}
        year = str(timezone.localdate().year)
        row = next(r for r in table["Kehadiran"] if r["period"] == year)
        # 3 attended of 4 marked x 100 = 75; target 80 -> 0.9375: green from 0.90
        assert row["value"] == pytest.approx(75.0) and row["achievement"] == pytest.approx(0.9375)
        assert row["colour"] == "green"
        row = next(r for r in table["Sesi"] if r["period"] == year)
        # 2 sessions of a target of 4 -> 0.5: red below 0.60
        assert row["value"] == 2 and row["colour"] == "red"

    def test_the_bands(self, world):
        f = _world(world)
        ind = _indicator(f)
        assert [indicators.colour(x, ind) for x in (0.59, 0.6, 0.89, 0.9)] == [
            "red", "amber", "amber", "green"]  # fmt: skip

    def test_bad_definitions_are_refused(self, world):
        f = _world(world)
        for bad in ({"numerator": "nik"}, {"targets": {"1999": 5}}, {"targets": {}, "factor": 0},
                    {"amber_from": "0.95"}, {"name": ""}):  # fmt: skip
            with pytest.raises(ValidationError):
                _indicator(f, **bad)

    def test_queries_do_not_grow_with_the_programme(self, world, django_assert_max_num_queries):
        def count(f):
            from django.db import connection
            from django.test.utils import CaptureQueriesContext

            with CaptureQueriesContext(connection) as ctx:
                indicators.achievement_table(f.prog)
            return len(ctx)

        f = _world(world, participants=2)
        _indicator(f)
        _indicator(f, name="Patuh", numerator="compliant", denominator="enrolled")
        held(f, f.prog, 1)
        small = count(f)
        for i in range(6):
            case = another_case(f, f"Tambahan Orang {i}", f"T{i}")
            services.enrol(actor=f.users["worker"], programme=f.prog, case=case)
        more = held(f, f.prog, 5)
        for s in more:
            mark(f, s, {e.pk: "present" for e in f.enrolments})
        assert count(f) == small
        # 8 measures of its own, one for the participants' cases and one per measure
        # source of another app (test_sources.py), and one for the indicators
        with django_assert_max_num_queries(14):
            indicators.achievement_table(f.prog)


def _score(f, enrolment, phase, right):
    from pendamping.facilitator import outcomes

    answers = {f"s{i}": "1" if i <= right else "0" for i in range(1, 6)}
    outcomes.score_record(actor=f.users["worker"], enrolment=enrolment, measure="sewing_skills",
                          phase=phase, answers=answers)  # fmt: skip


class TestMeanGain:
    def _world(self, world):
        f = _world(world, participants=3)
        f.prog.measures = ["sewing_skills"]
        f.prog.save(update_fields=["measures"])
        for e in f.enrolments:
            e.programme.refresh_from_db()
        return f

    def test_the_gain_of_the_averages_by_hand(self, world):
        f = self._world(world)
        a, b, c = f.enrolments
        _indicator(f, name="Gain", numerator="mean_gain", denominator="", factor=100,
                   targets={str(timezone.localdate().year): 50})  # fmt: skip
        year = str(timezone.localdate().year)

        def row():
            block = indicators.achievement_table(f.prog)[0]
            return next(r for r in block["rows"] if r["period"] == year)

        assert row()["value"] is None  # nobody has both scores yet
        _score(f, a, "pre", 1)  # 1/5 = 0.2
        _score(f, a, "post", 4)  # 4/5 = 0.8
        _score(f, b, "pre", 2)  # 2/5 = 0.4
        _score(f, b, "post", 3)  # 3/5 = 0.6
        _score(f, c, "pre", 5)  # no post score: left out
        # mean pre 0.3, mean post 0.7: (0.7 - 0.3) / (1 - 0.3) = 0.4 / 0.7 = 0.5714 x 100
        got = row()
        assert got["value"] == pytest.approx(400 / 7)
        # 57.14 of a target of 50 -> 1.14: green
        assert got["achievement"] == pytest.approx(8 / 7) and got["colour"] == "green"

    def test_it_agrees_with_the_gains_page_and_is_offered_in_the_menu(self, client, world, api):
        f = self._world(world)
        a, b, _c = f.enrolments
        _score(f, a, "pre", 0)
        _score(f, a, "post", 2)
        _score(f, b, "pre", 3)
        _score(f, b, "post", 5)
        client.force_login(f.users["worker"])
        html = client.get(reverse("indicator_list", args=[f.prog.pk])).content.decode()
        assert 'value="mean_gain"' in html
        api.as_user(f.users["worker"])
        body = {"name": "Gain", "numerator": "mean_gain", "factor": 1, "period_type": "year"}
        assert api.post(f"/programmes/{f.prog.pk}/indicators", body).status_code == 201
        gains = api.get(f"/programmes/{f.prog.pk}/gains").json()
        rows = api.get(f"/programmes/{f.prog.pk}/indicators").json()
        year = str(timezone.localdate().year)
        value = next(r for r in rows[0]["rows"] if r["period"] == year)["value"]
        # mean pre 0.3, mean post 0.7 again: 4/7
        assert value == pytest.approx(4 / 7) == pytest.approx(gains["gain"])


class TestPages:
    def test_the_facilitator_defines_one_and_exports_xlsx(self, client, world):
        f = _world(world)
        client.force_login(f.users["worker"])
        year = timezone.localdate().year
        r = client.post(reverse("indicator_add", args=[f.prog.pk]), {
            "name": "Kehadiran", "numerator": "attendance_present",
            "denominator": "attendance_marked", "factor": "100", "period_type": "year",
            "targets": f"{year}=80", "amber_from": "0.6", "green_from": "0.9"})  # fmt: skip
        assert r.status_code == 302
        html = client.get(reverse("indicator_list", args=[f.prog.pk])).content.decode()
        assert "Kehadiran" in html and str(year) in html
        r = client.post(reverse("indicator_add", args=[f.prog.pk]), {
            "name": "X", "numerator": "attendance_present", "factor": "100",
            "period_type": "year", "targets": "kemarin", "amber_from": "0.6",
            "green_from": "0.9"})  # fmt: skip
        assert r.status_code == 422
        xlsx = client.get(reverse("indicator_xlsx", args=[f.prog.pk]))
        sheet = load_workbook(BytesIO(xlsx.content)).active
        rows = list(sheet.iter_rows(values_only=True))
        assert rows[0][:3] == ("Program", "Indikator", "Periode") and rows[1][1] == "Kehadiran"

    def test_the_instructor_sees_no_indicators(self, client, world, api):
        from pendamping.facilitator.models import Instructor

        f = _world(world)
        teacher = Instructor.objects.create(agency=f.agency, user=f.users["instructor"], name="U")
        services.session_schedule(actor=f.users["worker"], programme=f.prog,
                                  starts_at=timezone.now() + timedelta(days=1),
                                  instructors=[teacher])  # fmt: skip
        client.force_login(f.users["instructor"])
        assert client.get(reverse("programme_detail", args=[f.prog.pk])).status_code == 200
        assert client.get(reverse("indicator_list", args=[f.prog.pk])).status_code == 404
        api.as_user(f.users["instructor"])
        assert api.get(f"/programmes/{f.prog.pk}/indicators").status_code == 404

    def test_the_api_defines_and_reads_one(self, world, api):
        f = _world(world)
        api.as_user(f.users["worker"])
        year = str(timezone.localdate().year)
        body = {"name": "Patuh", "numerator": "compliant", "denominator": "enrolled",
                "period_type": "year", "targets": {year: 80}}  # fmt: skip
        assert api.post(f"/programmes/{f.prog.pk}/indicators", body).status_code == 201
        assert api.post(f"/programmes/{f.prog.pk}/indicators",
                        body | {"numerator": "x"}).status_code == 422  # fmt: skip
        got = api.get(f"/programmes/{f.prog.pk}/indicators").json()
        assert got[0]["name"] == "Patuh" and got[0]["rows"][0]["period"] == year


class TestAgency:
    """Every programme's indicators at their latest period, as a page, a chart and XLSX."""

    def _two(self, world):
        f = _attended_three_of_four(world)
        _indicator(f)  # 75 of a target of 80: green
        f.prog2 = programme(f, title="Pelatihan menjahit")
        year = str(timezone.localdate().year)
        indicators.indicator_save(
            actor=f.users["worker"], programme=f.prog2,
            data={"name": "Sesi menjahit", "numerator": "sessions_held", "factor": 1,
                  "period_type": "year", "targets": {year: 10}},
        )  # fmt: skip
        return f

    def test_the_page_lists_both_programmes_with_band_words(self, client, world):
        f = self._two(world)
        client.force_login(f.users["supervisor"])
        html = client.get(reverse("agency_indicators")).content.decode()
        assert "Bimbingan spiritual" in html and "Pelatihan menjahit" in html
        # the colour always comes with its words (and a symbol), never alone
        assert 'class="badge indicator-green"' in html and "Sesuai target" in html
        assert 'class="badge indicator-red"' in html and "Jauh di bawah target" in html
        assert "<svg" in html and "94 % · Sesuai target" in html  # the chart's bars say it
        client.cookies["django_language"] = "en"
        html = client.get(reverse("agency_indicators")).content.decode()
        assert "Agency indicators" in html and "On target" in html

    def test_another_agency_sees_none_of_it(self, client, world):
        self._two(world)
        client.force_login(world.b.users["supervisor"])
        html = client.get(reverse("agency_indicators")).content.decode()
        assert "Bimbingan spiritual" not in html and "Pelatihan menjahit" not in html

    def test_the_xlsx_has_every_period_of_every_programme(self, client, world):
        f = self._two(world)
        client.force_login(f.users["worker"])
        r = client.get(reverse("agency_indicators_xlsx"))
        rows = list(load_workbook(BytesIO(r.content)).active.iter_rows(values_only=True))
        assert rows[0][:3] == ("Program", "Indikator", "Periode")
        year = str(timezone.localdate().year)
        got = {(row[0], row[1]): row for row in rows[1:] if row[2] == year}
        assert got[("Bimbingan spiritual", "Kehadiran")][3] == pytest.approx(75.0)
        assert got[("Pelatihan menjahit", "Sesi menjahit")][6] == "red"

    def test_queries_grow_with_programmes_on_the_page_not_their_size(self, client, world):
        from django.db import connection
        from django.test.utils import CaptureQueriesContext

        f = self._two(world)
        client.force_login(f.users["worker"])
        with CaptureQueriesContext(connection) as small:
            client.get(reverse("agency_indicators"))
        for i in range(5):
            case = another_case(f, f"Tambahan Orang {i}", f"T{i}")
            e = services.enrol(actor=f.users["worker"], programme=f.prog, case=case)
            mark(f, held(f, f.prog, 1)[0], {e.pk: "present"})
        with CaptureQueriesContext(connection) as big:
            client.get(reverse("agency_indicators"))
        assert len(big) == len(small)

    def test_the_instructor_gets_none(self, client, world):
        self._two(world)
        client.force_login(world.a.users["instructor"])
        assert client.get(reverse("agency_indicators")).status_code == 404
        assert client.get(reverse("agency_indicators_xlsx")).status_code == 404


class TestXlsxCells:
    def test_a_name_starting_with_equals_is_text_not_a_formula(self, client, world):
        f = _world(world)
        services.programme_save(actor=f.users["worker"], programme=f.prog,
                                data={"title": "=1+1"}, expected_version=f.prog.version)  # fmt: skip
        _indicator(f, name='=HYPERLINK("http://example.com","klik")')
        client.force_login(f.users["worker"])
        for url in (reverse("indicator_xlsx", args=[f.prog.pk]), reverse("agency_indicators_xlsx")):
            sheet = load_workbook(BytesIO(client.get(url).content)).active
            cells = [row for row in sheet.iter_rows(min_row=2) if row[0].value == "=1+1"]
            assert cells, url
            for row in cells:
                assert row[0].data_type == "s" and row[1].data_type == "s"
                assert row[1].value == '=HYPERLINK("http://example.com","klik")'
