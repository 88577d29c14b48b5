"""Permission-matrix entries for the clients app's bulk-import pages and a consent's
scanned form (seen by whoever may see the client: 404 for everyone else).

Merged into accounts/tests/test_permission_matrix.py (see the rules there): the
import page answers 403 to everyone but agency admins; an import run and its
report are seen by the admin of its agency only (404 for everyone else).
Each entry: HTML name -> (method, url kwargs(f), form data(f) or None, rule,
prepare(f) or None).
"""


def imported(f):
    """A finished import in agency A with one refused row (f.import_run)."""
    from pendamping.clients.models import ImportRejection, ImportRun

    if hasattr(f, "import_run"):
        return
    f.import_run = ImportRun.objects.create(
        agency=f.agency, file_sha256="a" * 64, file_name="klien.csv", total_rows=2,
        committed_rows=2, created=1, rejected=1, started_by=f.users["admin"],
        status=ImportRun.Status.DONE,
    )  # fmt: skip
    ImportRejection.objects.create(run=f.import_run, row=3, name="Tanpa Usia", reason="x")


def consent_proof(f):
    """A scanned form (a small PDF) on agency A's consent."""
    from pendamping.clients.consent import path_of

    if f.consent.proof_file:
        return
    f.consent.proof_file, f.consent.proof_content_type = "a" * 32 + ".pdf", "application/pdf"
    f.consent.save(update_fields=["proof_file", "proof_content_type"])
    path = path_of(f.consent)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(b"%PDF-1.4\n%%EOF\n")


def grouped(f):
    """A group client of agency A (registered by its worker) with f.client as a member."""
    from pendamping.clients import services

    if hasattr(f, "group"):
        return
    worker = f.users["worker"]
    f.group = services.client_register(
        actor=worker, data={"kind": "group", "full_name": "Kelompok Usaha Bersama Mawar"}
    )
    f.membership = services.group_member_add(actor=worker, group=f.group, member=f.client)


HTML = {
    "client_import": ("get", lambda f: {}, None, "admin_page", None),
    "import_detail": ("get", lambda f: {"pk": f.import_run.pk}, None, "admin", imported),
    "import_report": ("get", lambda f: {"pk": f.import_run.pk}, None, "admin", imported),
    "consent_proof": (
        "get",
        lambda f: {"pk": f.client.pk, "consent_pk": f.consent.pk},
        None,
        "read",
        consent_proof,
    ),
    # members of a group client: visible with the group, written by its writers
    "group_member_add": (
        "post",
        lambda f: {"pk": f.group.pk},
        lambda f: {"q": f.client.full_name},
        "write",
        grouped,
    ),
    "group_member_leave": (
        "post",
        lambda f: {"pk": f.group.pk, "membership_pk": f.membership.pk},
        None,
        "write",
        grouped,
    ),
}
API = {
    ("GET", "/clients/{client_id}/members"): (
        lambda f: {"client_id": f.group.pk},
        None,
        "read",
        grouped,
    ),
    ("POST", "/clients/{client_id}/members"): (
        lambda f: {"client_id": f.group.pk},
        lambda f: {"member_id": f.client.pk, "role": "x"},
        "write",
        lambda f: (grouped(f), f.membership.delete()),
    ),
    ("POST", "/clients/{client_id}/members/{membership_id}/leave"): (
        lambda f: {"client_id": f.group.pk, "membership_id": f.membership.pk},
        None,
        "write",
        grouped,
    ),
}
