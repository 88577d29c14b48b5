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
  contact's phones, extra addresses). A file valid against HSDS 3.0 that breaks
  only our own rules imports, with warnings (`report.warnings`): an address outside
  Indonesia keeps its text and country without a region; a location identifier of
  another scheme is kept as text; a Kemendagri code we do not know, or a service
  area that is no Kemendagri code, is resolved when a name matches exactly one
  region (reported), else kept as text (`Service.other_areas`); an out-of-range
  point is dropped; a phone type outside voice/cell/text/fax becomes a voice line
  with the type in its description; a schedule that is not weekly with days and
  hours, and a language without an ISO 639 code, are left out. A taxonomy term of
  another vocabulary is kept as an `ExternalTerm` and gives the service the term
  the agency's `TermMapping` names for it; `report.terms` lists them with the
  services waiting on each unmapped one.
- A record stays unusable, and refuses the file, when it has no name, a broken
  reference (an `organization_id` or `location_id` that is nowhere), values that do
  not fit our columns, or our own vocabulary misused (a code of
  "pendamping-layanan-sosial" that does not exist, sexes other than M/F, PPKS keys
  not in `clients.choices.PPKS`, capacity statuses not in `Capacity`,
  minimum_age > maximum_age).
- The same object repeated under one id (a phone under its organization and its
  service; a location under the organization and in a service_at_location) is one
  object; an id whose copies differ in a value is an error.
- `dry_run` answers the same report, writing nothing.
- A nested organization copy inside a service is used only when the batch has no
  top-level object for the same organization. A nested copy of another agency's
  *shared* organization, or an existing location of it, only links the service: it
  is not changed. New locations cannot be added to another agency's organization.
- A soft-deleted entry matched by id is updated in place and stays deleted.
- Ids of child objects we keep as values (languages, required documents, service
  areas, attributes, addresses) are not kept: the export derives them again.
"""

from __future__ import annotations

import logging

from django.db import DatabaseError, transaction
from django.db.models import Count, Q
from django.utils.translation import gettext as _

from ..models import ExternalTerm
from .load import load_path
from .parse import Parsing
from .records import _Rec
from .report import HsdsLoadError, ImportIssue, ImportReport, TermLine
from .resolve import Resolving
from .schema import validator
from .write import Writing

logger = logging.getLogger(__name__)


class _Importer(Parsing, Resolving, Writing):
    """One import: `parse`, then `resolve`, then (without errors) `write`."""


def term_lines(importer: _Importer, agency) -> list[TermLine]:
    """The batch's terms of other vocabularies, with their mapping and services."""
    keys = {key[:2] for spec in importer.services for key in spec.external or []}
    if not keys:
        return []
    alive = Q(services__agency=agency, services__deleted_at__isnull=True)
    rows = (
        ExternalTerm.objects.filter(
            vocabulary__in={v for v, _c in keys}, code__in={c for _v, c in keys}
        )
        .annotate(n=Count("services", filter=alive))
        .order_by("vocabulary", "code")
    )
    codes = {tid: t.code for tid, t in importer.terms_by_id.items()}
    return [
        TermLine(
            t.vocabulary,
            t.code,
            t.name,
            codes.get(importer.mappings.get((t.vocabulary, t.code)), ""),
            t.n,
        )
        for t in rows
        if (t.vocabulary, t.code) in keys
    ]


def import_path(
    path, *, agency, shared: bool = False, actor=None, dry_run: bool = False
) -> ImportReport:
    """`load_path` (or `tabular.read_tabular` for a zip or a folder of HSDS CSV tables)
    then `import_objects`; file problems come back as report errors."""
    from .tabular import is_tabular, read_tabular

    try:
        objects = read_tabular(path) if is_tabular(path) else load_path(path)
    except HsdsLoadError as exc:
        return ImportReport(errors=exc.issues)
    report = import_objects(objects, agency=agency, shared=shared, actor=actor, dry_run=dry_run)
    sources = getattr(objects, "sources", [])
    if len(set(sources)) > 1:
        for issue in report.errors + report.warnings:
            if issue.index is not None and issue.index < len(sources):
                issue.source = sources[issue.index]
    return report


def import_objects(
    objects: list[dict], *, agency, shared: bool = False, actor=None, dry_run: bool = False
) -> ImportReport:
    """Import HSDS service and organization objects, all or nothing.

    Returns how many entries (organizations and services) were created and updated,
    the warnings, and the terms of other vocabularies (mapped or waiting); or the
    errors, in which case nothing was written. A dry run answers the same and
    writes nothing.
    """
    for kind in ("service", "organization"):
        validator(kind)  # a missing schema is a setup problem: raise, don't report
    report = ImportReport(dry_run=dry_run)
    importer = None
    try:
        with transaction.atomic():
            importer = _Importer(agency=agency, shared=shared, actor=actor)
            importer.parse(objects)
            importer.resolve()
            report.warnings = sorted(importer.warnings, key=lambda e: e.index or 0)
            if importer.errors:
                report.errors = sorted(importer.errors, key=lambda e: e.index or 0)
                return report
            report.created, report.updated = importer.write()
            report.terms = term_lines(importer, agency)
            if dry_run:
                transaction.set_rollback(True)
    except DatabaseError:
        rec = importer.current if importer and importer.current else _Rec(0, "?")
        # the database's own text (values, constraint and table names) stays in the log
        logger.exception("HSDS import: the database refused record %s", rec.index)
        report.created = report.updated = 0
        report.errors.append(
            ImportIssue(
                rec.index,
                rec.label,
                "",
                _(
                    "Basis data menolak rekaman ini. Periksa isinya (panjang teks, angka, "
                    "tanggal) lalu coba lagi; rinciannya tercatat di log server."
                ),
            )
        )
    return report
