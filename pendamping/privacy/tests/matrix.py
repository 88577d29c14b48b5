"""Permission-matrix entries of the privacy app: the processing log, the settings and
the register of data-subject requests are the agency's data protection officer's and
admins' ("officer_page": each sees their own agency's; every other role gets 403).
One request of agency A ("officer"): its officer and admin; every other user 404,
like a request that does not exist. A new request naming agency A's client
("officer_client"): 403 for all but officers and admins, 404 for agency B's."""

RULES = {
    "officer": ({"admin", "dpo"}, set()),
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
