"""The printable case summary (page and PDF): identity with the NIK masked, the
stages with dates, needs, referrals, the latest assessment, goals with the T-score,
recent notes except restricted ones, signature lines; role sections through
``plugins.summary_section``."""

import io
import os
from datetime import date

import pypdf
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from pendamping import plugins
from pendamping.accounts.tests.test_permission_matrix import broker
from pendamping.assessment.tests.matrix import flagged
from pendamping.cases import services


def _goal(f):
    from pendamping.motivator import services as motivator

    return motivator.goal_add(
        actor=f.users["worker"], case=f.case,
        data={"statement": "Mendapat pekerjaan tetap", "level_minus_2": "a", "level_minus_1": "b",
              "level_0": "c", "level_plus_1": "d", "level_plus_2": "e", "weight": 1,
              "baseline_level": -1, "target_date": date(2027, 3, 1)},
    )  # fmt: skip


def _world(f):
    broker(f)
    flagged(f)
    f.case.refresh_from_db()
    services.case_move_stage(actor=f.users["worker"], case=f.case, to_stage="asesmen",
                             expected_version=f.case.version)  # fmt: skip
    f.case.refresh_from_db()
    _goal(f)


def test_the_sections_are_registered():
    keys = [s.key for s in plugins.registry.summary_sections()]
    assert keys == ["assessment", "referrals", "goals"]


def test_the_page_holds_what_a_summary_needs_and_nothing_restricted(client, world):
    f = world.a
    _world(f)
    client.force_login(f.users["supervisor"])
    page = client.get(reverse("case_summary", kwargs={"pk": f.case.pk})).text
    assert f.client.full_name in page and f.client.masked_nik in page and f.client.nik not in page
    assert "Asesmen" in page and "Pendekatan awal" not in page.split("Tahap")[0]
    assert f.referral.number in page and "Poli Umum" in page  # the broker's section
    assert "PHQ-9" in page  # the assessment's section (latest scores)
    assert "Mendapat pekerjaan tetap" in page and "Skor T (GAS)" in page  # the motivator's
    assert "Catatan biasa a" in page and "Rahasia a" not in page  # restricted notes never
    assert "<form" not in page and page.count('class="signature"') == 2
    assert "Lembaga A" in page


def test_the_pdf_has_the_text(client, world):
    f = world.a
    _world(f)
    client.force_login(f.users["worker"])
    r = client.get(reverse("case_summary_pdf", kwargs={"pk": f.case.pk}))
    assert r.status_code == 200 and r["Content-Type"] == "application/pdf"
    if os.environ.get("SHOTS_DIR"):
        with open(os.path.join(os.environ["SHOTS_DIR"], "case-summary.pdf"), "wb") as out:
            out.write(r.content)
    text = "\n".join(p.extract_text() for p in pypdf.PdfReader(io.BytesIO(r.content)).pages)
    for expected in (f.case.number, f.client.masked_nik, f.referral.number, "Catatan biasa a"):
        assert expected in text, expected
    assert "Rahasia a" not in text and f.client.nik not in text


def test_english_and_other_agencies(client, world):
    f = world.a
    client.force_login(world.b.users["admin"])
    assert client.get(reverse("case_summary", kwargs={"pk": f.case.pk})).status_code == 404
    client.force_login(f.users["worker"])
    client.cookies["django_language"] = "en"
    page = client.get(reverse("case_summary", kwargs={"pk": f.case.pk})).text
    assert "Case summary" in page and "Restricted notes are not printed." in page


def test_queries_do_not_grow_with_the_record(client, world):
    f = world.a
    client.force_login(f.users["worker"])
    url = reverse("case_summary", kwargs={"pk": f.case.pk})
    _world(f)
    client.get(url)
    with CaptureQueriesContext(connection) as few:
        client.get(url)
    for i in range(4):
        services.note_add(
            actor=f.users["worker"], case=f.case, data={"kind": "phone", "body": f"N{i}"}
        )
    with CaptureQueriesContext(connection) as many:
        client.get(url)
    assert len(many) == len(few) <= 30
