"""The bio-psycho-social-spiritual assessment: versions that are never overwritten,
comparing two versions, and needs identified in an assessment becoming case needs."""

import pytest
from django.db import DatabaseError, connection, transaction
from django.utils import timezone

from pendamping.assessment import services
from pendamping.assessment.models import Assessment, HistoryError
from pendamping.broker.models import Gap
from pendamping.cases import services as case_services
from pendamping.cases.models import CaseEvent, Need
from pendamping.taxonomy.models import TaxonomyTerm

from .test_administer import query_counts


def term(code):
    return TaxonomyTerm.objects.get(code=code)


def post_data(needs=(), based_on=None, **sections):
    data = {
        "assessed_on": timezone.localdate().isoformat(),
        "presenting_problem": "Kehilangan pekerjaan sejak pabrik tutup",
        "family": "Tinggal bersama ibu dan dua anak",
        "summary": "Keluarga rentan pangan",
        "needs-TOTAL_FORMS": str(max(3, len(needs))),
        "needs-INITIAL_FORMS": "0",
        "needs-MIN_NUM_FORMS": "0",
        "needs-MAX_NUM_FORMS": "10",
    }
    for n in range(max(3, len(needs))):
        row = needs[n] if n < len(needs) else {}
        data[f"needs-{n}-term"] = str(term(row["term"]).pk) if row.get("term") else ""
        data[f"needs-{n}-description"] = row.get("description", "")
        data[f"needs-{n}-urgency"] = row.get("urgency", "medium")
    if based_on is not None:
        data["based_on"] = str(based_on)
    return data | sections


def save(world, **data):
    f = world.a
    base = {"presenting_problem": "Masalah ekonomi", "summary": "Ringkasan"}
    return services.assessment_save(actor=f.users["worker"], case=f.case, data=base | data)


class TestVersions:
    def test_each_save_is_a_new_version_and_the_old_one_stays(self, client, world):
        f = world.a
        client.force_login(f.users["worker"])
        url = f"/cases/{f.case.pk}/assessments/new/"
        form = client.get(url).context["form"]
        assert form.initial["presenting_problem"] == "Masalah ekonomi"  # from the case
        assert form.initial["based_on"] == 0
        r = client.post(url, post_data(based_on=0))
        assert r.status_code == 302 and r["Location"] == f"/cases/{f.case.pk}/assessments/1/"
        form = client.get(url).context["form"]
        assert form.initial["family"] == "Tinggal bersama ibu dan dua anak"  # from version 1
        r = client.post(url, post_data(based_on=1, family="Ibu meninggal; tinggal dengan dua anak"))
        assert r.status_code == 302
        v1, v2 = Assessment.objects.order_by("number")
        assert (v1.number, v2.number) == (1, 2)
        assert v1.family == "Tinggal bersama ibu dan dua anak"
        assert v2.family == "Ibu meninggal; tinggal dengan dua anak"
        events = CaseEvent.objects.filter(kind="assessment_saved").order_by("id")
        assert [e.details() for e in events] == ["Versi 1", "Versi 2"]
        assert events[1].data["changed"] == ["family"]
        page = client.get(f"/cases/{f.case.pk}/assessments/1/").content.decode()
        assert "Tinggal bersama ibu dan dua anak" in page and "Bukan versi terbaru" in page
        listing = client.get(f"/cases/{f.case.pk}/assessments/").content.decode()
        assert "Versi 1" in listing and "Versi 2" in listing
        assert "Versi 2" in client.get(f"/cases/{f.case.pk}/").content.decode()

    def test_a_stale_form_does_not_hide_a_newer_version(self, client, world):
        save(world)
        save(world)
        client.force_login(world.a.users["worker"])
        r = client.post(f"/cases/{world.a.case.pk}/assessments/new/", post_data(based_on=1))
        assert r.status_code == 409 and Assessment.objects.count() == 2
        assert "sudah diubah orang lain" in r.content.decode()

    @pytest.mark.parametrize("missing", ["presenting_problem", "summary"])
    def test_the_problem_and_the_summary_are_required(self, client, world, missing):
        client.force_login(world.a.users["worker"])
        r = client.post(f"/cases/{world.a.case.pk}/assessments/new/", post_data(**{missing: ""}))
        assert r.status_code == 422 and missing in r.context["form"].errors
        assert not Assessment.objects.exists()

    def test_versions_are_never_changed(self, world):
        v1 = save(world, summary="Asli")
        v1.summary = "Diubah"
        with pytest.raises(HistoryError):
            v1.save()
        with pytest.raises(HistoryError):
            Assessment.objects.filter(pk=v1.pk).update(summary="Diubah")
        with pytest.raises(HistoryError):
            v1.delete()
        assert Assessment.objects.get().summary == "Asli"

    def test_the_database_refuses_changes_to_history(self, world):
        from pendamping.assessment import instruments

        save(world)
        services.instrument_administer(
            actor=world.a.users["worker"], case=world.a.case, instrument=instruments.get("phq9"),
            answers={f"q{n}": 0 for n in range(1, 10)},
        )  # fmt: skip
        for table in ("assessment_assessment", "assessment_instrumentadministration"):
            with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as c:
                c.execute(f"DELETE FROM {table}")
        with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as c:
            c.execute("UPDATE assessment_assessment SET summary = 'Diubah'")
        assert Assessment.objects.get().summary == "Ringkasan"

    def test_readers_read_and_only_writers_write(self, client, world):
        save(world)
        client.force_login(world.a.users["auditor"])
        assert client.get(f"/cases/{world.a.case.pk}/assessments/1/").status_code == 200
        assert (
            client.post(f"/cases/{world.a.case.pk}/assessments/new/", post_data()).status_code
            == 403
        )
        client.force_login(world.b.users["admin"])
        assert client.get(f"/cases/{world.a.case.pk}/assessments/1/").status_code == 404
        client.force_login(world.a.users["worker"])
        assert client.get(f"/cases/{world.a.case.pk}/assessments/9/").status_code == 404

    def test_a_closed_case_takes_no_new_version(self, client, world):
        f = world.a
        case_services.case_close(actor=f.users["worker"], case=f.case, reason="goals_met",
                                 expected_version=f.case.version)  # fmt: skip
        client.force_login(f.users["worker"])
        r = client.post(f"/cases/{f.case.pk}/assessments/new/", post_data())
        assert r.status_code == 422 and not Assessment.objects.exists()


