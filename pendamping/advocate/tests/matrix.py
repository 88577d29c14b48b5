"""Permission-matrix entries for the advocate's pages and API operations.

Merged into accounts/tests/test_permission_matrix.py (rules defined there). The
prepared world gives agency A a category and a group complaint assigned to its
worker: the worker, the supervisor, the admin and the auditor see it ("read"), the
other worker and the instructor do not (404). ``PUBLIC`` names the page that needs
no login (the complainant's status check); its leaks are tested in test_public.py.
"""

from django.utils import timezone


def advocate(f):
    from pendamping.advocate import services
    from pendamping.advocate.models import Category

    if hasattr(f, "complaint"):
        return
    f.category = Category.objects.create(agency=f.agency, name="Bansos")
    f.complaint, f.secret = services.complaint_receive(
        actor=f.users["worker"],
        data={"complainant_kind": "group", "complainant_name": "Pak Darto",
              "group_name": "Warga RW 05", "mandate": "Surat kuasa",
              "mandate_on": timezone.localdate(), "channel": "walk_in", "category": f.category,
              "subject": "Data bansos salah", "description": "Warga tidak terdata"},
    )  # fmt: skip


def finding(f):
    """The complaint with an alternative, an expert and an SP4N-LAPOR! filing."""
    from pendamping.advocate import finding as services

    advocate(f)
    if hasattr(f, "filing"):
        return
    worker = f.users["worker"]
    f.alternative = services.alternative_add(actor=worker, complaint=f.complaint,
                                             data={"title": "Musyawarah desa"})  # fmt: skip
    f.expert = services.expert_save(
        actor=worker, data={"name": "LBH Bandung", "fields": ["legal_aid"]}
    )
    f.filing = services.filing_add(actor=worker, complaint=f.complaint,
                                   data={"body": "sp4n_lapor", "filed_on": timezone.localdate(),
                                         "channel": "lapor.go.id"})  # fmt: skip


def decided(f):
    from pendamping.advocate import services

    advocate(f)
    if f.complaint.is_open:
        services.complaint_decide(actor=f.users["worker"], complaint=f.complaint,
                                  decision="upheld", reason="Diperbaiki",
                                  expected_version=f.complaint.version)  # fmt: skip
        f.complaint.refresh_from_db()


def _v(f):
    return {"version": f.complaint.version}


def _today():
    return timezone.localdate().isoformat()


HTML = {
    "complaint_list": ("get", lambda f: {}, None, "any", advocate),
    "complaint_create": ("get", lambda f: {}, None, "create", advocate),
    "complaint_settings": ("get", lambda f: {}, None, "any", advocate),
    "complaint_category_add": ("post", lambda f: {},
                               lambda f: {"name": "Pendidikan", "sla_amount": 5, "sla_unit": "working_days"},
                               "admin_page", None),
    "complaint_day_off_add": ("post", lambda f: {}, lambda f: {"day": _today(), "name": "Cuti bersama"},
                              "admin_page", None),
    "complaint_detail": ("get", lambda f: {"pk": f.complaint.pk}, None, "read", advocate),
    "complaint_stage": ("post", lambda f: {"pk": f.complaint.pk},
                        lambda f: _v(f) | {"to_stage": "in_progress", "reason": "Mulai"}, "write", advocate),
    "complaint_decide": ("post", lambda f: {"pk": f.complaint.pk},
                         lambda f: _v(f) | {"decision": "upheld", "reason": "Diperbaiki"}, "write", advocate),
    "complaint_reopen": ("post", lambda f: {"pk": f.complaint.pk},
                         lambda f: _v(f) | {"reason": "Banding"}, "write", decided),
    "complaint_cosigner_add": ("post", lambda f: {"pk": f.complaint.pk},
                               lambda f: {"name": "Bu Sri", "consent_on": _today(), "consent_given": "on"},
                               "write", advocate),
    "complaint_alternative_add": ("post", lambda f: {"pk": f.complaint.pk},
                                  lambda f: {"title": "Surati Dinsos", "feasibility": "high"}, "write", advocate),
    "complaint_alternative_status": ("post", lambda f: {"pk": f.alternative.pk},
                                     lambda f: {"status": "chosen", "note": "Paling cepat",
                                                "version": f.alternative.version}, "write", finding),
    "complaint_consultation_add": ("post", lambda f: {"pk": f.complaint.pk},
                                   lambda f: {"expert": f.expert.pk, "asked_on": _today(),
                                              "question": "Jalur hukum?"}, "write", finding),
    "complaint_filing_add": ("post", lambda f: {"pk": f.complaint.pk},
                             lambda f: {"body": "ombudsman", "filed_on": _today(), "channel": "Surat"},
                             "write", advocate),
    "complaint_filing_answer_add": ("post", lambda f: {"pk": f.filing.pk},
                                    lambda f: {"received_on": _today(), "summary": "Diteruskan"},
                                    "write", finding),
    "complaint_feedback_add": ("post", lambda f: {"pk": f.complaint.pk},
                               lambda f: {"satisfaction": 4, "comment": "Terima kasih"}, "write", decided),
    "expert_list": ("get", lambda f: {}, None, "any", finding),
}  # fmt: skip

