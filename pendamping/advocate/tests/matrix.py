"""Permission-matrix entries for the advocate's pages and API operations.

Merged into accounts/tests/test_permission_matrix.py (rules defined there). The
prepared world gives agency A a category and a group complaint assigned to its
worker: the worker, the supervisor, the admin and the auditor see it ("read"), the
other worker and the instructor do not (404). ``PUBLIC`` names the page that needs
no login (the complainant's status check); its leaks are tested in test_public.py.
"""

import base64

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


def second(f):
    """A second, similar complaint of the same group and category (to group)."""
    from pendamping.advocate import services

    advocate(f)
    if hasattr(f, "complaint2"):
        return
    f.complaint2, _secret = services.complaint_receive(
        actor=f.users["worker"],
        data={"complainant_kind": "community", "complainant_name": "Bu Ani",
              "group_name": "Warga RW 06", "channel": "phone", "category": f.category,
              "subject": "Data bansos keliru", "description": "Warga miskin tidak terdata"},
    )  # fmt: skip


def grouped(f):
    from pendamping.advocate import grouping

    second(f)
    if f.complaint2.collective_id is None:
        grouping.complaint_group(actor=f.users["worker"], lead=f.complaint, member=f.complaint2,
                                 expected_version=f.complaint2.version)  # fmt: skip
        f.complaint2.refresh_from_db()


PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def upload_dir():
    import tempfile

    from django.conf import settings

    if not getattr(settings, "ADVOCATE_UPLOAD_DIR_IS_TEMPORARY", False):  # never var/evidence
        settings.ADVOCATE_UPLOAD_DIR = tempfile.mkdtemp(prefix="advocate-evidence-")
        settings.ADVOCATE_UPLOAD_DIR_IS_TEMPORARY = True


def pdf_upload():
    from django.core.files.uploadedfile import SimpleUploadedFile

    upload_dir()
    return SimpleUploadedFile("surat.pdf", PDF, content_type="application/pdf")


def with_evidence(f):
    """A PDF of the complaint, written to the private folder (its commit is run)."""
    from django.test import TestCase

    from pendamping.advocate import evidence

    advocate(f)
    if hasattr(f, "evidence"):
        return
    with TestCase.captureOnCommitCallbacks(execute=True):
        f.evidence = evidence.evidence_add(actor=f.users["worker"], complaint=f.complaint,
                                           upload=pdf_upload(), label="Surat desa")  # fmt: skip


def settings_rows(f):
    """A day off and an outside body's limit of agency A (its admin's settings)."""
    from pendamping.advocate import agency_settings

    advocate(f)
    if hasattr(f, "day_off"):
        return
    admin = f.users["admin"]
    f.day_off = agency_settings.day_off_add(actor=admin, day=timezone.localdate(), name="Cuti")
    f.limit = agency_settings.filing_limit_add(actor=admin, data={
        "body": "ombudsman", "label": "Verifikasi", "days": 14, "source": "Standar layanan"})  # fmt: skip