class TestCompare:
    def test_it_shows_per_section_what_changed_escaped(self, client, world):
        save(world, history="Bekerja di pabrik <b>tekstil</b> sejak 2010", health="Sehat")
        save(world, history="Bekerja di pabrik <b>sepatu</b> sejak 2010", health="Sehat")
        client.force_login(world.a.users["worker"])
        r = client.get(f"/cases/{world.a.case.pk}/assessments/compare/?a=1&b=2")
        html = r.content.decode()
        assert r.context["changed_count"] == 1
        changes = {c.field: c for c in r.context["changes"]}
        assert changes["history"].changed and not changes["health"].changed
        assert "<del>&lt;b&gt;tekstil&lt;/b&gt;</del><ins>&lt;b&gt;sepatu&lt;/b&gt;</ins>" in html
        assert "<b>tekstil</b>" not in html
        assert "Bekerja di pabrik " in html

    def test_without_a_choice_it_compares_the_last_two(self, client, world):
        save(world, strengths="Rajin")
        save(world, strengths="Rajin dan tekun")
        save(world, strengths="Rajin, tekun dan jujur")
        client.force_login(world.a.users["worker"])
        r = client.get(f"/cases/{world.a.case.pk}/assessments/compare/")
        assert (r.context["older"].number, r.context["newer"].number) == (2, 3)
        r = client.get(f"/cases/{world.a.case.pk}/assessments/compare/?a=3&b=1")
        assert (r.context["older"].number, r.context["newer"].number) == (1, 3)
        assert "<ins>" in r.content.decode()

    def test_the_api_compares_too(self, api, world):
        save(world, summary="Lama")
        save(world, summary="Baru")
        api.as_user(world.a.users["supervisor"])
        body = api.get(f"/cases/{world.a.case.pk}/assessments/1/compare/2").json()
        summary = next(s for s in body["sections"] if s["field"] == "summary")
        assert summary == {"field": "summary", "changed": True, "before": "Lama", "after": "Baru"}
        assert sum(s["changed"] for s in body["sections"]) == 1


