import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from pendamping.cases.models import CaseEvent
from pendamping.facilitator import selectors, services
from pendamping.facilitator.models import Enrolment

from .conftest import another_case, held, mark, programme


def _compliance(user, prog, enrolment):
    row = selectors.with_compliance(Enrolment.objects.filter(pk=enrolment.pk)).get()
    return selectors.compliance(row, prog)


class TestProgrammeSave:
    def test_it_creates_the_programme_with_its_curriculum_in_order(self, world):
        prog = programme(world.a)
        assert prog.agency == world.a.agency
        assert [m.title for m in prog.modules.alive()] == ["Doa", "Sabar", "Syukur"]
        assert str(prog.compliant_share) == "0.80"

    def test_it_refuses_an_end_before_the_start_in_indonesian(self, world):
        today = timezone.localdate()
        with pytest.raises(ValidationError) as e:
            services.programme_save(
                actor=world.a.users["worker"],
                data={"title": "X", "kind": "other", "starts_on": today,
                      "ends_on": today.replace(year=today.year - 1)},
            )  # fmt: skip
        assert "Tanggal selesai" in str(e.value)

    def test_it_refuses_a_partial_share_above_the_compliant_share(self, world):
        with pytest.raises(ValidationError):
            programme(world.a, compliant="0.50", partial="0.60")

    def test_it_refuses_the_auditor(self, world):
        with pytest.raises(PermissionDenied):
            services.programme_save(actor=world.a.users["auditor"], data={})

    def test_it_refuses_a_facilitator_of_another_agency(self, world):
        prog = programme(world.a)
        with pytest.raises(ValidationError):
            services.programme_save(
                actor=world.a.users["worker"], programme=prog,
                data={"facilitators": [world.b.users["worker"]]},
            )  # fmt: skip


class TestEnrol:
    def test_it_enrols_and_appends_a_case_event_of_codes(self, world):
        f = world.a
        prog = programme(f)
        e = services.enrol(actor=f.users["worker"], programme=prog, case=f.case)
        assert e.status == "enrolled"
        event = CaseEvent.objects.filter(case=f.case, kind="programme_enrolled").get()
        assert event.data == {"programme": prog.pk, "enrolment": e.pk, "status": "enrolled"}

    def test_it_puts_the_client_on_the_waiting_list_when_full(self, world):
        f = world.a
        prog = programme(f, capacity=1)
        services.enrol(actor=f.users["worker"], programme=prog, case=f.case)
        second = services.enrol(actor=f.users["worker"], programme=prog, case=another_case(f))
        assert second.status == "waitlisted"

    def test_it_moves_the_first_waiting_up_when_someone_leaves(self, world):
        f = world.a
        prog = programme(f, capacity=1)
        first = services.enrol(actor=f.users["worker"], programme=prog, case=f.case)
        second = services.enrol(actor=f.users["worker"], programme=prog, case=another_case(f))
        services.enrolment_leave(actor=f.users["worker"], enrolment=first, reason="Pindah")
        first.refresh_from_db()
        second.refresh_from_db()
        assert (first.status, first.reason, second.status) == ("left", "Pindah", "enrolled")
        assert CaseEvent.objects.filter(kind="programme_enrolment_changed").count() == 2

    def test_it_needs_a_reason_to_leave(self, world):
        f = world.a
        e = services.enrol(actor=f.users["worker"], programme=programme(f), case=f.case)
        with pytest.raises(ValidationError):
            services.enrolment_leave(actor=f.users["worker"], enrolment=e, reason="  ")

    def test_it_refuses_twice_and_across_agencies(self, world):
        f = world.a
        prog = programme(f)
        services.enrol(actor=f.users["worker"], programme=prog, case=f.case)
        with pytest.raises(ValidationError):
            services.enrol(actor=f.users["worker"], programme=prog, case=f.case)
        with pytest.raises(ValidationError):
            services.enrol(actor=world.b.users["worker"], programme=prog, case=world.b.case)


