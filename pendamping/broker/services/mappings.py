"""Term mappings: an agency's reading of other vocabularies' codes as our terms.

A service keeps its own `terms` (what its publisher or editor gave it) and the ones
its agency's `TermMapping` rows give its `external_terms`; `Service.mapped_terms`
lists the latter, so that changing a mapping takes away only what a mapping gave.
Matching reads `terms`, so a mapped term matches like any other.

- `apply_mappings(agency, keys)` recomputes the agency's services that carry one of
  the (vocabulary, code) `keys` (all external terms when None);
- `import_mappings(agency, rows)` takes CSV rows `vocabulary,code,term` (our term's
  code, or blank to remove the mapping), all or nothing, each bad line named;
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

from ..models import ExternalTerm, Service, TermMapping

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


def read_csv(data: bytes) -> list[dict]:
    """Rows of a UTF-8 (or UTF-8 with BOM) CSV with the header vocabulary,code,term."""
    text = data.decode("utf-8-sig")
    sample = text[:2048]
    try:
        dialect = csv.Sniffer().sniff(sample, delimiters=",;\t")
    except csv.Error:
        dialect = csv.excel
    return list(csv.DictReader(io.StringIO(text), dialect=dialect))


def import_mappings(agency, data: bytes) -> MappingReport:
    """Create, change or (with a blank term) remove mappings; all or nothing."""
    report = MappingReport()
    try:
        rows = read_csv(data)
    except (UnicodeDecodeError, csv.Error) as exc:
        report.errors.append(_("Berkas bukan CSV UTF-8 yang sah: %(error)s") % {"error": exc})
        return report
    header = set(rows[0].keys()) if rows else set()
    if not rows or not {"vocabulary", "code", "term"} <= header:
        report.errors.append(
            _("Baris pertama harus berisi kolom: %(columns)s.") % {"columns": ", ".join(COLUMNS)}
        )
        return report
    terms = {t.code: t.id for t in TaxonomyTerm.objects.all()}
    wanted: dict[tuple[str, str], object] = {}
    for line, row in enumerate(rows, start=2):
        vocabulary = (row.get("vocabulary") or "").strip()
        code = (row.get("code") or "").strip()
        term = (row.get("term") or "").strip()
        if not code:
            report.errors.append(_("Baris %(line)d: kode wajib diisi.") % {"line": line})
            continue
        if len(vocabulary) > 200 or len(code) > 200:
            report.errors.append(
                _("Baris %(line)d: kosakata dan kode paling banyak 200 karakter.") % {"line": line}
            )
            continue
        if term and term not in terms:
            report.errors.append(
                _("Baris %(line)d: istilah %(term)s tidak ada di taksonomi Pendamping.")
                % {"line": line, "term": term}
            )
            continue
        key = (vocabulary, code)
        if key in wanted and wanted[key] != terms.get(term):
            report.errors.append(
                _(
                    "Baris %(line)d: %(vocabulary)s %(code)s sudah dipetakan ke istilah lain di atas."
                )
                % {"line": line, "vocabulary": vocabulary, "code": code}
            )
            continue
        wanted[key] = terms.get(term)
    if report.errors:
        return report
    with transaction.atomic():
        existing = {
            (m.vocabulary, m.code): m
            for m in TermMapping.objects.select_for_update().filter(agency=agency)
        }
        for key, term_id in wanted.items():
            old = existing.get(key)
            if term_id is None:
                if old is not None:
                    old.delete()
                    report.removed += 1
            elif old is None:
                TermMapping.objects.create(
                    agency=agency, vocabulary=key[0], code=key[1], term_id=term_id
                )
                report.created += 1
            elif old.term_id != term_id:
                old.term_id = term_id
                old.save(update_fields=["term", "updated_at"])
                report.updated += 1
        report.services = apply_mappings(agency, set(wanted))
    return report


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
