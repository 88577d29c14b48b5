"""Permission-matrix entries of the privacy app: the processing log, the settings and
the register of data-subject requests are the agency's data protection officer's and
admins' ("officer_page": each sees their own agency's; every other role gets 403).
One request of agency A ("officer"): its officer and admin; every other user 404,
like a request that does not exist. A new request naming agency A's client
("officer_client"): 403 for all but officers and admins, 404 for agency B's."""

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
    return {"basis": "retention", "reason": "Masa retensi berakhir"}


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
        "basis": "retention", "reason": "Masa retensi berakhir"}, "erase", erasable),
}  # fmt: skip
