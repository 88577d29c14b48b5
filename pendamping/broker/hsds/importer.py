"""HSDS 3.0 import into the resource directory, all or nothing.

`import_objects` takes HSDS service and organization objects.

Telling them apart: an object with any of `status`, `organization_id` or
`organization` is a **service**; otherwise it is an **organization**. An object that
also has a key only organizations have (`services`, `website`, `legal_status`,
`tax_id`, `tax_status`, `year_incorporated`, `locations`, `parent_organization_id`,
`organization_identifiers`) is refused as ambiguous.

Rules:

- Every object is validated against its compiled schema (Draft 2020-12, with format
  checking) and against our own rules; one error anywhere and nothing is written.
- Entries are matched by HSDS `id`: an existing one is updated in place (its version
  goes up), a new one is created for the importing agency. An existing entry of
  another agency is refused.
- Strings and ages that are absent are stored blank. A list that is present
  (phones, contacts, schedules, languages, required_documents, service_areas,
  service_at_locations, attributes) replaces what we have; a list that is absent
  leaves it as it is. The `services` of an organization are imported too, but a
  service missing from that list is never deleted; locations are created or
  updated, never deleted by an import.
- A service's organization comes from its nested `organization`, from the
  organization object it is nested in, or from `organization_id`, which must be in
  the database (owned by the importing agency or shared) or in the same batch.
- Fields Pendamping does not model are ignored (e.g. `wait_time`, `funding`, a
  contact's phones, extra addresses). Values in fields we read must fit, or the
  record is an error: phone types voice/cell/text/fax; weekly schedules only;
  addresses in Indonesia; service areas and location `external_identifier` as
  Kemendagri region codes that exist in `clients.Region`; taxonomy codes that
  exist (or an existing TaxonomyTerm id); sexes M/F; PPKS keys of
  `clients.choices.PPKS`; capacity statuses of `Capacity`; minimum_age <= maximum_age.
- A nested organization copy inside a service is used only when the batch has no
  top-level object for the same organization. A nested copy of another agency's
  *shared* organization, or an existing location of it, only links the service: it
  is not changed. New locations cannot be added to another agency's organization.
- A soft-deleted entry matched by id is updated in place and stays deleted.
- Ids of child objects we keep as values (languages, required documents, service
  areas, attributes, addresses) are not kept: the export derives them again.
"""

from __future__ import annotations

from django.db import DatabaseError, transaction
from django.utils.translation import gettext as _

from .load import load_path
from .parse import Parsing
from .records import _Rec
from .report import HsdsLoadError, ImportIssue, ImportReport
from .resolve import Resolving
from .schema import validator
from .write import Writing


class _Importer(Parsing, Resolving, Writing):
    """One import: `parse`, then `resolve`, then (without errors) `write`."""


def import_path(path, *, agency, shared: bool = False, actor=None) -> ImportReport:
    """`load_path` then `import_objects`; file problems come back as report errors."""
    try:
        objects = load_path(path)
    except HsdsLoadError as exc:
        return ImportReport(errors=exc.issues)
    report = import_objects(objects, agency=agency, shared=shared, actor=actor)
    sources = getattr(objects, "sources", [])
    if len(set(sources)) > 1:
        for issue in report.errors:
            if issue.index is not None and issue.index < len(sources):
                issue.source = sources[issue.index]
    return report


def import_objects(
    objects: list[dict], *, agency, shared: bool = False, actor=None
) -> ImportReport:
    """Import HSDS service and organization objects, all or nothing.

    Returns how many entries (organizations and services) were created and updated,
    or the errors, in which case nothing was written.
    """
    for kind in ("service", "organization"):
        validator(kind)  # a missing schema is a setup problem: raise, don't report
    report = ImportReport()
    importer = None
    try:
        with transaction.atomic():
            importer = _Importer(agency=agency, shared=shared, actor=actor)
            importer.parse(objects)
            importer.resolve()
            if importer.errors:
                report.errors = sorted(importer.errors, key=lambda e: e.index or 0)
                return report
            report.created, report.updated = importer.write()
    except DatabaseError as exc:
        rec = importer.current if importer and importer.current else _Rec(0, "?")
        report.created = report.updated = 0
        report.errors.append(
            ImportIssue(
                rec.index,
                rec.label,
                "",
                _("Basis data menolak rekaman ini: %(error)s") % {"error": exc},
            )
        )
    return report
