"""Term mappings: an agency's reading of other vocabularies' codes as our terms.

A service keeps its own `terms` (what its publisher or editor gave it) and the ones
its agency's `TermMapping` rows give its `external_terms`; `Service.mapped_terms`
lists the latter, so that changing a mapping takes away only what a mapping gave.
Matching reads `terms`, so a mapped term matches like any other.

- `apply_mappings(agency, keys)` recomputes the agency's services that carry one of
  the (vocabulary, code) `keys` (all external terms when None);
- `import_mappings(agency, data)` takes CSV rows `vocabulary,code,term` (our term's
  code, or blank to remove the mapping), all or nothing, each bad cell named by
  line and column; `map_term` maps (or unmaps) one code from the mapping page;
  both write each change to the append-only `MappingChange` trail;
- `unmapped_terms(agency)` lists the external terms on the agency's live services
  that no mapping of the agency names, with how many services wait on each.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field

from django.db import transaction
from django.db.models import Count, Q
from django.utils.translation import gettext as _

from pendamping.taxonomy.models import TaxonomyTerm

from ..models import ExternalTerm, MappingChange, Service, TermMapping

COLUMNS = ("vocabulary", "code", "term")


@dataclass
class MappingReport:
    created: int = 0
    updated: int = 0
    removed: int = 0
    services: int = 0  # services whose terms changed
    errors: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.errors


def mapped_for(agency, keys) -> dict[tuple[str, str], object]:
    return {
        (m.vocabulary, m.code): m.term_id
        for m in TermMapping.objects.filter(agency=agency)
        if keys is None or (m.vocabulary, m.code) in keys
    }


def apply_mappings(agency, keys=None) -> int:
    """Give the agency's services the terms its mappings name; returns how many changed."""
    from .gaps import schedule_rematch

    services = Service.objects.filter(agency=agency).prefetch_related("terms", "external_terms")
    if keys is not None:
        q = Q()
        for vocabulary, code in keys:
            q |= Q(external_terms__vocabulary=vocabulary, external_terms__code=code)
        services = services.filter(q).distinct() if keys else services.none()
    mappings = mapped_for(agency, None)
    changed = 0
    for service in services:
        current = {t.id for t in service.terms.all()}
        given = {str(x) for x in service.mapped_terms}
        own = {t for t in current if str(t) not in given}
        wanted = {
            mappings[(t.vocabulary, t.code)]
            for t in service.external_terms.all()
            if (t.vocabulary, t.code) in mappings
        }
        mapped = wanted - own
        if own | mapped != current or {str(t) for t in mapped} != given:
            service.terms.set(own | mapped)
            service.mapped_terms = sorted(str(t) for t in mapped)
            service.save(update_fields=["mapped_terms"])
            schedule_rematch(service.pk)
            changed += 1
    return changed


def read_csv(data: bytes) -> tuple[list[str], list[dict]]:
    """The header and rows of a UTF-8 (or UTF-8 with BOM) CSV, `,` `;` or tab separated."""
    text = data.decode("utf-8-sig")
    sample = text[:2048]
    try:
        dialect = csv.Sniffer().sniff(sample, delimiters=",;\t")
    except csv.Error:
        dialect = csv.excel
    reader = csv.DictReader(io.StringIO(text), dialect=dialect)
    rows = list(reader)
    return [(n or "").strip() for n in reader.fieldnames or []], rows


def _row_error(report, line: int, column: str, message: str) -> None:
    report.errors.append(
        _("Baris %(line)d, kolom %(column)s: %(message)s")
        % {"line": line, "column": column, "message": message}
    )


