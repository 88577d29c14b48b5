import datetime
import zoneinfo

import pytest
import time_machine
from django.contrib.auth.hashers import check_password
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection

from pendamping.advocate import agency_settings, selectors, services
from pendamping.advocate.access import complaints_for
from pendamping.advocate.models import AgencyDayOff, AnonymousContact, Complaint, StageChange
from pendamping.cases.models import CaseEvent
from pendamping.concurrency import ConflictError
from pendamping.history import AppendOnlyError

from .conftest import category, group_data, receive_anonymous, receive_group

JAKARTA = zoneinfo.ZoneInfo("Asia/Jakarta")


def at(*args):
    return datetime.datetime(*args, tzinfo=JAKARTA)


class TestIntake:
    def test_it_records_a_group_with_its_mandate_and_cosigners(self, world):
        f = world.a
        c, secret = receive_group(f)
        assert c.stage == "new" and c.assigned_worker == f.users["worker"]
        assert c.tracking_code.startswith("ADU-") and len(c.tracking_code) == 13
        assert [s.name for s in c.cosigners.all()] == ["Bu Sri", "Pak Joko"]
        assert all(s.consent_given for s in c.cosigners.all())
        # only a hash of the secret is stored
        assert secret not in c.secret_hash and check_password(secret, c.secret_hash)
        assert list(StageChange.objects.filter(complaint=c).values_list("to_stage", flat=True)) == [
            "new"
        ]

    def test_it_wants_a_mandate_for_a_group(self, world):
        f = world.a
        with pytest.raises(ValidationError) as e:
            services.complaint_receive(
                actor=f.users["worker"], data=group_data(f, category(f), mandate="")
            )
        assert "mandate" in e.value.error_dict
        assert not Complaint.objects.exists()

    def test_it_wants_every_cosigners_consent(self, world):
        f = world.a
        with pytest.raises(ValidationError) as e:
            services.complaint_receive(
                actor=f.users["worker"], data=group_data(f, category(f)),
                cosigners=[{"name": "Bu Sri", "consent_given": False}],
            )  # fmt: skip
        assert "cosigners" in e.value.error_dict
        assert not Complaint.objects.exists()

    def test_it_stores_no_identity_of_an_anonymous_complainant(self, world):
        f = world.a
        c, _secret = receive_anonymous(
            f, complainant_name="Nama Rahasia", complainant_contact="0899", client=f.client
        )
        c.refresh_from_db()
        assert (c.client_id, c.complainant_name, c.complainant_contact) == (None, "", "")
        assert AnonymousContact.objects.get(complaint=c).channel == "Kotak surat 12"

    def test_it_shows_the_anonymous_contact_to_the_assigned_worker_only(self, world):
        f = world.a
        c, _secret = receive_anonymous(f)
        assert selectors.anonymous_contact(f.users["worker"], c) == "Kotak surat 12"
        for role in ("supervisor", "admin", "auditor", "other_worker"):
            assert selectors.anonymous_contact(f.users[role], c) is None, role

    def test_it_refuses_another_agencys_category(self, world):
        with pytest.raises(ValidationError) as e:
            services.complaint_receive(
                actor=world.a.users["worker"], data=group_data(world.a, category(world.b))
            )
        assert "category" in e.value.error_dict

    def test_it_refuses_readers(self, world):
        with pytest.raises(PermissionDenied):
            services.complaint_receive(
                actor=world.a.users["auditor"], data=group_data(world.a, category(world.a))
            )


class TestDeadline:
    def test_it_gives_72_hours_by_default(self, world):
        f = world.a
        c, _ = receive_group(f, received_at=at(2025, 3, 27, 9, 0))
        assert c.deadline_at == at(2025, 3, 30, 9, 0)
        assert c.at_risk_at == at(2025, 3, 29, 15, 0)  # 25 % of 72 h = 18 h before

    def test_it_counts_working_days_over_lebaran_and_the_agencys_days_off(self, world):
        f = world.a
        for day in (datetime.date(2025, 3, 28), datetime.date(2025, 4, 2), datetime.date(2025, 4, 3),
                    datetime.date(2025, 4, 4), datetime.date(2025, 4, 7)):  # fmt: skip
            agency_settings.day_off_add(actor=f.users["admin"], day=day, name="Cuti bersama")
        cat = category(f, "Data", amount=3, unit="working_days")
        c, _ = receive_group(f, cat, received_at=at(2025, 3, 27, 10, 30))
        assert c.deadline_at == at(2025, 4, 10, 10, 30)

    def test_it_lets_only_the_admin_enter_days_off(self, world):
        with pytest.raises(PermissionDenied):
            agency_settings.day_off_add(
                actor=world.a.users["supervisor"], day=datetime.date(2025, 4, 2), name="Cuti"
            )
        assert not AgencyDayOff.objects.exists()


class TestSlaStatus:
    def test_it_is_on_track_then_at_risk_then_breached(self, world):
        f = world.a
        c, _ = receive_group(f, received_at=at(2025, 5, 5, 9, 0))
        for now, want in [
            (at(2025, 5, 6, 9, 0), "on_track"),
            (at(2025, 5, 7, 14, 59), "on_track"),
            (at(2025, 5, 7, 15, 0), "at_risk"),
            (at(2025, 5, 8, 8, 59), "at_risk"),
            (at(2025, 5, 8, 9, 0), "breached"),
        ]:
            assert c.sla_status(now) == want, now
            with time_machine.travel(now, tick=False):
                assert list(complaints_for(f.users["worker"]).filter(selectors.sla_q(want))) == [c]

    def test_it_is_met_when_closed_in_time(self, world):
        f = world.a
        with time_machine.travel(at(2025, 5, 5, 9, 0), tick=False):
            c, _ = receive_group(f)
        with time_machine.travel(at(2025, 5, 6, 9, 0), tick=False):
            services.complaint_decide(actor=f.users["worker"], complaint=c, decision="upheld",
                                      reason="Data diperbaiki", expected_version=c.version)  # fmt: skip
        with time_machine.travel(at(2025, 6, 1, 9, 0), tick=False):
            assert c.sla_status() == "met"


