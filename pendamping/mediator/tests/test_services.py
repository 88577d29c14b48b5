"""The gate, the services and the scopes of the mediator."""

from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from pendamping.cases.models import CaseEvent
from pendamping.history import AppendOnlyError
from pendamping.mediator import access, gate, selectors, services
from pendamping.mediator.models import ComplianceCheck, Mediation

from .conftest import open_mediation, with_caucus, with_parties


class TestGate:
    def test_it_bars_sexual_violence_by_an_adult_naming_the_law(self):
        d = gate.decide(gate.Screening(sexual_violence=True))
        assert d.barred and "UU 12/2022" in d.message and "TPKS" in d.message
        assert d.alternatives and "UPTD PPA" in str(d.alternatives[0])

    def test_it_lets_a_child_perpetrator_through(self):
        assert not gate.decide(
            gate.Screening(sexual_violence=True, perpetrator_is_child=True)
        ).barred

    @pytest.mark.parametrize("flag", ["violence_or_coercion", "power_imbalance"])
    def test_it_forces_shuttle_mode_and_review(self, flag):
        d = gate.decide(gate.Screening(**{flag: True}))
        assert not d.barred and d.shuttle_only and d.supervisor_review

    def test_a_child_party_alone_changes_nothing(self):
        d = gate.decide(gate.Screening(child_party=True))
        assert not d.barred and not d.shuttle_only

    @pytest.mark.parametrize(
        ("months", "repeat", "ok"), [(83, False, True), (84, False, False), (12, True, False)]
    )
    def test_diversion_is_for_under_seven_years_and_not_a_repeat(self, months, repeat, ok):
        d = gate.decide(gate.Screening(diversion=True, max_sentence_months=months,
                                       repeat_offence=repeat))  # fmt: skip
        assert d.barred is not ok
        if not ok:
            assert "UU 11/2012" in d.message

    def test_a_diversion_needs_the_sentence(self):
        assert gate.decide(gate.Screening(diversion=True)).barred


class TestOpen:
    def test_a_barred_mediation_saves_nothing(self, world):
        before = CaseEvent.objects.count()
        with pytest.raises(services.GateRefused) as e:
            open_mediation(world.a, sexual_violence=True)
        assert "UU 12/2022" in " ".join(e.value.messages)
        assert e.value.decision.alternatives
        assert Mediation.objects.count() == 0 and CaseEvent.objects.count() == before

    def test_it_opens_with_a_neutral_event_on_the_linked_case(self, world):
        m = open_mediation(world.a, child_party=True)
        assert m.stage == "preparation" and not m.shuttle_only
        event = CaseEvent.objects.get(case=world.a.case, kind="mediation_opened")
        assert event.data == {"mediation": m.pk, "mediation_kind": "neighbours"}

    def test_the_database_refuses_an_adult_sexual_violence_row(self, world):
        from django.db import IntegrityError, transaction

        m = open_mediation(world.a)
        with pytest.raises(IntegrityError), transaction.atomic():
            Mediation.objects.filter(pk=m.pk).update(sexual_violence=True)

    def test_a_case_of_another_agency_cannot_be_linked(self, world):
        with pytest.raises(ValidationError):
            services.mediation_open(actor=world.a.users["worker"],
                                    data={"kind": "family", "issue": "Hak asuh"},
                                    cases=[world.b.case])  # fmt: skip


class TestShuttle:
    def test_no_joint_session_and_review_before_signing(self, world):
        f = world.a
        m = open_mediation(f, violence_or_coercion=True)
        assert m.shuttle_only
        _one, two = with_parties(f, m)
        worker, today = f.users["worker"], timezone.localdate()
        with pytest.raises(ValidationError, match="ulang-alik"):
            services.session_record(actor=worker, mediation=m, kind="joint", held_on=today)
        services.session_record(actor=worker, mediation=m, kind="shuttle", held_on=today)
        services.term_add(actor=worker, mediation=m, text="Tidak saling mendatangi",
                          responsible=two, due_on=today + timedelta(days=14))  # fmt: skip
        with pytest.raises(ValidationError, match="ditinjau supervisor"):
            services.agreement_sign(actor=worker, mediation=m, signed_on=today)
        with pytest.raises(PermissionDenied):
            services.agreement_review(actor=worker, mediation=m)
        services.agreement_review(actor=f.users["supervisor"], mediation=m)
        services.agreement_sign(actor=worker, mediation=m, signed_on=today)
        assert m.stage == "follow_up"


