"""The directory from a spreadsheet: services and their providers, one row per service,
from an XLSX or CSV file, through the HSDS importer (importer.py).

Column layout (row 1 is the header, in Indonesian, in English or as the key; case and
order free; only the two names are required):

    key            Indonesian header   English header
    service_id     id layanan          service id       optional stable key (see below)
    provider_name  nama lembaga        provider name    required
    service_name   nama layanan        service name     required
    description    deskripsi           description
    address        alamat              address          street address of the service
    city           kota                city
    region         wilayah             region           Kemendagri code (32.73) or a region name
    phone          telepon             phone            several separated by ";"
    email          e-mail              email
    website        situs web           website          the service's page (https://…)
    eligibility    syarat              eligibility      who may use it, as text
    minimum_age    usia minimum        minimum age      whole years
    maximum_age    usia maksimum       maximum age      whole years
    fees           biaya               fees             as text ("Gratis")
    service_type   jenis layanan       service type     our taxonomy terms by code or by name
                                                       (either language), separated by ";"

Each row becomes one HSDS service object with its organization, location and phones,
and the batch goes through `import_objects`: the same schema checks, rules, warnings
(a region name resolved to its code, a code we do not know kept as text) and all or
nothing. The report is the importer's, its issues named by row (`index`, the header
being row 1) and column (`field`, the header of the reader's language).

Idempotency: the stable key of a row is its `service_id` when given (a UUID is used
as it is; other text is hashed with the agency), else its provider name and service
name (case and spacing ignored) within the agency. A provider of the agency with the
same name is the row's provider; a service of that provider with the same name is
the row's service (updated in place, its version going up); a location of that
provider with the same address and city is the row's location. New ones get ids
derived from the key, so the same file imported twice creates nothing the second
time. Two rows with the same key are an error naming both rows.

What a row leaves alone: an existing provider is only linked, never changed (edit it
on its page; a new one gets its name as its description, which HSDS requires); the
capacity, eligibility by sex or PPKS and terms of other vocabularies of an existing
service are kept. An empty phone, address (with city
and region) or service type column leaves the service's phones, locations or terms
as they are; the other columns are what the service says, so an empty one clears
the field.
"""

from __future__ import annotations

import re
import uuid
from dataclasses import dataclass
from pathlib import Path

from django.db.models.functions import Lower
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from pendamping import spreadsheets
from pendamping.taxonomy.models import TaxonomyTerm

from ..models import Location, Organization, Service
from .export import export_service
from .importer import import_objects
from .report import ImportIssue, ImportReport
from .schema import REGION_SCHEME, child_id

# key, Indonesian header, English header, example cell
COLUMNS = [
    ("service_id", "id layanan", "service id", ""),
    ("provider_name", "nama lembaga", "provider name", "Yayasan Pelita Harapan"),
    ("service_name", "nama layanan", "service name", "Rumah aman perempuan"),
    ("description", "deskripsi", "description",
     "Tempat tinggal sementara dan pendampingan psikososial."),
    ("address", "alamat", "address", "Jl. Cihampelas No. 12"),
    ("city", "kota", "city", "Kota Bandung"),
    ("region", "wilayah", "region", "32.73"),
    ("phone", "telepon", "phone", "022-4201234; 0812-3456-7890"),
    ("email", "e-mail", "email", "layanan@pelita.or.id"),
    ("website", "situs web", "website", "https://pelita.or.id"),
    ("eligibility", "syarat", "eligibility", "Perempuan korban kekerasan"),
    ("minimum_age", "usia minimum", "minimum age", "18"),
    ("maximum_age", "usia maksimum", "maximum age", ""),
    ("fees", "biaya", "fees", "Gratis"),
    ("service_type", "jenis layanan", "service type", "pengasuhan.rumah_aman; Konseling keluarga"),
]  # fmt: skip
KEYS = [key for key, *_rest in COLUMNS]
REQUIRED = ("provider_name", "service_name")
# The headers are read in both languages, whatever the reader's.
ACCEPTED = {h.lower(): key for key, id_, en, _x in COLUMNS for h in (key, id_, en)}
REGION_CODE = re.compile(r"^[0-9]{2}(\.[0-9]{2}){0,2}(\.[0-9]{4})?$")  # ASCII digits, not \d
SPLIT = re.compile(r"\s*;\s*")
WHOLE_YEARS = re.compile(r"[0-9]{1,3}(?:[.,]0{1,6})?")
NAMESPACE = uuid.UUID("b6f1f3c2-9a43-4d5e-8a1e-3c0f7d9e5a17")  # ids of rows without one


def _english() -> bool:
    return (get_language() or "id").startswith("en")


def header(key: str) -> str:
    """The column's header in the reader's language (one of those the reader accepts)."""
    for k, id_, en, _x in COLUMNS:
        if k == key:
            return en if _english() else id_
    return key


def template_rows() -> tuple[list[str], list[str]]:
    """The header (in the reader's language) and an example row of the template."""
    return [header(k) for k in KEYS], [x for *_r, x in COLUMNS]


@dataclass
class _Row:
    line: int
    cells: dict


