"""A group client's case enrols each of its active members: one enrolment per member,
each taking a place (or waiting), each an event on the group's case naming the
member; the briefing names the member and follows the member's own consent."""

import pytest
from django.urls import reverse
from django.utils import timezone

from pendamping.cases import services as case_services
from pendamping.cases.models import CaseEvent
from pendamping.clients import services as client_services
from pendamping.facilitator import events, services, steps
from pendamping.facilitator.models import Enrolment, Instructor

from .conftest import programme


def _person(f, name, nickname=""):
    return client_services.client_register(
        actor=f.users["worker"],
        data={"kind": "individual", "full_name": name, "nickname": nickname, "sex": "F",
              "estimated_age": 30},
    )  # fmt: skip


@pytest.fixture
def group(world):
    """Agency A's group client with an open case and three members, one of whom left."""
    f = world.a
    worker = f.users["worker"]
    f.group = client_services.client_register(
        actor=worker, data={"kind": "group", "full_name": "KUBE Melati"}
    )
    f.group_case = case_services.case_open(
        actor=worker, client=f.group, presenting_problem="Usaha bersama"
    )
    f.ani, f.wati, f.gone = (
        _person(f, "Ani Lestari", "Ani"),
        _person(f, "Wati Sari"),
        _person(f, "Lina"),
    )
    for person in (f.ani, f.wati, f.gone):
        m = client_services.group_member_add(actor=worker, group=f.group, member=person)
    client_services.group_member_leave(actor=worker, membership=m)
    return f


def test_the_page_enrols_each_active_member_and_the_waiting_list_counts_members(client, group):
    f = group
    prog = programme(f, capacity=2)
    services.enrol(actor=f.users["worker"], programme=prog, case=f.case)  # one place taken
    client.force_login(f.users["worker"])
    r = client.post(reverse("case_enrol", args=[f.group_case.pk]), {"programme": prog.pk})
    assert r.status_code == 302
    made = Enrolment.objects.filter(case=f.group_case).order_by("id")
    assert [(e.member, e.status) for e in made] == [(f.ani, "enrolled"), (f.wati, "waitlisted")]
    data = [
        e.data
        for e in CaseEvent.objects.filter(case=f.group_case, kind="programme_enrolled").order_by(
            "id"
        )
    ]
    assert [d["member_name"] for d in data] == ["Ani Lestari", "Wati Sari"]
    assert "anggota: Ani Lestari" in events._enrolment(data[0])
    # the member who leaves frees the place for the member waiting
    services.enrolment_leave(actor=f.users["worker"], enrolment=made[0], reason="Pindah kota")
    assert Enrolment.objects.get(pk=made[1].pk).status == "enrolled"
    changed = CaseEvent.objects.filter(
        case=f.group_case, kind="programme_enrolment_changed"
    ).order_by("id")
    assert [e.data["member_name"] for e in changed] == ["Ani Lestari", "Wati Sari"]
    # the programme page names the members
    html = client.get(reverse("programme_detail", args=[prog.pk])).content.decode()
    assert "Wati Sari" in html and "Ani Lestari" in html
    # so does the group case's panel, one line per member
    panel = client.get(reverse("case_panel", kwargs={"pk": f.group_case.pk, "key": "programmes"}))
    assert "Ani Lestari" in panel.content.decode() and "Wati Sari" in panel.content.decode()


def test_a_group_without_active_members_is_refused(client, api, world):
    f = world.a
    worker = f.users["worker"]
    empty = client_services.client_register(
        actor=worker, data={"kind": "group", "full_name": "Kelompok Kosong"}
    )
    case = case_services.case_open(actor=worker, client=empty, presenting_problem="Baru")
    prog = programme(f)
    client.force_login(worker)
    r = client.post(reverse("case_enrol", args=[case.pk]), {"programme": prog.pk})
    assert r.status_code == 422
    assert "belum mempunyai anggota aktif" in r.content.decode()
    r = api.as_user(worker).post(f"/cases/{case.pk}/enrolments", {"programme_id": prog.pk})
    assert r.status_code == 422
    assert not Enrolment.objects.exists()


def test_the_api_answers_the_members_enrolments_then_only_new_members(api, group):
    f = group
    prog = programme(f)
    api.as_user(f.users["worker"])
    r = api.post(f"/cases/{f.group_case.pk}/enrolments", {"programme_id": prog.pk})
    assert r.status_code == 201, r.content
    assert [e["member_id"] for e in r.json()] == [f.ani.pk, f.wati.pk]
    again = api.post(f"/cases/{f.group_case.pk}/enrolments", {"programme_id": prog.pk})
    assert again.status_code == 422
    assert "sudah terdaftar" in str(again.json())
    newcomer = _person(f, "Dewi Putri")
    client_services.group_member_add(actor=f.users["worker"], group=f.group, member=newcomer)
    r = api.post(f"/cases/{f.group_case.pk}/enrolments", {"programme_id": prog.pk})
    assert [e["member_id"] for e in r.json()] == [newcomer.pk]
    # an individual's case still answers one enrolment
    one = api.post(f"/cases/{f.case.pk}/enrolments", {"programme_id": prog.pk}).json()
    assert one["member_id"] is None and one["case_id"] == f.case.pk


def test_the_briefing_names_the_member_and_follows_the_members_own_consent(client, group):
    f = group
    worker = f.users["worker"]
    prog = programme(f)
    outside = Instructor.objects.create(agency=f.agency, name="Ibu Nyai", organisation="Pesantren")
    session = services.session_schedule(
        actor=worker, programme=prog, starts_at=timezone.now(), instructors=[outside]
    )
    ani, wati = services.enrol(actor=worker, programme=prog, case=f.group_case)
    steps.briefing_save(
        actor=worker, session=session, fields=["preferred_name", "literacy", "barthel"],
        entries={ani.pk: {"literacy": "Belum lancar membaca"}, wati.pk: {"literacy": "Lancar"}},
    )  # fmt: skip
    consent = {"purpose": "instructors", "lawful_basis": "consent", "given_by": "client",
               "method": "verbal", "witness_name": "Bu Saksi", "given_on": timezone.localdate(),
               "data_categories": ["identity", "education", "health"]}  # fmt: skip
    # the group's consent does not cover its members' data
    client_services.consent_record(actor=worker, client=f.group, data=consent)
    client.force_login(worker)
    url = reverse("briefing_page", args=[session.pk])
    html = client.get(url).content.decode()
    assert "Belum lancar membaca" not in html and "Ani" not in html
    client_services.consent_record(actor=worker, client=f.ani, data=consent)
    html = client.get(url).content.decode()
    assert "Belum lancar membaca" in html and "Ani" in html and "Ani Lestari" not in html
    assert "Wati" not in html and "Lancar<" not in html
    # the group case's Barthel band is not the member's
    assert "belum diukur" in html
    assert "KUBE Melati" not in html and f.group_case.number not in html
