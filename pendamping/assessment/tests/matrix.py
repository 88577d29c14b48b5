"""Permission-matrix entries for the assessment app's pages and API operations.

Merged into accounts/tests/test_permission_matrix.py; the rules ("read", "write",
"manage", "author", "any", "create", "member", "entry_write", "agency_read") are
defined there. Each entry: HTML name -> (method, url kwargs(f), form data(f) or
None, rule, prepare(f) or None); API (METHOD, path) -> (path kwargs(f), json
body(f) or None, rule, prepare(f) or None). `f` is agency A's AgencyFile from
pendamping/conftest.py; prepare() may add attributes to it.
"""

from django.utils import timezone

PHQ9 = {f"q{n}": 1 for n in range(1, 10)}


def assessed(f):
    """Two versions of agency A's case assessment (f.assessment is version 2)."""
    from pendamping.assessment import services

    if hasattr(f, "assessment"):
        return
    worker = f.users["worker"]
    data = {"presenting_problem": "Masalah ekonomi", "summary": "Perlu bantuan pangan"}
    services.assessment_save(actor=worker, case=f.case, data=data)
    f.assessment = services.assessment_save(
        actor=worker, case=f.case, data=data | {"summary": "Perlu bantuan pangan dan kerja"}
    )


def scored(f):
    """A PHQ-9 (f.administration) and a needs checklist (f.checklist) for agency A's case."""
    from pendamping.assessment import instruments, services

    if hasattr(f, "administration"):
        return
    worker = f.users["worker"]
    f.administration = services.instrument_administer(
        actor=worker, case=f.case, instrument=instruments.get("phq9"), answers=PHQ9
    )
    checklist = instruments.get("needs_checklist")
    answers = {i.code: 0 for i in checklist.items} | {"food": 1, "job_training": 1}
    f.checklist = services.instrument_administer(
        actor=worker, case=f.case, instrument=checklist, answers=answers
    )


def assessment_form(f):
    return {
        "assessed_on": timezone.localdate().isoformat(),
        "presenting_problem": "Kehilangan pekerjaan",
        "summary": "Butuh pangan",
        "needs-TOTAL_FORMS": "1",
        "needs-INITIAL_FORMS": "0",
        "needs-MIN_NUM_FORMS": "0",
        "needs-MAX_NUM_FORMS": "10",
        "needs-0-term": _term_pk("hidup_layak.pangan"),
        "needs-0-description": "Makan sehari-hari",
        "needs-0-urgency": "high",
    }


def _term_pk(code):
    from pendamping.taxonomy.models import TaxonomyTerm

    return str(TaxonomyTerm.objects.get(code=code).pk)


def phq9_form(f):
    return {"administered_on": timezone.localdate().isoformat()} | {
        f"item_{k}": v for k, v in PHQ9.items()
    }


HTML: dict = {
    "assessment_list": ("get", lambda f: {"pk": f.case.pk}, None, "read", assessed),
    "assessment_create": ("post", lambda f: {"pk": f.case.pk}, assessment_form, "write", None),
    "assessment_detail": ("get", lambda f: {"pk": f.case.pk, "number": 2}, None, "read", assessed),
    "assessment_compare": ("get", lambda f: {"pk": f.case.pk}, None, "read", assessed),
    "instrument_list": ("get", lambda f: {}, None, "any", None),
    "instrument_detail": ("get", lambda f: {"code": "phq9"}, None, "any", None),
    "case_instruments": ("get", lambda f: {"pk": f.case.pk}, None, "read", scored),
    "instrument_administer": ("post", lambda f: {"pk": f.case.pk, "code": "phq9"}, phq9_form,
                              "write", None),
    "administration_detail": ("get", lambda f: {"pk": f.checklist.pk}, None, "read", scored),
    "checklist_needs_add": ("post", lambda f: {"pk": f.checklist.pk},
                            lambda f: {"items": ["food"], "urgency": "high"}, "write", scored),
    "client_instruments": ("get", lambda f: {"pk": f.client.pk}, None, "read", scored),
    "client_instrument_scores": ("get", lambda f: {"pk": f.client.pk, "code": "phq9"}, None,
                                 "read", scored),
}  # fmt: skip

