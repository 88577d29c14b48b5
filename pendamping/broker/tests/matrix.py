"""Permission-matrix entries for the broker's agency-admin pages (the term mappings).

Merged into accounts/tests/test_permission_matrix.py (rules defined there); the
broker's older entries (directory, needs, referrals, gaps) are still listed there.
"admin_page": every agency's admin works on their own agency's mappings, directory
imports and exports, every other role is refused (403). "admin_record": one directory
import of agency A: its admin; every other role of A 403, every user of B 404. The
stale-capacity list is for every agency's writers ("create": 403 for the others);
"still correct" is an edit of agency A's entry ("entry_write")."""

from pendamping.conftest import ROLE_KEYS

RULES = {"admin_record": ({"admin"}, set(ROLE_KEYS) - {"admin"})}


def directory_run(f):
    """A checked directory import of agency A, waiting for its admin (no file: a
    confirmation queues a task that fails for want of it; a discard drops it)."""
    from pendamping.broker.imports import DirectoryImport

    if not hasattr(f, "directory_run"):
        f.directory_run = DirectoryImport.objects.create(
            agency=f.agency, kind="sheet", file_name="direktori.csv", started_by=f.users["admin"],
            status="checked", report={"created": 1, "updated": 0, "errors": [], "warnings": []},
        )  # fmt: skip


def _run(f):
    return {"pk": f.directory_run.pk}


def _sheet():
    from django.core.files.uploadedfile import SimpleUploadedFile

    return SimpleUploadedFile("direktori.csv", b"nama\nLayanan\n", content_type="text/csv")


def _term_pk():
    from pendamping.taxonomy.models import TaxonomyTerm

    return TaxonomyTerm.objects.get(code="terapi").pk


def _csv():
    from django.core.files.uploadedfile import SimpleUploadedFile

    return SimpleUploadedFile(
        "pemetaan.csv", b"vocabulary,code,term\nOpen Eligibility,counseling,terapi\n",
        content_type="text/csv",
    )  # fmt: skip


def stale_service(f):
    """A service of agency A whose capacity was last updated 90 days ago."""
    from datetime import timedelta

    from django.utils import timezone

    from pendamping.broker import services
    from pendamping.broker.models import Service

    if hasattr(f, "stale_service"):
        return
    worker = f.users["worker"]
    org = services.organization_save(actor=worker, data={"name": "LKS Lama", "description": "-"})
    f.stale_service = services.service_save(
        actor=worker,
        data={"organization": org, "name": "Asrama Lama", "description": "-", "terms": []},
    )
    Service.objects.filter(pk=f.stale_service.pk).update(
        capacity_updated_at=timezone.now() - timedelta(days=90)
    )


def _version(f):
    f.stale_service.refresh_from_db()
    return {"version": f.stale_service.version}


HTML = {
    "term_mappings": ("get", lambda f: {}, None, "admin_page", None),
    "term_mapping_save": ("post", lambda f: {},
                          lambda f: {"vocabulary": "Open Eligibility", "code": "counseling",
                                     "term": _term_pk()}, "admin_page", None),
    "term_mapping_import": ("post", lambda f: {}, lambda f: {"file": _csv()}, "admin_page", None),
    "directory_import": ("get", lambda f: {}, None, "admin_page", None),
    "directory_import_detail": ("get", _run, None, "admin_record", directory_run),
    "directory_import_confirm": ("post", _run, None, "admin_record", directory_run),
    "directory_import_discard": ("post", _run, None, "admin_record", directory_run),
    "directory_template": ("get", lambda f: {"fmt": "xlsx"}, None, "admin_page", None),
    "directory_export": ("get", lambda f: {"fmt": "zip"}, None, "admin_page", None),
    "stale_capacity": ("get", lambda f: {}, None, "create", None),
    "directory_settings": ("post", lambda f: {}, lambda f: {"capacity_stale_days": 14},
                                "admin_page", None),
    "service_capacity_confirm": ("post", lambda f: {"pk": f.stale_service.pk}, _version,
                                 "entry_write", stale_service),
}  # fmt: skip
API = {
    ("GET", "/directory/stale-capacity"): (lambda f: {}, None, "create", None),
    ("GET", "/directory/imports"): (lambda f: {}, None, "admin_page", directory_run),
    ("POST", "/directory/imports"): (lambda f: {}, lambda f: {"file": _sheet()}, "admin_page", None),
    ("GET", "/directory/imports/{import_id}"): (
        lambda f: {"import_id": f.directory_run.pk}, None, "admin_record", directory_run),
    ("POST", "/directory/imports/{import_id}/confirm"): (
        lambda f: {"import_id": f.directory_run.pk}, None, "admin_record", directory_run),
    ("POST", "/directory/imports/{import_id}/discard"): (
        lambda f: {"import_id": f.directory_run.pk}, None, "admin_record", directory_run),
    ("POST", "/directory/services/{service_id}/capacity/confirm"): (
        lambda f: {"service_id": f.stale_service.pk}, _version, "entry_write", stale_service),
}  # fmt: skip