class TestSessionStatus:
    def test_it_needs_a_reason_to_cancel(self, world):
        f = world.a
        s = services.session_schedule(
            actor=f.users["worker"], programme=programme(f), starts_at=timezone.now()
        )
        with pytest.raises(ValidationError):
            services.session_set_status(actor=f.users["worker"], session=s, status="cancelled")
        services.session_set_status(
            actor=f.users["worker"], session=s, status="cancelled", reason="Banjir"
        )
        with pytest.raises(ValidationError):  # a cancelled session stays cancelled
            services.session_set_status(actor=f.users["worker"], session=s, status="completed")


class TestAttendanceAndCompliance:
    def _start(self, world, sessions=5, **kw):
        f = world.a
        self.f = f
        self.prog = programme(f, **kw)
        self.e = services.enrol(actor=f.users["worker"], programme=self.prog, case=f.case)
        self.sessions = held(f, self.prog, sessions)

    def test_it_records_a_whole_session_and_rewrites_it(self, world):
        self._start(world)
        s = self.sessions[0]
        assert mark(self.f, s, {self.e.pk: "absent"}) == 1
        mark(self.f, s, {self.e.pk: {"status": "excused", "reason": "Sakit"}})
        row = s.attendance.get()
        assert (row.status, row.reason) == ("excused", "Sakit")

    def test_it_refuses_an_unknown_participant_or_status(self, world):
        self._start(world)
        with pytest.raises(ValidationError):
            mark(self.f, self.sessions[0], {99999: "present"})
        with pytest.raises(ValidationError):
            mark(self.f, self.sessions[0], {self.e.pk: "asleep"})

    def test_it_is_compliant_at_exactly_the_share(self, world):
        self._start(world)  # 4 of 5 = 0.80
        for s, status in zip(
            self.sessions, ["present", "late", "present", "present", "absent"], strict=True
        ):
            mark(self.f, s, {self.e.pk: status})
        c = _compliance(self.f.users["worker"], self.prog, self.e)
        assert (c.held, c.attended, c.share, c.band) == (5, 4, 0.8, "compliant")

    def test_it_is_partial_from_half_and_not_compliant_below(self, world):
        self._start(world, sessions=4)
        for s, status in zip(
            self.sessions, ["present", "present", "absent", "absent"], strict=True
        ):
            mark(self.f, s, {self.e.pk: status})
        assert _compliance(None, self.prog, self.e).band == "partial"  # 2 of 4
        mark(self.f, self.sessions[1], {self.e.pk: "not_taking_part"})
        assert _compliance(None, self.prog, self.e).band == "non_compliant"  # 1 of 4

    def test_it_counts_an_excused_absence_made_up_in_a_makeup_session(self, world):
        self._start(world, sessions=2)
        first, second = self.sessions
        mark(self.f, first, {self.e.pk: "present"})
        mark(self.f, second, {self.e.pk: {"status": "excused", "reason": "Sakit"}})
        assert _compliance(None, self.prog, self.e).share == 0.5
        makeup = held(self.f, self.prog, 1, makeup_for=second)[0]
        mark(self.f, makeup, {self.e.pk: "present"})
        c = _compliance(None, self.prog, self.e)
        assert (c.held, c.attended, c.made_up, c.band) == (2, 1, 1, "compliant")

    def test_it_does_not_count_a_makeup_for_an_unexcused_absence(self, world):
        self._start(world, sessions=1)
        mark(self.f, self.sessions[0], {self.e.pk: "absent"})
        makeup = held(self.f, self.prog, 1, makeup_for=self.sessions[0])[0]
        mark(self.f, makeup, {self.e.pk: "present"})
        c = _compliance(None, self.prog, self.e)
        assert (c.held, c.attended, c.made_up, c.share) == (1, 0, 0, 0.0)

    def test_it_has_no_band_before_a_session_is_held(self, world):
        f = world.a
        prog = programme(f)
        e = services.enrol(actor=f.users["worker"], programme=prog, case=f.case)
        assert _compliance(None, prog, e).band is None