def import_mappings(agency, data: bytes, *, actor=None) -> MappingReport:
    """Create, change or (with a blank term) remove mappings; all or nothing, each
    error named by its line (the header is line 1) and column. `actor` is who
    uploaded it on the mapping page (None from the command line)."""
    report = MappingReport()
    try:
        header, rows = read_csv(data)
    except (UnicodeDecodeError, csv.Error) as exc:
        report.errors.append(_("Berkas bukan CSV UTF-8 yang sah: %(error)s") % {"error": exc})
        return report
    if not set(COLUMNS) <= set(header):
        report.errors.append(
            _("Baris pertama harus berisi kolom: %(columns)s.") % {"columns": ", ".join(COLUMNS)}
        )
        return report
    if not rows:
        report.errors.append(_("Berkas tidak berisi baris pemetaan."))
        return report
    terms = {t.code: t.id for t in TaxonomyTerm.objects.all()}
    wanted: dict[tuple[str, str], object] = {}
    first: dict[tuple[str, str], int] = {}
    for line, row in enumerate(rows, start=2):
        vocabulary = (row.get("vocabulary") or "").strip()
        code = (row.get("code") or "").strip()
        term = (row.get("term") or "").strip()
        if not code:
            _row_error(report, line, "code", _("kode wajib diisi."))
            continue
        too_long = [c for c, v in (("vocabulary", vocabulary), ("code", code)) if len(v) > 200]
        for column in too_long:
            _row_error(report, line, column, _("paling banyak 200 karakter."))
        if too_long:
            continue
        if term and term not in terms:
            _row_error(
                report, line, "term",
                _("istilah %(term)s tidak ada di taksonomi Pendamping.") % {"term": term},
            )  # fmt: skip
            continue
        key = (vocabulary, code)
        if key in wanted and wanted[key] != terms.get(term):
            _row_error(
                report, line, "term",
                _("%(vocabulary)s %(code)s sudah dipetakan ke istilah lain di baris %(first)d.")
                % {"vocabulary": vocabulary, "code": code, "first": first[key]},
            )  # fmt: skip
            continue
        wanted[key] = terms.get(term)
        first.setdefault(key, line)
    if report.errors:
        return report
    source = MappingChange.Source.CSV if actor else MappingChange.Source.COMMAND
    with transaction.atomic():
        _write(agency, wanted, report, actor=actor, source=source)
    return report


def map_term(agency, *, actor, vocabulary: str, code: str, term) -> MappingReport:
    """One code mapped to `term` (a TaxonomyTerm), or its mapping removed (None), on
    the mapping page."""
    report = MappingReport()
    with transaction.atomic():
        _write(agency, {(vocabulary, code): term.id if term else None}, report, actor=actor,
               source=MappingChange.Source.PAGE)  # fmt: skip
    return report


def _write(agency, wanted: dict, report: MappingReport, *, actor, source) -> None:
    """Apply the wanted (vocabulary, code) -> term id (None: remove) to the agency's
    mappings and its services, each change in the trail."""
    codes = dict(TaxonomyTerm.objects.values_list("id", "code"))
    existing = {
        (m.vocabulary, m.code): m
        for m in TermMapping.objects.select_for_update().filter(agency=agency)
    }
    changes = []
    for key, term_id in wanted.items():
        old = existing.get(key)
        before = codes.get(old.term_id, "") if old else ""
        if term_id is None:
            if old is None:
                continue
            old.delete()
            report.removed += 1
            action = MappingChange.Action.REMOVED
        elif old is None:
            TermMapping.objects.create(agency=agency, vocabulary=key[0], code=key[1],
                                       term_id=term_id)  # fmt: skip
            report.created += 1
            action = MappingChange.Action.CREATED
        elif old.term_id != term_id:
            old.term_id = term_id
            old.save(update_fields=["term", "updated_at"])
            report.updated += 1
            action = MappingChange.Action.CHANGED
        else:
            continue
        changes.append(MappingChange(
            agency=agency, actor=actor, source=source, vocabulary=key[0], code=key[1],
            action=action, before=before, after=codes.get(term_id, "") if term_id else "",
        ))  # fmt: skip
    MappingChange.objects.bulk_create(changes)
    report.services = apply_mappings(agency, set(wanted))


def unmapped_terms(agency) -> list[ExternalTerm]:
    """External terms on the agency's live services without a mapping; `.waiting` is
    how many of those services carry each, most first."""
    alive = Q(services__agency=agency, services__deleted_at__isnull=True)
    mapped = mapped_for(agency, None)
    rows = (
        ExternalTerm.objects.filter(alive)
        .annotate(waiting=Count("services", distinct=True))
        .order_by("-waiting", "vocabulary", "code")
    )
    return [t for t in rows if (t.vocabulary, t.code) not in mapped]
