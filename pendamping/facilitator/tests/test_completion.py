"""Completion at the programme's end: the facilitator closes the programme (page and
API), each enrolled participant's completion follows the attendance rule with
hand-counted boundaries (make-up sessions count), is kept append-only, goes on the
case's timeline as codes, shows on the programme page, and is final."""

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from pendamping.cases.models import CaseEvent
from pendamping.facilitator import completion, services
from pendamping.facilitator.models import Completion
from pendamping.history import AppendOnlyError

from .conftest import another_case, held, mark, programme


def _world(world):
    """Five sessions held; A 4 of 5 (0.80: completed, the boundary), B 2 + 1 excused and
    made up (0.60: partially), C 2 (0.40: not), D moved up from the waiting list when E
    left and attended none (not completed), F still waiting (untouched)."""
    f = world.a
    w = f.users["worker"]
    f.prog = programme(f, capacity=4)
    cases = [f.case] + [another_case(f, f"Peserta {n}", n) for n in "BCDEF"]
    e = {}
    for name, case in zip("ABCEDF", [cases[0], cases[1], cases[2], cases[4], cases[3], cases[5]],
                          strict=True):  # fmt: skip
        e[name] = services.enrol(actor=w, programme=f.prog, case=case)
    assert e["D"].status == "waitlisted" and e["F"].status == "waitlisted"
    services.enrolment_leave(actor=w, enrolment=e["E"], reason="Pindah kota")
    for k in e:
        e[k].refresh_from_db()
    assert e["D"].status == "enrolled" and e["F"].status == "waitlisted"
    sessions = held(f, f.prog, 5)
    plan = {"A": "PPPPA", "B": "PPEAA", "C": "PPAAA", "D": "AAAAA"}
    codes = {"P": "present", "A": "absent", "E": "excused"}
    for i, s in enumerate(sessions):
        mark(f, s, {e[k].pk: codes[plan[k][i]] for k in plan})
    makeup = services.session_schedule(actor=w, programme=f.prog, makeup_for=sessions[2],
                                       starts_at=timezone.now() - timedelta(hours=1))  # fmt: skip
    services.session_set_status(actor=w, session=makeup, status="completed")
    mark(f, makeup, {e["B"].pk: "present"})
    f.e = e
    return f


def test_the_facilitator_closes_it_on_the_page(client, world):
    f = _world(world)
    client.force_login(f.users["worker"])
    page = reverse("programme_detail", args=[f.prog.pk])
    assert "Tutup program" in client.get(page).content.decode()
    f.prog.refresh_from_db()
    r = client.post(reverse("programme_close", args=[f.prog.pk]),
                    {"version": f.prog.version, "confirm": "on"})  # fmt: skip
    assert r.status_code == 302
    got = {k: e.status for k, e in f.e.items() for e in [type(e).objects.get(pk=e.pk)]}
    assert got == {"A": "completed", "B": "partially_completed", "C": "not_completed",
                   "D": "not_completed", "E": "left", "F": "waitlisted"}  # fmt: skip
    rows = {c.enrolment_id: c for c in Completion.objects.all()}
    assert len(rows) == 4
    b = rows[f.e["B"].pk]
    assert (b.held, b.attended, b.made_up, b.share) == (5, 2, 1, pytest.approx(0.6))
    assert str(b.compliant_share) == "0.80" and b.recorded_by == f.users["worker"]
    html = client.get(page).content.decode()
    assert "Program ditutup pada" in html and "Selesai sebagian" in html
    assert "Tutup program" not in html
    client.cookies["django_language"] = "en"
    assert "Partially completed" in client.get(page).content.decode()


def test_the_timeline_holds_codes_and_numbers_only(client, world):
    f = _world(world)
    completion.programme_close(actor=f.users["worker"], programme=f.prog)
    event = CaseEvent.objects.get(case=f.e["B"].case, kind="programme_completion")
    assert event.data == {"programme": f.prog.pk, "enrolment": f.e["B"].pk,
                          "status": "partially_completed", "held": 5, "attended": 2,
                          "made_up": 1}  # fmt: skip
    client.force_login(f.users["worker"])
    html = client.get(reverse("case_detail", args=[f.e["B"].case_id])).content.decode()
    assert "Selesai sebagian · hadir 2 + ganti 1 dari 5 sesi" in html
    client.cookies["django_language"] = "en"
    html = client.get(reverse("case_detail", args=[f.e["B"].case_id])).content.decode()
    assert "Partially completed · attended 2 + made up 1 of 5 sessions" in html


