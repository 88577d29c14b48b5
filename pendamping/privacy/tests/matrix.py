"""Permission-matrix entries of the privacy app: the processing log, the settings and
the register of data-subject requests are the agency's data protection officer's and
admins' ("officer_page": each sees their own agency's; every other role gets 403).
One request of agency A ("officer"): its officer and admin; every other user 404,
like a request that does not exist. A new request naming agency A's client
("officer_client"): 403 for all but officers and admins, 404 for agency B's.
The breach register, the records of processing and the register of consents follow
the same rules: pages of the reader's own agency ("officer_page"), and one breach of
agency A ("officer") that every other role and agency B get as 404."""

RULES = {
    "officer": ({"admin", "dpo"}, set()),
    # anonymising a client of agency A: its admin; every other member of A 403 (workers,
    # supervisors and the officer see why, and cannot); agency B 404
    "erase": ({"admin"}, {"worker", "other_worker", "supervisor", "auditor", "instructor", "dpo"}),
    # the access package holds case content: the admin opens it, the officer gets 403
    "package": ({"admin"}, {"dpo"}),
}


def subject_request(f):
    from pendamping.privacy import requests

    if not hasattr(f, "subject_request"):
        f.subject_request = requests.request_record(
            actor=f.users["dpo"], client_id=f.client.pk, kind="access", requested_by="client",
            identity_check="ktp",
        )  # fmt: skip


def erasable(f):
    """A client of agency A with no case and nothing held for them: nothing refuses
    the erasure (each check's savepoint is rolled back)."""
    from pendamping.clients.models import Client

    if not hasattr(f, "erasable"):
        f.erasable = Client.objects.create(agency=f.agency, kind="individual",
                                           full_name="Rina Wulandari",
                                           registered_by=f.users["worker"])  # fmt: skip


def _erase(f):
    return {"basis": "retention", "reason": "retention_ended"}


def breach(f):
    """A breach of agency A that touched its client (chosen)."""
    from pendamping.privacy import breaches

    if not hasattr(f, "breach"):
        f.breach = breaches.breach_record(
            actor=f.users["dpo"], title="Laptop hilang", description="Laptop pekerja hilang",
            data_categories=["identity", "contact"],
        )  # fmt: skip
        breaches.affected_add(actor=f.users["dpo"], breach=f.breach, source="chosen",
                              client_ids=[f.client.pk])  # fmt: skip
        f.breach.refresh_from_db()


def issued_breach(f):
    """That breach with its letters issued (to the client and to the authority), so
    that they may be recorded as sent."""
    from pendamping.privacy import breaches

    breach(f)
    if not f.breach.authority_letter_number:
        breaches.letters_issue_all(actor=f.users["dpo"], breach=f.breach)
        breaches.letter_issue(actor=f.users["dpo"], breach=f.breach)
        f.breach.refresh_from_db()


def _breach(f):
    return {"pk": f.breach.pk}


def _breach_client(f):
    return {"pk": f.breach.pk, "client_pk": f.client.pk}


def _breach_edit(f):
    return {
        "title": "Laptop hilang",
        "discovered_at": "2026-01-01T08:00",
        "description": "Laptop hilang di angkot",
        "data_categories": ["identity"],
        "containment": "Token dicabut",
        "status": "contained",
        "version": f.breach.version,
    }


def _request_of(kind, attr):
    def prepare(f):
        from pendamping.privacy import requests

        if not hasattr(f, attr):
            setattr(f, attr, requests.request_record(
                actor=f.users["dpo"], client_id=f.client.pk, kind=kind, requested_by="client",
                identity_check="ktp"))  # fmt: skip

    prepare.__name__ = prepare.__qualname__ = attr
    return prepare


restriction_request = _request_of("restriction", "restriction_request")
correction_request = _request_of("correction", "correction_request")


def restricted(f):
    from pendamping.privacy import restriction

    restriction_request(f)
    if not hasattr(f, "restriction"):
        f.restriction = restriction.restriction_apply(actor=f.users["dpo"],
                                                      request=f.restriction_request)  # fmt: skip


def _rr(f):
    return {"pk": f.restriction_request.pk}


def _cr(f):
    return {"pk": f.correction_request.pk}


def _req(f):
    return {"pk": f.subject_request.pk}


