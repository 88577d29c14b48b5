"""Permission-matrix entries for the motivator app's pages and API operations.

Merged into accounts/tests/test_permission_matrix.py; the rules ("read", "write",
"manage", "author", "any", "create", "member", "entry_write", "agency_read") are
defined there. Each entry: HTML name -> (method, url kwargs(f), form data(f) or
None, rule, prepare(f) or None); API (METHOD, path) -> (path kwargs(f), json
body(f) or None, rule, prepare(f) or None). `f` is agency A's AgencyFile from
pendamping/conftest.py; prepare() may add attributes to it.
"""

from datetime import timedelta

from django.utils import timezone


def _today():
    return timezone.localdate().isoformat()


def _target():
    return (timezone.localdate() + timedelta(days=60)).isoformat()


GOAL = {
    "statement": "Bekerja di bengkel",
    "level_minus_2": "Tidak melamar",
    "level_minus_1": "Menanyakan lowongan",
    "level_0": "Melamar dua bengkel",
    "level_plus_1": "Diterima magang",
    "level_plus_2": "Diterima bekerja",
    "weight": "2",
    "baseline_level": "-1",
}
CHECKIN = {"intention": 7, "determination": 6, "spirit": 8, "importance": 9, "confidence": 5}


def motivator(f):
    """A goal with one review, a check-in and an action step on agency A's case."""
    from pendamping.motivator import services

    if hasattr(f, "goal"):
        return
    worker = f.users["worker"]
    f.goal = services.goal_add(
        actor=worker,
        case=f.case,
        data=GOAL | {"weight": 2.0, "baseline_level": -1,
                     "target_date": timezone.localdate() + timedelta(days=60)},
    )  # fmt: skip
    services.goal_review(actor=worker, goal=f.goal, level=0, note="Sudah melamar")
    services.checkin_add(actor=worker, case=f.case, **CHECKIN)
    f.step = services.action_step_add(
        actor=worker, case=f.case, step="Datang ke bengkel", risk="Ditolak", goal=f.goal
    )
    f.goal.refresh_from_db()


HTML = {
    "case_goals": ("get", lambda f: {"pk": f.case.pk}, None, "read", motivator),
    "goal_add": ("post", lambda f: {"pk": f.case.pk},
                 lambda f: GOAL | {"target_date": _target()}, "write", None),
    "goal_edit": ("get", lambda f: {"pk": f.goal.pk}, None, "write", motivator),
    "goal_delete": ("post", lambda f: {"pk": f.goal.pk}, None, "manage", motivator),
    "goal_review": ("post", lambda f: {"pk": f.goal.pk},
                    lambda f: {"level": "1", "reviewed_on": _today(), "note": "Magang"},
                    "write", motivator),
    "checkin_add": ("post", lambda f: {"pk": f.case.pk},
                    lambda f: CHECKIN | {"checked_on": _today(), "why_not_lower": "Ingin mandiri"},
                    "write", None),
    "action_step_add": ("post", lambda f: {"pk": f.case.pk},
                        lambda f: {"step": "Menelepon bengkel", "risk": "Malu"}, "write", None),
    "action_step_outcome": ("post", lambda f: {"pk": f.step.pk},
                            lambda f: {"outcome": "Diterima magang", "done_on": _today(),
                                       "is_breakthrough": "on", "version": f.step.version},
                            "write", motivator),
    "gas_caseload": ("get", lambda f: {}, None, "any", motivator),
}  # fmt: skip

API = {
    ("GET", "/cases/{case_id}/goals"): (lambda f: {"case_id": f.case.pk}, None, "read", motivator),
    ("POST", "/cases/{case_id}/goals"): (
        lambda f: {"case_id": f.case.pk},
        lambda f: {"statement": "Bekerja", "target_date": _target(), "weight": 1,
                   "descriptions": {"-2": "a", "-1": "b", "0": "c", "+1": "d", "+2": "e"}},
        "write", None),
    ("GET", "/goals/{goal_id}"): (lambda f: {"goal_id": f.goal.pk}, None, "read", motivator),
    ("PATCH", "/goals/{goal_id}"): (lambda f: {"goal_id": f.goal.pk},
                                     lambda f: {"version": f.goal.version, "weight": 3}, "write", motivator),
    ("DELETE", "/goals/{goal_id}"): (lambda f: {"goal_id": f.goal.pk}, None, "manage", motivator),
    ("GET", "/goals/{goal_id}/reviews"): (lambda f: {"goal_id": f.goal.pk}, None, "read", motivator),
    ("POST", "/goals/{goal_id}/reviews"): (lambda f: {"goal_id": f.goal.pk},
                                            lambda f: {"level": 1, "note": "Magang"}, "write", motivator),
    ("GET", "/cases/{case_id}/gas"): (lambda f: {"case_id": f.case.pk}, None, "read", motivator),
    ("GET", "/cases/{case_id}/checkins"): (lambda f: {"case_id": f.case.pk}, None, "read", motivator),
    ("POST", "/cases/{case_id}/checkins"): (lambda f: {"case_id": f.case.pk}, lambda f: CHECKIN, "write", None),
    ("GET", "/cases/{case_id}/action-steps"): (lambda f: {"case_id": f.case.pk}, None, "read", motivator),
    ("POST", "/cases/{case_id}/action-steps"): (lambda f: {"case_id": f.case.pk},
                                                 lambda f: {"step": "Menelepon", "risk": "Malu"}, "write", None),
    ("POST", "/action-steps/{step_id}/outcome"): (
        lambda f: {"step_id": f.step.pk},
        lambda f: {"outcome": "Diterima", "is_breakthrough": True, "version": f.step.version},
        "write", motivator),
}  # fmt: skip