def test_it_is_final_and_append_only(client, world):
    f = _world(world)
    w = f.users["worker"]
    completion.programme_close(actor=w, programme=f.prog)
    f.prog.refresh_from_db()
    with pytest.raises(ValidationError):
        completion.programme_close(actor=w, programme=f.prog)
    with pytest.raises(ValidationError):
        services.enrol(actor=w, programme=f.prog, case=another_case(f, "Terlambat Daftar", "T"))
    session = f.prog.sessions.first()
    with pytest.raises(ValidationError):
        mark(f, session, {f.e["C"].pk: "present"})
    with pytest.raises(AppendOnlyError):
        Completion.objects.filter(enrolment=f.e["C"]).update(status="completed")
    assert Completion.objects.get(enrolment=f.e["C"]).status == "not_completed"
    client.force_login(w)
    r = client.post(reverse("programme_close", args=[f.prog.pk]),
                    {"version": f.prog.version, "confirm": "on"}, follow=True)  # fmt: skip
    assert "Program ini sudah ditutup." in r.content.decode()
    assert Completion.objects.count() == 4


def test_without_the_confirmation_nothing_is_closed(client, world):
    f = _world(world)
    client.force_login(f.users["worker"])
    r = client.post(reverse("programme_close", args=[f.prog.pk]), {"version": f.prog.version},
                    follow=True)  # fmt: skip
    f.prog.refresh_from_db()
    assert f.prog.closed_at is None and not Completion.objects.exists()
    assert r.status_code == 200


def test_over_the_api_with_a_stale_version_refused(world, api):
    f = _world(world)
    api.as_user(f.users["worker"])
    f.prog.refresh_from_db()
    assert api.post(f"/programmes/{f.prog.pk}/close", {"version": f.prog.version - 1}
                    ).status_code == 409  # fmt: skip
    r = api.post(f"/programmes/{f.prog.pk}/close", {"version": f.prog.version})
    assert r.status_code == 201
    by_id = {row["enrolment_id"]: row for row in r.json()}
    assert by_id[f.e["A"].pk]["status"] == "completed" and by_id[f.e["A"].pk]["share"] == 0.8
    listed = api.get(f"/programmes/{f.prog.pk}/completions").json()
    assert {row["status"] for row in listed["items"]} == {
        "completed", "partially_completed", "not_completed"}  # fmt: skip
    assert api.get(f"/programmes/{f.prog.pk}").json()["closed_at"] is not None
    assert api.post(f"/programmes/{f.prog.pk}/close", {"version": f.prog.version + 1}
                    ).status_code == 422  # fmt: skip


def test_the_instructor_and_the_auditor_cannot_close_it(world, api):
    f = _world(world)
    f.prog.refresh_from_db()
    api.as_user(f.users["auditor"])
    assert api.post(f"/programmes/{f.prog.pk}/close", {"version": f.prog.version}
                    ).status_code == 403  # fmt: skip
    f.prog.refresh_from_db()
    assert f.prog.closed_at is None


def test_the_home_page_lists_those_below_the_rule_until_the_programme_closes(client, world):
    f = _world(world)
    client.force_login(f.users["worker"])
    html = client.get(reverse("home")).content.decode()
    card = html.split('id="below-attendance-rule"')[1].split("</section>")[0]
    assert "Peserta di bawah aturan kehadiran" in card
    # B 0.60, C 0.40 and D 0 are below 0.80; A, at exactly 0.80, is not
    for name in ("Peserta B", "Peserta C", "Peserta D"):
        assert name in card
    assert f.case.client.full_name not in card
    client.force_login(f.users["instructor"])
    assert "below-attendance-rule" not in client.get(reverse("home")).content.decode()
    completion.programme_close(actor=f.users["worker"], programme=f.prog)
    client.force_login(f.users["worker"])
    assert "below-attendance-rule" not in client.get(reverse("home")).content.decode()