def _answer(f):
    return {"status": "in_progress", "response": "", "version": f.subject_request.version}


HTML = {
    "access_log": ("get", lambda f: {}, lambda f: {"client_id": f.client.pk}, "officer_page", None),
    "access_log_csv": ("get", lambda f: {}, None, "officer_page", None),
    "privacy_settings": ("post", lambda f: {}, lambda f: {"unusual_reading_margin": 30},
                         "officer_page", None),
    "subject_request_list": ("get", lambda f: {}, None, "officer_page", subject_request),
    "subject_request_create": ("get", lambda f: {}, None, "officer_page", None),
    "subject_request_detail": ("get", _req, None, "officer", subject_request),
    "subject_request_respond": ("post", _req, _answer, "officer", subject_request),
    "subject_request_package": ("get", _req, None, "package", subject_request),
    "subject_request_package_pdf": ("get", _req, None, "package", subject_request),
    "retention": ("get", lambda f: {}, None, "officer_page", None),
    "client_anonymise": ("post", lambda f: {"pk": f.erasable.pk}, _erase, "erase", erasable),
    # the breach register: the agency's officer and admin; one breach of A is 404 to all others
    "breach_list": ("get", lambda f: {}, None, "officer_page", breach),
    "breach_create": ("post", lambda f: {}, lambda f: {
        "title": "Surel salah kirim", "description": "Daftar klien terkirim ke alamat salah",
        "data_categories": ["identity", "contact"]}, "officer_page", None),
    "breach_detail": ("get", _breach, None, "officer", breach),
    "breach_edit": ("post", _breach, _breach_edit, "officer", breach),
    "breach_affected_add": ("post", _breach, lambda f: {"source": "caseload",
                            "user": f.users["worker"].pk}, "officer", breach),
    "breach_affected_remove": ("post", _breach, lambda f: {"client_id": f.client.pk,
                               "reason": "wrong_client"}, "officer", breach),
    "breach_clients_sent": ("post", _breach, lambda f: {"all-sent_on": ""}, "officer",
                            issued_breach),
    "breach_client_sent": ("post", _breach_client, lambda f: {}, "officer", issued_breach),
    "breach_client_letter": ("get", _breach_client, None, "officer", breach),
    "breach_authority_sent": ("post", _breach, lambda f: {}, "officer", issued_breach),
    "breach_authority_letter": ("get", _breach, None, "officer", breach),
    "breach_client_letter_issue": ("post", _breach_client, lambda f: {}, "officer", breach),
    "breach_authority_letter_issue": ("post", _breach, lambda f: {}, "officer", breach),
    "breach_letters_issue": ("post", _breach, lambda f: {}, "officer", breach),
    # records of processing and the register of consents: the agency's own
    "processing_records": ("get", lambda f: {}, None, "officer_page", None),
    "processing_records_pdf": ("get", lambda f: {}, None, "officer_page", None),
    "processing_settings": ("post", lambda f: {}, lambda f: {"officer_contact": "DPO",
                            "retention": "5 tahun"}, "officer_page", None),
    "consent_register": ("get", lambda f: {}, lambda f: {"state": "active"}, "officer_page", None),
    "consent_register_csv": ("get", lambda f: {}, None, "officer_page", None),
    "subject_request_restrict": ("post", _rr, None, "officer", restriction_request),
    "subject_request_lift": ("post", _rr, lambda f: {"reason": "Klien mencabut permintaan"},
                             "officer", restricted),
    "subject_request_release": ("post", _req, None, "package", subject_request),
    "subject_request_edits": ("post", _cr, lambda f: {"edits": []}, "officer", correction_request),
}  # fmt: skip