PUBLIC = {"complaint_status_public"}


API = {
    ("GET", "/complaints"): (lambda f: {}, None, "any", advocate),
    ("GET", "/complaints/{complaint_id}"): (lambda f: {"complaint_id": f.complaint.pk}, None, "read", advocate),
    ("POST", "/complaints/{complaint_id}/stage"): (
        lambda f: {"complaint_id": f.complaint.pk},
        lambda f: _v(f) | {"to_stage": "in_progress", "reason": "Mulai"}, "write", advocate),
    ("POST", "/complaints/{complaint_id}/decision"): (
        lambda f: {"complaint_id": f.complaint.pk},
        lambda f: _v(f) | {"decision": "upheld", "reason": "Diperbaiki"}, "write", advocate),
    ("POST", "/complaints/{complaint_id}/reopen"): (
        lambda f: {"complaint_id": f.complaint.pk}, lambda f: _v(f) | {"reason": "Banding"},
        "write", decided),
    ("GET", "/complaints/{complaint_id}/alternatives"): (
        lambda f: {"complaint_id": f.complaint.pk}, None, "read", finding),
    ("POST", "/complaints/{complaint_id}/alternatives"): (
        lambda f: {"complaint_id": f.complaint.pk}, lambda f: {"title": "Surati Dinsos"}, "write", advocate),
    ("POST", "/alternatives/{alternative_id}/status"): (
        lambda f: {"alternative_id": f.alternative.pk},
        lambda f: {"status": "dropped", "version": f.alternative.version}, "write", finding),
    ("GET", "/experts"): (lambda f: {}, None, "any", finding),
    ("POST", "/experts"): (lambda f: {}, lambda f: {"name": "LBH", "fields": ["legal_aid"]}, "create", None),
    ("POST", "/complaints/{complaint_id}/consultations"): (
        lambda f: {"complaint_id": f.complaint.pk},
        lambda f: {"expert_id": f.expert.pk, "asked_on": _today(), "question": "Jalur hukum?"},
        "write", finding),
    ("GET", "/complaints/{complaint_id}/filings"): (
        lambda f: {"complaint_id": f.complaint.pk}, None, "read", finding),
    ("POST", "/complaints/{complaint_id}/filings"): (
        lambda f: {"complaint_id": f.complaint.pk},
        lambda f: {"body": "kpai", "filed_on": _today(), "channel": "Surel"}, "write", advocate),
    ("GET", "/complaints/{complaint_id}/feedback"): (
        lambda f: {"complaint_id": f.complaint.pk}, None, "read", decided),
    ("POST", "/complaints/{complaint_id}/feedback"): (
        lambda f: {"complaint_id": f.complaint.pk}, lambda f: {"satisfaction": 5}, "write", decided),
}  # fmt: skip