def _norm(text: str) -> str:
    return " ".join(text.split()).lower()


def _stable_uuid(agency, *parts: str) -> str:
    return str(uuid.uuid5(NAMESPACE, "|".join([str(agency.pk), *map(_norm, parts)])))


class _Sheet:
    """The rows of one file turned into HSDS service objects."""

    def __init__(self, agency):
        self.agency = agency
        self.errors: list[ImportIssue] = []
        self.lines: list[int] = []  # the file row of each object
        self.labels: list[str] = []  # and its service's name

    def error(self, row: _Row, key: str, message: str) -> None:
        label = row.cells.get("service_name") or row.cells.get("provider_name") or "?"
        self.errors.append(ImportIssue(row.line, label, header(key), message))

    def objects(self, rows: list[_Row]) -> list[dict]:
        agency = self.agency
        names = {_norm(r.cells.get("provider_name") or "") for r in rows}
        self.orgs = {
            n: o
            for n, o in Organization.objects.filter(agency=agency)
            .annotate(n=Lower("name"))
            .filter(n__in=names)
            .values_list("n", "id")
        }
        self.services = {
            (str(org), _norm(name)): sid
            for sid, org, name in Service.objects.filter(
                agency=agency, organization_id__in=self.orgs.values()
            ).values_list("id", "organization_id", "name")
        }
        self.locations = {
            (str(org), _norm(addr), _norm(city)): lid
            for lid, org, addr, city in Location.objects.filter(
                organization_id__in=self.orgs.values()
            ).values_list("id", "organization_id", "address_1", "city")
        }
        self.terms = {}
        for t in TaxonomyTerm.objects.all():
            for text in (t.code, t.name_id, t.name_en):
                self.terms.setdefault(_norm(text), t)
        seen: dict[str, int] = {}
        out = []
        for row in rows:
            obj = self.service(row)
            if obj is None:
                continue
            if obj["id"] in seen:
                self.error(row, "service_name" if not row.cells.get("service_id") else "service_id",
                           _("Baris ini mengulang layanan di baris %(row)s (nama lembaga dan "
                             "nama layanan yang sama, atau id layanan yang sama).")
                           % {"row": seen[obj["id"]]})  # fmt: skip
                continue
            seen[obj["id"]] = row.line
            out.append(obj)
            self.lines.append(row.line)
            self.labels.append(obj["name"])
        return out

    def service(self, row: _Row) -> dict | None:
        c = row.cells
        provider, name = c.get("provider_name") or "", c.get("service_name") or ""
        missing = [k for k, v in (("provider_name", provider), ("service_name", name)) if not v]
        for key in missing:
            self.error(row, key, _("Kolom ini wajib diisi."))
        if missing:
            return None
        org_id = self.orgs.get(_norm(provider))
        org = str(org_id) if org_id else _stable_uuid(self.agency, "org", provider)
        sid = self._service_id(row, org, provider, name)
        if sid is None:
            return None
        obj = {
            "id": sid,
            "name": name,
            "status": "active",
            "description": c.get("description") or "",
            "email": c.get("email") or "",
            "url": c.get("website") or "",
            "eligibility_description": c.get("eligibility") or "",
            "fees_description": c.get("fees") or "",
        }
        obj = {k: v for k, v in obj.items() if v != ""}  # an absent string is stored blank
        if org_id:
            obj["organization_id"] = org
        else:
            obj["organization"] = {"id": org, "name": provider, "description": provider}
        for key in ("minimum_age", "maximum_age"):
            if c.get(key):
                # whole years in ASCII digits, at most three ("18", or "18.0" from a
                # number cell): never float() of the text ("inf", "1e999", "²")
                if WHOLE_YEARS.fullmatch(c[key].strip()):
                    obj[key] = int(c[key].strip().replace(",", ".").split(".")[0])
                else:
                    self.error(row, key, _("Tulis usia dalam tahun, sebagai angka bulat."))
        if c.get("phone"):
            obj["phones"] = [
                {"id": child_id(sid, "phone", number), "service_id": sid, "number": number}
                for number in dict.fromkeys(SPLIT.split(c["phone"].strip(" ;")))
            ]
        self._location(row, obj, org, bool(org_id))
        self._terms(row, obj)
        return obj

    def _service_id(self, row: _Row, org: str, provider: str, name: str) -> str | None:
        key = row.cells.get("service_id")
        if key:
            try:
                return str(uuid.UUID(key))
            except ValueError:
                return _stable_uuid(self.agency, "service-id", key)
        found = self.services.get((org, _norm(name)))
        return str(found) if found else _stable_uuid(self.agency, "service", provider, name)

    def _location(self, row: _Row, obj: dict, org: str, org_exists: bool) -> None:
        c = row.cells
        address, city, region = (c.get(k) or "" for k in ("address", "city", "region"))
        if region:
            if REGION_CODE.match(region):
                area = {"name": region, "extent": region, "extent_type": REGION_SCHEME}
            else:
                area = {"name": region}
            obj["service_areas"] = [
                {"id": child_id(obj["id"], "service_area", region), "service_id": obj["id"]} | area
            ]
        if not (address or city or region):
            return
        found = self.locations.get((org, _norm(address), _norm(city))) if org_exists else None
        lid = str(found) if found else str(uuid.uuid5(uuid.UUID(org), _norm(f"{address}|{city}")))
        sal = {"id": child_id(obj["id"], "service_at_location", lid), "service_id": obj["id"],
               "location_id": lid}  # fmt: skip
        if not found:
            location = {"id": lid, "organization_id": org, "location_type": "physical",
                        "name": "", "addresses": [{
                            "id": child_id(lid, "address", "physical"), "location_id": lid,
                            "address_1": address, "city": city, "postal_code": "",
                            "state_province": "" if REGION_CODE.match(region) else region,
                            "country": "ID", "address_type": "physical"}]}  # fmt: skip
            if REGION_CODE.match(region):
                location |= {"external_identifier": region,
                             "external_identifier_type": REGION_SCHEME}  # fmt: skip
            sal["location"] = location
        obj["service_at_locations"] = [sal]

    def _terms(self, row: _Row, obj: dict) -> None:
        text = row.cells.get("service_type")
        if not text:
            return
        sid = obj["id"]
        attributes = []
        for written in dict.fromkeys(SPLIT.split(text.strip(" ;"))):
            term = self.terms.get(_norm(written))
            if term is None:
                self.error(row, "service_type", _(
                    "Jenis layanan %(term)s tidak ada di taksonomi; tulis kode atau nama "
                    "istilahnya seperti pada halaman taksonomi.") % {"term": written})  # fmt: skip
                continue
            attributes.append({
                "id": child_id(sid, "attribute", term.code), "link_id": sid,
                "link_type": "service_type", "link_entity": "service",
                "taxonomy_term_id": str(term.id),
                "taxonomy_term": {"id": str(term.id), "code": term.code, "name": term.name_id,
                                  "description": term.description_id or "",
                                  "taxonomy": TaxonomyTerm.TAXONOMY},
            })  # fmt: skip
        existing = Service.objects.filter(pk=sid, agency=self.agency).first()
        if existing is not None:  # keep its capacity, eligibility and other vocabularies
            attributes += [
                a for a in export_service(existing, with_organization=False)["attributes"]
                if not (a["link_type"] == "service_type"
                        and a["taxonomy_term"].get("taxonomy") == TaxonomyTerm.TAXONOMY)
            ]  # fmt: skip
        obj["attributes"] = attributes