API = {
    ("GET", "/access-log"): (lambda f: {}, None, "officer_page", None),
    ("GET", "/subject-requests"): (lambda f: {}, None, "officer_page", subject_request),
    ("POST", "/subject-requests"): (lambda f: {}, lambda f: {
        "client_id": f.client.pk, "kind": "erasure", "requested_by": "guardian",
        "identity_check": "guardian_proof"}, "officer_client", None),
    ("GET", "/subject-requests/{request_id}"): (
        lambda f: {"request_id": f.subject_request.pk}, None, "officer", subject_request),
    ("POST", "/subject-requests/{request_id}/respond"): (
        lambda f: {"request_id": f.subject_request.pk}, _answer, "officer", subject_request),
    ("GET", "/subject-requests/{request_id}/package"): (
        lambda f: {"request_id": f.subject_request.pk}, None, "package", subject_request),
    ("GET", "/retention/due"): (lambda f: {}, None, "officer_page", None),
    ("GET", "/retention/rules"): (lambda f: {}, None, "officer_page", None),
    ("PUT", "/retention/rules"): (lambda f: {}, lambda f: {"closed_cases": 7, "child": 6},
                                  "admin_page", None),
    ("GET", "/erasures"): (lambda f: {}, None, "officer_page", None),
    ("POST", "/erasures"): (lambda f: {}, lambda f: {"client_id": f.erasable.pk,
        "basis": "retention", "reason": "retention_ended"}, "erase", erasable),
    ("GET", "/breaches"): (lambda f: {}, None, "officer_page", breach),
    ("POST", "/breaches"): (lambda f: {}, lambda f: {
        "title": "Surel salah kirim", "description": "Daftar klien terkirim ke alamat salah",
        "data_categories": ["identity"]}, "officer_page", None),
    ("GET", "/breaches/{breach_id}"): (lambda f: {"breach_id": f.breach.pk}, None, "officer", breach),
    ("PATCH", "/breaches/{breach_id}"): (lambda f: {"breach_id": f.breach.pk}, lambda f: {
        "version": f.breach.version, "status": "contained"}, "officer", breach),
    ("GET", "/breaches/{breach_id}/clients"): (
        lambda f: {"breach_id": f.breach.pk}, None, "officer", breach),
    ("POST", "/breaches/{breach_id}/clients"): (lambda f: {"breach_id": f.breach.pk}, lambda f: {
        "source": "caseload", "user_id": f.users["worker"].pk}, "officer", breach),
    ("POST", "/breaches/{breach_id}/clients/{client_id}/remove"): (
        lambda f: {"breach_id": f.breach.pk, "client_id": f.client.pk},
        lambda f: {"reason": "not_touched"}, "officer", breach),
    ("POST", "/breaches/{breach_id}/clients/{client_id}/notified"): (
        lambda f: {"breach_id": f.breach.pk, "client_id": f.client.pk}, lambda f: {},
        "officer", issued_breach),
    ("POST", "/breaches/{breach_id}/notified"): (
        lambda f: {"breach_id": f.breach.pk}, lambda f: {}, "officer", issued_breach),
    ("POST", "/breaches/{breach_id}/authority-notified"): (
        lambda f: {"breach_id": f.breach.pk}, lambda f: {}, "officer", issued_breach),
    ("POST", "/breaches/{breach_id}/letters"): (
        lambda f: {"breach_id": f.breach.pk}, None, "officer", breach),
    ("POST", "/breaches/{breach_id}/clients/{client_id}/letter"): (
        lambda f: {"breach_id": f.breach.pk, "client_id": f.client.pk}, None, "officer", breach),
    ("POST", "/breaches/{breach_id}/authority-letter"): (
        lambda f: {"breach_id": f.breach.pk}, None, "officer", breach),
    ("GET", "/breaches/{breach_id}/history"): (
        lambda f: {"breach_id": f.breach.pk}, None, "officer", breach),
    ("GET", "/processing-records"): (lambda f: {}, None, "officer_page", None),
    ("GET", "/consent-register"): (lambda f: {}, None, "officer_page", None),
    ("POST", "/subject-requests/{request_id}/restrict"): (
        lambda f: {"request_id": f.restriction_request.pk}, None, "officer", restriction_request),
    ("POST", "/subject-requests/{request_id}/lift"): (
        lambda f: {"request_id": f.restriction_request.pk}, lambda f: {"reason": "Selesai"},
        "officer", restricted),
    ("POST", "/subject-requests/{request_id}/release"): (
        lambda f: {"request_id": f.subject_request.pk}, None, "package", subject_request),
    ("GET", "/subject-requests/{request_id}/edits"): (
        lambda f: {"request_id": f.correction_request.pk}, None, "officer", correction_request),
    ("POST", "/subject-requests/{request_id}/edits"): (
        lambda f: {"request_id": f.correction_request.pk}, lambda f: {"record_ids": []},
        "officer", correction_request),
}  # fmt: skip