class TestIdentifiedNeeds:
    def test_needs_listed_in_the_assessment_become_case_needs(self, client, world):
        f = world.a
        client.force_login(f.users["worker"])
        needs = [{"term": "hidup_layak.pangan", "description": "Makan sekali sehari", "urgency": "high"},
                 {"term": "vokasional.pelatihan_kerja", "description": "Ingin belajar menjahit"}]  # fmt: skip
        r = client.post(f"/cases/{f.case.pk}/assessments/new/", post_data(needs))
        assert r.status_code == 302, r.context and r.context["formset"].errors
        v1 = Assessment.objects.get()
        created = Need.objects.filter(case=f.case).order_by("id")
        assert [(n.term.code, n.urgency, n.assessment_id) for n in created] == [
            ("hidup_layak.pangan", "high", v1.pk),
            ("vokasional.pelatihan_kerja", "medium", v1.pk),
        ]
        assert CaseEvent.objects.filter(kind=CaseEvent.Kind.NEED_ADDED).count() == 2
        # need_add ran the broker's logic: with no service in the directory, gaps open
        assert Gap.objects.filter(need__in=created, closed_at__isnull=True).count() == 2
        summary = CaseEvent.objects.get(kind="assessment_saved").details()
        assert summary == "Versi 1 · 2 kebutuhan baru"
        page = client.get(r["Location"]).content.decode()
        assert "Makan sekali sehari" in page and "Ingin belajar menjahit" in page

    @pytest.mark.parametrize(
        ("row", "field"),
        [({"term": "hidup_layak.pangan", "description": ""}, "description"),
         ({"description": "Tanpa jenis"}, "term")],
    )  # fmt: skip
    def test_an_incomplete_need_row_saves_nothing(self, client, world, row, field):
        client.force_login(world.a.users["worker"])
        r = client.post(f"/cases/{world.a.case.pk}/assessments/new/", post_data([row]))
        assert r.status_code == 422 and field in r.context["formset"].errors[0]
        assert not Assessment.objects.exists() and not Need.objects.exists()

    def test_the_api_saves_a_version_with_its_needs(self, api, world):
        f = world.a
        api.as_user(f.users["worker"])
        body = {"presenting_problem": "Terlilit utang", "summary": "Perlu bantuan hukum",
                "spiritual": "Aktif di pengajian", "based_on": 0,
                "needs": [{"term_code": "aksesibilitas.bantuan_hukum", "description": "Utang pinjol",
                           "urgency": "urgent"}]}  # fmt: skip
        r = api.post(f"/cases/{f.case.pk}/assessments", body)
        assert r.status_code == 201, r.content
        created = r.json()
        assert created["number"] == 1 and created["spiritual"] == "Aktif di pengajian"
        need = Need.objects.get(pk=created["need_ids"][0])
        assert need.assessment_id == created["id"] and need.urgency == "urgent"
        assert api.get(f"/cases/{f.case.pk}/assessments/1").json()["need_ids"] == [need.pk]
        listed = api.get(f"/cases/{f.case.pk}/assessments").json()
        assert listed["count"] == 1 and listed["items"][0]["need_count"] == 1
        assert api.post(f"/cases/{f.case.pk}/assessments", body).status_code == 409  # stale
        bad = body | {"based_on": 1, "needs": [{"term_code": "no.such", "description": "x"}]}
        r = api.post(f"/cases/{f.case.pk}/assessments", bad)
        assert r.status_code == 422 and "needs" in r.json()["errors"]
        assert Assessment.objects.count() == 1
        api.as_user(f.users["auditor"])
        assert (
            api.post(f"/cases/{f.case.pk}/assessments", body | {"based_on": 1}).status_code == 403
        )


class TestQueryCounts:
    def test_the_version_list_and_case_page_do_not_grow_with_versions(self, client, world):
        f = world.a
        client.force_login(f.users["worker"])
        urls = [f"/cases/{f.case.pk}/assessments/", f"/cases/{f.case.pk}/"]
        save(world)
        before = query_counts(client, urls)
        for n in range(5):
            services.assessment_save(
                actor=f.users["worker"], case=f.case,
                data={"presenting_problem": "P", "summary": f"S{n}"},
                needs=[{"term": term("hidup_layak.pangan"), "description": "Makan", "urgency": "low"}],
            )  # fmt: skip
        after = query_counts(client, urls)
        assert after[0] == before[0]
        # the case page also lists the case's needs; the assessment card adds nothing per row
        assert after[1] == before[1]
