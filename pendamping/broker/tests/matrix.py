"""Permission-matrix entries for the broker's agency-admin pages (the term mappings).

Merged into accounts/tests/test_permission_matrix.py (rules defined there); the
broker's older entries (directory, needs, referrals, gaps) are still listed there.
"admin_page": every agency's admin works on their own agency's mappings, every other
role is refused (403)."""


def _term_pk():
    from pendamping.taxonomy.models import TaxonomyTerm

    return TaxonomyTerm.objects.get(code="terapi").pk


def _csv():
    from django.core.files.uploadedfile import SimpleUploadedFile

    return SimpleUploadedFile(
        "pemetaan.csv", b"vocabulary,code,term\nOpen Eligibility,counseling,terapi\n",
        content_type="text/csv",
    )  # fmt: skip


HTML = {
    "term_mappings": ("get", lambda f: {}, None, "admin_page", None),
    "term_mapping_save": ("post", lambda f: {},
                          lambda f: {"vocabulary": "Open Eligibility", "code": "counseling",
                                     "term": _term_pk()}, "admin_page", None),
    "term_mapping_import": ("post", lambda f: {}, lambda f: {"file": _csv()}, "admin_page", None),
}  # fmt: skip
API = {}