class TestStages:
    def test_it_moves_with_a_reason_and_keeps_the_history(self, world):
        f = world.a
        c, _ = receive_group(f)
        services.complaint_move_stage(actor=f.users["worker"], complaint=c, to_stage="in_progress",
                                      reason="Mulai diverifikasi", expected_version=c.version)  # fmt: skip
        services.complaint_move_stage(actor=f.users["worker"], complaint=c, to_stage="awaiting",
                                      awaiting_on="other_body", reason="Menunggu Dinsos",
                                      expected_version=c.version)  # fmt: skip
        rows = list(
            StageChange.objects.filter(complaint=c).values_list("from_stage", "to_stage", "reason")
        )
        assert rows[1:] == [("new", "in_progress", "Mulai diverifikasi"),
                            ("in_progress", "awaiting", "Menunggu Dinsos")]  # fmt: skip
        with pytest.raises(AppendOnlyError):
            StageChange.objects.filter(complaint=c).delete()

    @pytest.mark.db_owner  # the trigger, which the app role never reaches
    def test_the_database_refuses_to_rewrite_the_history(self, world):
        f = world.a
        _c, _ = receive_group(f)
        with pytest.raises(Exception, match="append-only"), connection.cursor() as cur:
            cur.execute("UPDATE advocate_stagechange SET reason = 'x'")

    @pytest.mark.parametrize(("to_stage", "reason", "ahead", "error"), [
        ("in_progress", "  ", 0, ValidationError),  # it wants a reason
        ("done", "Langsung", 0, ValidationError),  # a move the glossary does not allow
        ("in_progress", "Mulai", 5, ConflictError),  # a stale version
    ], ids=["without_a_reason", "not_in_the_glossary", "stale_version"])  # fmt: skip
    def test_it_refuses(self, world, to_stage, reason, ahead, error):
        f = world.a
        c, _ = receive_group(f)
        with pytest.raises(error):
            services.complaint_move_stage(actor=f.users["worker"], complaint=c, to_stage=to_stage,
                                          reason=reason, expected_version=c.version + ahead)  # fmt: skip

    def test_it_writes_codes_on_the_linked_case(self, world):
        f = world.a
        c, _ = receive_group(f)
        services.complaint_link_case(actor=f.users["worker"], complaint=c, case=f.case,
                                     expected_version=c.version)  # fmt: skip
        services.complaint_move_stage(actor=f.users["worker"], complaint=c, to_stage="in_progress",
                                      reason="Alasan rahasia", expected_version=c.version)  # fmt: skip
        events = list(
            CaseEvent.objects.filter(case=f.case, kind__startswith="complaint").order_by("id")
        )
        assert [e.kind for e in events] == ["complaint_linked", "complaint_stage"]
        assert events[1].data == {"complaint": c.pk, "from": "new", "to": "in_progress"}
        assert "rahasia" not in str([e.data for e in events])

    def test_it_refuses_a_case_the_actor_cannot_see(self, world):
        f = world.a
        c, _ = receive_group(f)
        with pytest.raises(ValidationError):
            services.complaint_link_case(actor=f.users["worker"], complaint=c, case=world.b.case,
                                         expected_version=c.version)  # fmt: skip


class TestDecisionAndReopen:
    def test_a_referral_to_a_case_needs_the_case_and_links_it(self, world):
        f = world.a
        c, _ = receive_group(f)
        with pytest.raises(ValidationError):
            services.complaint_decide(actor=f.users["worker"], complaint=c, decision="referred_to_case",
                                      reason="Perlu pendampingan", expected_version=c.version)  # fmt: skip
        services.complaint_decide(actor=f.users["worker"], complaint=c, decision="referred_to_case",
                                  reason="Perlu pendampingan", expected_version=c.version, case=f.case)  # fmt: skip
        c.refresh_from_db()
        assert (c.stage, c.decision, c.case_id) == ("done", "referred_to_case", f.case.pk)
        assert CaseEvent.objects.filter(case=f.case, kind="complaint_decided").exists()

    def test_it_reopens_with_a_reason(self, world):
        f = world.a
        c, _ = receive_group(f)
        services.complaint_decide(actor=f.users["worker"], complaint=c, decision="rejected",
                                  reason="Bukan kewenangan", expected_version=c.version)  # fmt: skip
        with pytest.raises(ValidationError):
            services.complaint_decide(actor=f.users["worker"], complaint=c, decision="upheld",
                                      reason="Lagi", expected_version=c.version)  # fmt: skip
        services.complaint_reopen(actor=f.users["worker"], complaint=c, reason="Banding warga",
                                  expected_version=c.version)  # fmt: skip
        c.refresh_from_db()
        assert (c.stage, c.decision, c.closed_at) == ("in_progress", "", None)


class TestScope:
    def test_it_shows_the_team_and_the_agency_wide_roles(self, world):
        f = world.a
        c, _ = receive_group(f)
        seen = {role: complaints_for(u).filter(pk=c.pk).exists() for role, u in f.users.items()}
        assert seen == {"worker": True, "other_worker": False, "supervisor": True, "admin": True,
                        "auditor": True, "instructor": False, "dpo": False}  # fmt: skip
        assert not any(complaints_for(u).exists() for u in world.b.users.values())