def read_sheet(path: Path, display_name: str | None = None) -> list[_Row]:
    """The non-empty rows of the file; SheetError when it is not such a table."""
    rows = spreadsheets.read_table(
        Path(path),
        columns=ACCEPTED,
        required={k: header(k) for k in REQUIRED},
        display_name=display_name,
    )
    return [_Row(line, cells) for line, cells in enumerate(rows, start=2) if cells]


def import_sheet(
    path, *, agency, actor=None, dry_run: bool = False, display_name: str | None = None
) -> ImportReport:
    """Import the services of a spreadsheet, all or nothing; the importer's report with
    its issues named by row and column (a file that cannot be read: one error)."""
    try:
        rows = read_sheet(path, display_name)
    except spreadsheets.SheetError as exc:
        return ImportReport(dry_run=dry_run, errors=[ImportIssue(None, "", "", str(exc))])
    sheet = _Sheet(agency)
    objects = sheet.objects(rows)
    if sheet.errors:
        return ImportReport(dry_run=dry_run, errors=sheet.errors)
    if not objects:
        return ImportReport(dry_run=dry_run, errors=[ImportIssue(
            None, display_name or Path(path).name, "", _("Berkas ini tidak berisi baris layanan."))])  # fmt: skip
    report = import_objects(objects, agency=agency, actor=actor, dry_run=dry_run)
    for issue in report.errors + report.warnings:
        if issue.index is not None and issue.index < len(sheet.lines):
            issue.record = sheet.labels[issue.index]
            issue.index = sheet.lines[issue.index]
            issue.field = header(column_of(issue.field))
    # a region name resolved for the service area and for the location: said once
    said = set()
    report.warnings = [w for w in report.warnings
                       if (w.index, w.message) not in said and not said.add((w.index, w.message))]  # fmt: skip
    return report


# the HSDS field a problem names -> the column it came from
_FIELD_COLUMNS = [
    ("organization", "provider_name"), ("name", "service_name"), ("id", "service_id"),
    ("description", "description"), ("email", "email"), ("url", "website"),
    ("eligibility_description", "eligibility"), ("minimum_age", "minimum_age"),
    ("maximum_age", "maximum_age"), ("fees_description", "fees"), ("phones", "phone"),
    ("service_areas", "region"), ("attributes", "service_type"),
]  # fmt: skip


def column_of(field: str) -> str:
    """The column of an HSDS field path (`phones[0].number` is the phone column)."""
    if field.startswith("service_at_locations"):
        for part, key in (("address_1", "address"), ("city", "city")):
            if field.endswith(part):
                return key
        return "region"
    head = re.split(r"[.\[]", field, maxsplit=1)[0]
    return next((key for name, key in _FIELD_COLUMNS if head == name), head)