API: dict = {
    ("GET", "/cases/{case_id}/assessments"): (lambda f: {"case_id": f.case.pk}, None, "read", assessed),
    ("POST", "/cases/{case_id}/assessments"): (
        lambda f: {"case_id": f.case.pk},
        lambda f: {"presenting_problem": "Kehilangan pekerjaan", "summary": "Butuh pangan",
                   "needs": [{"term_code": "hidup_layak.pangan", "description": "Makan"}]},
        "write", None),
    ("GET", "/cases/{case_id}/assessments/{number}"): (
        lambda f: {"case_id": f.case.pk, "number": 1}, None, "read", assessed),
    ("GET", "/cases/{case_id}/assessments/{older}/compare/{newer}"): (
        lambda f: {"case_id": f.case.pk, "older": 1, "newer": 2}, None, "read", assessed),
    ("GET", "/instruments"): (lambda f: {}, None, "any", None),
    ("GET", "/instruments/{code}"): (lambda f: {"code": "barthel"}, None, "any", None),
    ("GET", "/cases/{case_id}/instruments"): (lambda f: {"case_id": f.case.pk}, None, "read", scored),
    ("POST", "/cases/{case_id}/instruments/{code}"): (
        lambda f: {"case_id": f.case.pk, "code": "phq9"}, lambda f: {"answers": PHQ9}, "write", None),
    ("GET", "/administrations/{administration_id}"): (
        lambda f: {"administration_id": f.administration.pk}, None, "read", scored),
    ("POST", "/administrations/{administration_id}/needs"): (
        lambda f: {"administration_id": f.checklist.pk}, lambda f: {"urgency": "high"}, "write", scored),
    ("GET", "/clients/{client_id}/instruments/{code}/scores"): (
        lambda f: {"client_id": f.client.pk, "code": "phq9"}, None, "read", scored),
}  # fmt: skip


# ---- ecomap and genogram ---------------------------------------------------------------


def mapped(f):
    """Two snapshots of agency A's case ecomap."""
    from pendamping.assessment import services

    if hasattr(f, "ecomap"):
        return
    worker = f.users["worker"]
    services.ecomap_save(actor=worker, case=f.case, systems=[{"name": "Ibu", "strength": "strong"}])
    f.ecomap = services.ecomap_save(
        actor=worker, case=f.case, systems=[{"name": "Ibu", "strength": "tenuous"}]
    )


def _ecomap_form(f):
    return {
        "s-TOTAL_FORMS": "1", "s-INITIAL_FORMS": "0", "s-MIN_NUM_FORMS": "0", "s-MAX_NUM_FORMS": "40",
        "s-0-name": "Sekolah", "s-0-category": "school", "s-0-strength": "moderate", "s-0-flow": "none",
        "taken_on": timezone.localdate().isoformat(),
    }  # fmt: skip


HTML |= {
    "ecomap": ("post", lambda f: {"pk": f.case.pk}, _ecomap_form, "write", None),
    "ecomap_compare": ("get", lambda f: {"pk": f.case.pk}, lambda f: {"a": 1, "b": 2}, "read", mapped),
    "genogram": ("get", lambda f: {"pk": f.client.pk}, None, "read", None),
}  # fmt: skip

API |= {
    ("GET", "/cases/{case_id}/ecomaps"): (lambda f: {"case_id": f.case.pk}, None, "read", mapped),
    ("POST", "/cases/{case_id}/ecomaps"): (
        lambda f: {"case_id": f.case.pk},
        lambda f: {"systems": [{"name": "Puskesmas", "category": "health", "flow": "to_client"}]},
        "write", None),
    ("GET", "/cases/{case_id}/ecomap.svg"): (lambda f: {"case_id": f.case.pk}, None, "read", mapped),
    ("GET", "/clients/{client_id}/genogram.svg"): (lambda f: {"client_id": f.client.pk}, None, "read", None),
}  # fmt: skip


def flagged(f):
    """A PHQ-9 of agency A's case with item 9 answered "several days": a safety alert."""
    from pendamping.assessment import instruments, services
    from pendamping.assessment.models import SafetyAlert

    if hasattr(f, "alert"):
        return
    answers = {f"q{i}": 1 for i in range(1, 10)}
    administration = services.instrument_administer(
        actor=f.users["worker"], case=f.case, instrument=instruments.get("phq9"), answers=answers
    )
    f.alert = SafetyAlert.objects.get(administration=administration)
    f.case.refresh_from_db()


HTML |= {
    "safety_alert": ("get", lambda f: {"pk": f.alert.pk}, None, "read", flagged),
    "safety_risk": ("post", lambda f: {"pk": f.alert.pk},
                    lambda f: {"reason": "Butir 9", "version": f.case.version}, "write", flagged),
    "safety_action": ("post", lambda f: {"pk": f.alert.pk},
                      lambda f: {"action_taken": "Menelepon klien", "version": f.alert.version},
                      "write", flagged),
}  # fmt: skip

API |= {
    ("GET", "/safety-alerts"): (lambda f: {}, None, "any", flagged),
    ("GET", "/safety-alerts/{alert_id}"): (lambda f: {"alert_id": f.alert.pk}, None, "read", flagged),
    ("POST", "/safety-alerts/{alert_id}/action"): (
        lambda f: {"alert_id": f.alert.pk},
        lambda f: {"action_taken": "Menelepon klien", "version": f.alert.version}, "write", flagged),
}  # fmt: skip