class TestFlow:
    def test_stages_wait_for_parties_consent_and_neutrality(self, world):
        f = world.a
        worker = f.users["worker"]
        m = open_mediation(f)
        with pytest.raises(ValidationError, match="dua pihak"):
            services.stage_set(actor=worker, mediation=m, stage="opening")
        one, two = with_parties(f, m, consent=False)
        with pytest.raises(ValidationError, match="menyetujui"):
            services.stage_set(actor=worker, mediation=m, stage="opening")
        for p in (one, two):
            services.party_consent(
                actor=worker,
                party=p,
                method="recorded",
                recording_reference="Rekaman ponsel, folder Mediasi/12",
            )
        services.stage_set(actor=worker, mediation=m, stage="opening")
        with pytest.raises(ValidationError, match="kenetralan"):
            services.stage_set(actor=worker, mediation=m, stage="exploring")
        services.neutrality_declare(actor=worker, mediation=m, conflict=False)
        services.stage_set(actor=worker, mediation=m, stage="exploring")

    def test_a_declared_conflict_stops_until_reassigned(self, world):
        f = world.a
        m = open_mediation(f)
        with_parties(f, m)
        services.neutrality_declare(actor=f.users["worker"], mediation=m, conflict=True,
                                    note="Kerabat salah satu pihak")  # fmt: skip
        with pytest.raises(ValidationError, match="konflik kepentingan"):
            services.stage_set(actor=f.users["worker"], mediation=m, stage="opening")
        with pytest.raises(PermissionDenied):
            services.mediation_reassign(actor=f.users["worker"], mediation=m,
                                        mediator=f.users["other_worker"])  # fmt: skip
        services.mediation_reassign(actor=f.users["supervisor"], mediation=m,
                                    mediator=f.users["other_worker"])  # fmt: skip
        assert not m.conflict_of_interest and m.neutrality_declared_at is None
        services.stage_set(actor=f.users["other_worker"], mediation=m, stage="opening")

    def test_an_admin_cannot_reassign_a_mediation_into_their_own_hands(self, world):
        """Security review H2: reassigning to oneself would open the caucus notes."""
        f = world.a
        m = open_mediation(f)
        for actor, target in [(f.users["admin"], f.users["admin"]),
                              (f.users["supervisor"], f.users["admin"]),
                              (f.users["supervisor"], f.users["supervisor"])]:  # fmt: skip
            with pytest.raises(ValidationError, match="bukan kepada diri sendiri atau admin"):
                services.mediation_reassign(actor=actor, mediation=m, mediator=target)
        m.refresh_from_db()
        assert m.mediator == f.users["worker"]

    def test_two_absences_without_reason_flag_bad_faith(self, world):
        f = world.a
        m = open_mediation(f)
        one, two = with_parties(f, m)
        worker, today = f.users["worker"], timezone.localdate()
        for presence in ("absent_without_reason", "absent_with_reason", "absent_without_reason"):
            services.session_record(actor=worker, mediation=m, kind="joint", held_on=today,
                                    attendance={one.pk: ("present", ""),
                                                two.pk: (presence, "Sakit")})  # fmt: skip
        assert selectors.bad_faith(m) == {two.pk: 2}

    def test_terms_are_checked_and_complied_terms_reach_the_timeline(self, world):
        f = world.a
        m = open_mediation(f)
        _one, two = with_parties(f, m)
        worker, today = f.users["worker"], timezone.localdate()
        term = services.term_add(actor=worker, mediation=m, text="Pagar dipindah 50 cm",
                                 responsible=two, due_on=today, how_checked="Kunjungan")  # fmt: skip
        with pytest.raises(ValidationError):
            services.term_check(actor=worker, term=term, compliance="complied")
        services.agreement_sign(actor=worker, mediation=m, signed_on=today)
        services.term_check(actor=worker, term=term, compliance="partly")
        services.term_check(actor=worker, term=term, compliance="complied")
        assert list(term.checks.values_list("compliance", flat=True)) == ["partly", "complied"]
        kinds = list(CaseEvent.objects.filter(case=f.case).values_list("kind", flat=True))
        assert "mediation_agreement_reached" in kinds and "mediation_term_complied" in kinds
        with pytest.raises(AppendOnlyError):
            ComplianceCheck.objects.filter(term=term).delete()

    def test_no_event_carries_what_was_said(self, world):
        f = world.a
        with_caucus(f, "RAHASIA KAUKUS")
        for event in CaseEvent.objects.filter(case=f.case, kind__startswith="mediation"):
            assert "RAHASIA" not in str(event.data) and set(event.data) <= {
                "mediation",
                "mediation_kind",
                "session",
                "outcome",
                "terms",
                "term",
            }


class TestScopes:
    def test_who_sees_what(self, world):
        f = world.a
        m = open_mediation(f)
        with_parties(f, m)
        inside = {
            k for k, u in f.users.items() if access.mediations_for(u, full=True).filter(pk=m.pk)
        }
        known = {k for k, u in f.users.items() if access.mediations_for(u).filter(pk=m.pk)}
        assert inside == {"worker", "supervisor"}
        assert known == {"worker", "supervisor", "admin", "auditor"}
        for u in world.b.users.values():
            assert not access.mediations_for(u).exists()
        assert not access.mediation_parties_for(f.users["admin"]).exists()
        assert access.mediation_parties_for(f.users["supervisor"]).count() == 2

    def test_a_co_mediator_sees_inside(self, world):
        f = world.a
        m = services.mediation_open(actor=f.users["worker"],
                                    data={"kind": "family", "issue": "Pengasuhan anak"},
                                    co_mediators=[f.users["other_worker"]])  # fmt: skip
        assert access.mediations_for(f.users["other_worker"], full=True).filter(pk=m.pk).exists()

    def test_a_caucus_note_stays_with_its_party(self, world):
        m, one, two = with_caucus(world.a, "Hanya untuk pihak satu")
        assert [s.hidden for s in selectors.sessions(m, two)] == [True]
        assert [s.hidden for s in selectors.sessions(m, one)] == [False]
        assert [s.hidden for s in selectors.sessions(m)] == [False]