def linked(f):
    """The complaint linked to the complainant's case (agency A's worker's case)."""
    from pendamping.advocate import services

    advocate(f)
    if f.complaint.case_id is None:
        services.complaint_link_case(actor=f.users["worker"], complaint=f.complaint, case=f.case,
                                     expected_version=f.complaint.version)  # fmt: skip
        f.complaint.refresh_from_db()


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
    "complaint_category_edit": ("get", lambda f: {"pk": f.category.pk}, None, "admin", advocate),
    "complaint_category_delete": ("post", lambda f: {"pk": f.category.pk},
                                  lambda f: {"version": f.category.version}, "admin", advocate),
    "complaint_day_off_delete": ("post", lambda f: {"pk": f.day_off.pk}, None, "admin", settings_rows),
    "complaint_filing_limit_add": ("post", lambda f: {},
                                   lambda f: {"body": "kpai", "label": "Verifikasi", "days": 10,
                                              "source": "Standar layanan"}, "admin_page", None),
    "complaint_filing_limit_delete": ("post", lambda f: {"pk": f.limit.pk}, None, "admin", settings_rows),
    "complaint_detail": ("get", lambda f: {"pk": f.complaint.pk}, None, "read", advocate),
    "complaint_stage": ("post", lambda f: {"pk": f.complaint.pk},
                        lambda f: _v(f) | {"to_stage": "in_progress", "reason": "Mulai"}, "write", advocate),
    "complaint_decide": ("post", lambda f: {"pk": f.complaint.pk},
                         lambda f: _v(f) | {"decision": "upheld", "reason": "Diperbaiki"}, "write", advocate),
    "complaint_reopen": ("post", lambda f: {"pk": f.complaint.pk},
                         lambda f: _v(f) | {"reason": "Banding"}, "write", decided),
    "complaint_assign": ("post", lambda f: {"pk": f.complaint.pk},
                         lambda f: _v(f) | {"worker": f.users["worker"].pk}, "manage", advocate),
    "complaint_group": ("post", lambda f: {"pk": f.complaint.pk},
                        lambda f: {"member": f.complaint2.pk, "version": f.complaint2.version},
                        "write", second),
    "complaint_ungroup": ("post", lambda f: {"pk": f.complaint2.pk},
                          lambda f: {"version": f.complaint2.version}, "write", grouped),
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
    "complaint_evidence_add": ("post", lambda f: {"pk": f.complaint.pk},
                               lambda f: {"file": pdf_upload(), "label": "Surat desa"}, "write", advocate),
    "complaint_evidence_file": ("get", lambda f: {"pk": f.evidence.pk}, None, "read", with_evidence),
    "complaint_evidence_delete": ("post", lambda f: {"pk": f.evidence.pk}, None, "manage", with_evidence),
    "complaint_dashboard": ("get", lambda f: {}, None, "any", advocate),
    "complaint_dashboard_xlsx": ("get", lambda f: {}, None, "any", advocate),
    "complaint_letter": ("get", lambda f: {"pk": f.complaint.pk}, None, "read", finding),
    "complaint_letter_pdf": ("get", lambda f: {"pk": f.complaint.pk}, None, "read", finding),
    "complaint_legal_aid": ("post", lambda f: {"pk": f.complaint.pk},
                            lambda f: {"description": "Pendampingan gugatan", "urgency": "high"},
                            "write", linked),
    "expert_list": ("get", lambda f: {}, None, "any", finding),
}  # fmt: skip

PUBLIC = {"complaint_status_public"}


API = {
    ("GET", "/complaints"): (lambda f: {}, None, "any", advocate),
    ("POST", "/complaints"): (
        lambda f: {}, lambda f: {"complainant_kind": "anonymous", "channel": "letter",
                                 "subject": "Perlakuan kasar", "description": "Anak dibentak"},
        "create", None),
    ("POST", "/complaints/{complaint_id}/assign"): (
        lambda f: {"complaint_id": f.complaint.pk},
        lambda f: _v(f) | {"worker_id": f.users["worker"].pk}, "manage", advocate),
    ("GET", "/complaints/{complaint_id}/cosigners"): (
        lambda f: {"complaint_id": f.complaint.pk}, None, "read", advocate),
    ("POST", "/complaints/{complaint_id}/cosigners"): (
        lambda f: {"complaint_id": f.complaint.pk},
        lambda f: {"name": "Bu Sri", "consent_given": True}, "write", advocate),
    ("GET", "/complaints/{complaint_id}/similar"): (
        lambda f: {"complaint_id": f.complaint.pk}, None, "read", second),
    ("GET", "/complaints/{complaint_id}/members"): (
        lambda f: {"complaint_id": f.complaint.pk}, None, "read", grouped),
    ("POST", "/complaints/{complaint_id}/members"): (
        lambda f: {"complaint_id": f.complaint.pk},
        lambda f: {"member_id": f.complaint2.pk, "version": f.complaint2.version}, "write", second),
    ("POST", "/complaints/{complaint_id}/ungroup"): (
        lambda f: {"complaint_id": f.complaint2.pk},
        lambda f: {"version": f.complaint2.version}, "write", grouped),
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
    ("GET", "/complaints/{complaint_id}/evidence"): (
        lambda f: {"complaint_id": f.complaint.pk}, None, "read", with_evidence),
    ("POST", "/complaints/{complaint_id}/evidence"): (
        lambda f: {"complaint_id": f.complaint.pk},
        lambda f: upload_dir() or {"label": "Surat", "content_base64": base64.b64encode(PDF).decode()},
        "write", advocate),
    ("POST", "/complaints/{complaint_id}/legal-aid"): (
        lambda f: {"complaint_id": f.complaint.pk},
        lambda f: {"description": "Pendampingan gugatan"}, "write", linked),
    ("GET", "/complaints/{complaint_id}/feedback"): (
        lambda f: {"complaint_id": f.complaint.pk}, None, "read", decided),
    ("POST", "/complaints/{complaint_id}/feedback"): (
        lambda f: {"complaint_id": f.complaint.pk}, lambda f: {"satisfaction": 5}, "write", decided),
}  # fmt: skip
