"""Open Referral HSDS 3.0 import and export of the resource directory.

Export
------
`export_service` and `export_organization` give HSDS 3.0 objects that validate
against the compiled schemas (`compiled/service.json`, `compiled/organization.json`).
Values we keep as plain lists (languages, required documents, service areas) and
the attributes (taxonomy terms, eligibility, capacity) become child objects whose
ids are derived from the parent id (`child_id`), so an export is stable and can be
imported again. Optional strings that are empty are left out, never sent as null.

Attributes of a service:

- one per taxonomy term: link_type "service_type", the term of the taxonomy
  "pendamping-layanan-sosial" (code, Indonesian name and description, parent_id);
- one per eligible sex: link_type "eligibility", code "sex:M" / "sex:F";
- one per eligible PPKS category: link_type "eligibility", code "ppks:<key>";
- one for capacity: link_type "capacity", code "capacity:<status>", value a JSON
  string {"count": n|null, "updated_at": iso|null}.

Terms that are not TaxonomyTerm rows (sex, PPKS, capacity) get the id
`taxonomy.term_id(code)`.

Import
------
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

import json
import re
import uuid
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime, time
from functools import lru_cache
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured, ValidationError
from django.db import DatabaseError, transaction
from django.db.models import Prefetch, QuerySet
from django.utils import timezone, translation
from django.utils.dateparse import parse_datetime
from django.utils.translation import gettext as _
from jsonschema import Draft202012Validator

from pendamping.clients.choices import PPKS, Sex
from pendamping.clients.models import Region

from .access import agency_organizations, agency_services
from .models import (
    Capacity,
    Contact,
    Location,
    Organization,
    Phone,
    Schedule,
    Service,
    ServiceAtLocation,
    TaxonomyTerm,
)
from .taxonomy import term_id

REGION_SCHEME = "kemendagri"
COUNTRY = "ID"
SERVICE_KEYS = frozenset({"status", "organization_id", "organization"})
ORGANIZATION_KEYS = frozenset(
    {
        "services",
        "website",
        "legal_status",
        "tax_id",
        "tax_status",
        "year_incorporated",
        "locations",
        "parent_organization_id",
        "organization_identifiers",
    }
)
LANGUAGE_NAMES = {
    "id": "Bahasa Indonesia",
    "jv": "Bahasa Jawa",
    "su": "Bahasa Sunda",
    "mad": "Bahasa Madura",
    "ban": "Bahasa Bali",
    "bug": "Bahasa Bugis",
    "min": "Bahasa Minangkabau",
    "bjn": "Bahasa Banjar",
    "ace": "Bahasa Aceh",
    "ms": "Bahasa Melayu",
    "en": "Bahasa Inggris",
    "ar": "Bahasa Arab",
    "zh": "Bahasa Tionghoa",
    "sgn": "Bahasa isyarat",
}
LANGUAGE_CODE_RE = re.compile(r"^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*$")
TIME_RE = re.compile(r"^(\d{2}):(\d{2})(?::(\d{2}))?$")
PSEUDO_DESCRIPTIONS = {
    "sex": "Syarat jenis kelamin penerima layanan.",
    "ppks": "Syarat kategori PPKS (Permensos 08/2012) penerima layanan.",
    "capacity": "Ketersediaan tempat layanan; value berisi jumlah tempat dan waktu pembaruan.",
}
LINK_TYPES = {"sex": "eligibility", "ppks": "eligibility", "capacity": "capacity"}


def child_id(parent_id, kind: str, value: str) -> str:
    """A stable id for a child object we keep only as a value (a language, an area…)."""
    return str(uuid.uuid5(uuid.UUID(str(parent_id)), f"{kind}:{value}"))


def schema_dir() -> Path:
    """Where the compiled HSDS 3.0 schemas are (setting HSDS_SCHEMA_DIR)."""
    configured = getattr(settings, "HSDS_SCHEMA_DIR", None)
    if configured:
        return Path(configured)
    return Path(settings.BASE_DIR).parent / "shared" / "hsds" / "schema" / "compiled"


@lru_cache(maxsize=8)
def _validator(kind: str, directory: str) -> Draft202012Validator:
    path = Path(directory) / f"{kind}.json"
    try:
        schema = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise ImproperlyConfigured(
            _("Skema HSDS %(path)s tidak dapat dibaca. Atur HSDS_SCHEMA_DIR.") % {"path": path}
        ) from exc
    return Draft202012Validator(schema, format_checker=Draft202012Validator.FORMAT_CHECKER)


def validator(kind: str) -> Draft202012Validator:
    """The Draft 2020-12 validator (with format checks) for "service" or "organization"."""
    return _validator(kind, str(schema_dir()))


# ---- export ------------------------------------------------------------------------


def _compact(d: dict) -> dict:
    return {k: v for k, v in d.items() if v is not None and v != ""}


def _iso(dt: datetime | None) -> str | None:
    return dt.isoformat() if dt else None


def _hhmm(t) -> str:
    return t.strftime("%H:%M") if isinstance(t, time) else str(t)[:5]


def _alive(items: Iterable) -> list:
    return [x for x in items if x.deleted_at is None]


def _service_region_codes(service: Service) -> set[str]:
    codes = {c for c in service.service_areas if isinstance(c, str)}
    codes |= {sal.location.region_id for sal in service.at_locations.all()}
    return {c for c in codes if c}


def _organization_region_codes(org: Organization, services: Iterable[Service]) -> set[str]:
    codes = {loc.region_id for loc in org.locations.all() if loc.region_id}
    for s in services:
        codes |= _service_region_codes(s)
    return codes


class _Exporter:
    """Builds HSDS objects; region names come from one query for the whole batch."""

    def __init__(self, region_codes: set[str]):
        codes = set(region_codes) | {c.split(".")[0] for c in region_codes}
        self.regions = (
            dict(Region.objects.filter(code__in=codes).values_list("code", "name")) if codes else {}
        )
        with translation.override("id"):
            self.labels = {
                "sex": {k: str(v) for k, v in Sex.choices},
                "ppks": {k: str(v) for k, v in PPKS.choices},
                "capacity": {k: str(v) for k, v in Capacity.choices},
            }

    # children shared by organizations and services

    def phones(self, owner: dict, phones) -> list[dict]:
        return [
            _compact(
                {
                    "id": str(p.id),
                    **owner,
                    "number": p.number,
                    "type": p.type,
                    "description": p.description,
                }
            )
            for p in phones
        ]

    def contacts(self, owner: dict, contacts) -> list[dict]:
        return [
            _compact({"id": str(c.id), **owner, "name": c.name, "title": c.title, "email": c.email})
            for c in contacts
        ]

    def location(self, loc: Location) -> dict:
        out = _compact(
            {
                "id": str(loc.id),
                "location_type": loc.location_type,
                "organization_id": str(loc.organization_id),
                "name": loc.name,
                "description": loc.description,
                "latitude": loc.latitude,
                "longitude": loc.longitude,
                "external_identifier": loc.region_id,
                "external_identifier_type": REGION_SCHEME if loc.region_id else None,
            }
        )
        if loc.address_1 or loc.city or loc.postal_code:
            kind = "postal" if loc.location_type == Location.Type.POSTAL else "physical"
            province = self.regions.get(loc.region_id.split(".")[0], "") if loc.region_id else ""
            out["addresses"] = [
                {  # HSDS requires every one of these keys; blanks stay as ""
                    "id": child_id(loc.id, "address", kind),
                    "location_id": str(loc.id),
                    "address_1": loc.address_1,
                    "city": loc.city,
                    "state_province": province,
                    "postal_code": loc.postal_code,
                    "country": COUNTRY,
                    "address_type": kind,
                }
            ]
        return out

    # organizations

    def organization_core(self, org: Organization) -> dict:
        out = _compact(
            {
                "id": str(org.id),
                "name": org.name,
                "alternate_name": org.alternate_name,
                "description": org.description,
                "email": org.email,
                "website": org.website,
                "legal_status": org.legal_status,
                "tax_id": org.tax_id,
            }
        )
        out.setdefault("name", "")  # both required by HSDS, even when blank
        out.setdefault("description", "")
        return out

    def organization(self, org: Organization, services: Iterable[Service]) -> dict:
        owner = {"organization_id": str(org.id)}
        return {
            **self.organization_core(org),
            "phones": self.phones(owner, org.phones.all()),
            "contacts": self.contacts(owner, org.contacts.all()),
            "locations": [self.location(loc) for loc in org.locations.all()],
            "services": [self.service(s, with_organization=False) for s in services],
        }

    # services

    def _attribute(
        self, sid: str, link_type: str, code: str, name: str, description: str, **extra
    ) -> dict:
        tid = str(extra.pop("term_uuid", None) or term_id(code))
        term = {"id": tid, "code": code, "name": name, "description": description or ""}
        if extra.get("parent_id"):
            term["parent_id"] = str(extra["parent_id"])
        term["taxonomy"] = TaxonomyTerm.TAXONOMY
        out = {
            "id": child_id(sid, "attribute", code),
            "link_id": sid,
            "link_type": link_type,
            "link_entity": "service",
            "taxonomy_term_id": tid,
            "taxonomy_term": term,
        }
        if extra.get("value") is not None:
            out["value"] = extra["value"]
        return out

    def attributes(self, s: Service) -> list[dict]:
        sid = str(s.id)
        out = [
            self._attribute(
                sid,
                "service_type",
                t.code,
                t.name_id,
                t.description_id,
                term_uuid=t.id,
                parent_id=t.parent_id,
            )
            for t in sorted(s.terms.all(), key=lambda t: t.code)
        ]
        for prefix, values in (("sex", s.eligible_sexes), ("ppks", s.eligible_ppks)):
            for v in values:
                out.append(
                    self._attribute(
                        sid,
                        "eligibility",
                        f"{prefix}:{v}",
                        self.labels[prefix].get(v, v),
                        PSEUDO_DESCRIPTIONS[prefix],
                    )
                )
        value = json.dumps({"count": s.capacity_count, "updated_at": _iso(s.capacity_updated_at)})
        out.append(
            self._attribute(
                sid,
                "capacity",
                f"capacity:{s.capacity}",
                self.labels["capacity"].get(s.capacity, s.capacity),
                PSEUDO_DESCRIPTIONS["capacity"],
                value=value,
            )
        )
        return out

    def service(self, s: Service, *, with_organization: bool) -> dict:
        sid = str(s.id)
        owner = {"service_id": sid}
        out = _compact(
            {
                "id": sid,
                "organization_id": str(s.organization_id),
                "name": s.name,
                "alternate_name": s.alternate_name,
                "description": s.description,
                "url": s.url,
                "email": s.email,
                "status": s.status,
                "application_process": s.application_process,
                "fees_description": s.fees_description,
                "eligibility_description": s.eligibility_description,
                "minimum_age": s.minimum_age,
                "maximum_age": s.maximum_age,
                "last_modified": _iso(s.updated_at),
            }
        )
        out.setdefault("name", "")  # required by HSDS
        out["phones"] = self.phones(owner, s.phones.all())
        out["contacts"] = self.contacts(owner, s.contacts.all())
        out["schedules"] = [
            _compact(
                {
                    "id": str(x.id),
                    "service_id": sid,
                    "freq": "WEEKLY",
                    "byday": x.byday,
                    "opens_at": _hhmm(x.opens_at),
                    "closes_at": _hhmm(x.closes_at),
                    "description": x.description,
                }
            )
            for x in s.schedules.all()
        ]
        out["languages"] = [
            {
                "id": child_id(sid, "language", code),
                "service_id": sid,
                "name": LANGUAGE_NAMES.get(code.lower(), code),
                "code": code,
            }
            for code in s.languages
        ]
        out["required_documents"] = [
            {"id": child_id(sid, "required_document", doc), "service_id": sid, "document": doc}
            for doc in s.required_documents
        ]
        out["service_areas"] = [
            {
                "id": child_id(sid, "service_area", code),
                "service_id": sid,
                "name": self.regions.get(code, code),
                "extent": code,
                "extent_type": REGION_SCHEME,
            }
            for code in s.service_areas
        ]
        out["service_at_locations"] = [
            _compact(
                {
                    "id": str(sal.id),
                    "service_id": sid,
                    "location_id": str(sal.location_id),
                    "description": sal.description,
                    "location": self.location(sal.location),
                }
            )
            for sal in s.at_locations.all()
        ]
        out["attributes"] = self.attributes(s)
        if with_organization:
            out["organization"] = self.organization_core(s.organization)
        return out


def _service_prefetches() -> list:
    return [
        "phones",
        "contacts",
        "schedules",
        "terms",
        Prefetch(
            "at_locations",
            queryset=ServiceAtLocation.objects.select_related("location").order_by("id"),
        ),
    ]


def _services(agency) -> QuerySet:
    return Service.objects.alive() if agency is None else agency_services(agency.pk)


def services_for_export(agency=None) -> QuerySet:
    """Alive services (`agency`'s directory, as its members see it), for `export_services`."""
    return _services(agency).select_related("organization").prefetch_related(*_service_prefetches())


def organizations_for_export(agency=None) -> QuerySet:
    """Alive organizations (of `agency` plus shared ones) with their visible services."""
    services = _services(agency).prefetch_related(*_service_prefetches())
    organizations = (
        Organization.objects.alive() if agency is None else agency_organizations(agency.pk)
    )
    return organizations.prefetch_related(
        "phones", "contacts", "locations", Prefetch("services", queryset=services)
    )


def export_service(service: Service, *, with_organization: bool = True) -> dict:
    """One HSDS 3.0 service object (valid against compiled/service.json)."""
    return _Exporter(_service_region_codes(service)).service(
        service, with_organization=with_organization
    )


def export_organization(org: Organization) -> dict:
    """One HSDS 3.0 organization object with its locations, phones, contacts and services."""
    services = _alive(org.services.all())
    return _Exporter(_organization_region_codes(org, services)).organization(org, services)


def export_services(services: Iterable[Service]) -> list[dict]:
    """Many services at once; give it `services_for_export()` to avoid N+1 queries."""
    services = list(services)
    codes: set[str] = set()
    for s in services:
        codes |= _service_region_codes(s)
    exporter = _Exporter(codes)
    return [exporter.service(s, with_organization=True) for s in services]


def export_organizations(orgs: Iterable[Organization]) -> list[dict]:
    """Many organizations at once; give it `organizations_for_export()`."""
    pairs = [(o, _alive(o.services.all())) for o in orgs]
    codes: set[str] = set()
    for o, services in pairs:
        codes |= _organization_region_codes(o, services)
    exporter = _Exporter(codes)
    return [exporter.organization(o, services) for o, services in pairs]


# ---- import: report ------------------------------------------------------------------


@dataclass
class ImportIssue:
    """One problem: the record (index in the batch, its id or name), the field, why."""

    index: int | None
    record: str
    field: str
    message: str
    source: str = ""

    def __str__(self) -> str:
        if self.index is None:
            return f"{self.record}: {self.message}"
        where = f" [{self.source}]" if self.source else ""
        return f"#{self.index} {self.record} {self.field or '-'}: {self.message}{where}"


# The name the brief and callers use; it shadows the builtin only inside this module.
ImportError = ImportIssue


@dataclass
class ImportReport:
    created: int = 0
    updated: int = 0
    errors: list[ImportIssue] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.errors


class HsdsLoadError(ValueError):
    """Files that could not be read as HSDS JSON; `issues` names each file."""

    def __init__(self, issues: list[ImportIssue]):
        super().__init__("; ".join(str(i) for i in issues))
        self.issues = issues


class LoadedObjects(list):
    """The objects of `load_path`, with `sources[i]` the file object i came from."""

    def __init__(self, items=(), sources=()):
        super().__init__(items)
        self.sources: list[str] = list(sources)


def load_path(path) -> list[dict]:
    """Objects from a JSON file (one object or a list) or a folder of *.json files.

    Raises HsdsLoadError naming every file that is missing, unreadable, not JSON,
    or not an object / a list of objects.
    """
    path = Path(path)
    issues: list[ImportIssue] = []
    if path.is_dir():
        files = sorted(p for p in path.glob("*.json") if p.is_file())
        if not files:
            issues.append(
                ImportIssue(None, str(path), "", _("Folder ini tidak berisi berkas .json."))
            )
    elif path.exists():
        files = [path]
    else:
        files = []
        issues.append(ImportIssue(None, str(path), "", _("Berkas atau folder tidak ditemukan.")))
    out = LoadedObjects()
    for f in files:
        try:
            data = json.loads(f.read_text(encoding="utf-8-sig"))
        except OSError as exc:
            issues.append(
                ImportIssue(
                    None, str(f), "", _("Berkas tidak dapat dibaca: %(error)s") % {"error": exc}
                )
            )
            continue
        except (UnicodeDecodeError, ValueError, RecursionError) as exc:
            issues.append(
                ImportIssue(
                    None, str(f), "", _("Berkas bukan JSON yang sah: %(error)s") % {"error": exc}
                )
            )
            continue
        items = data if isinstance(data, list) else [data]
        if not all(isinstance(x, dict) for x in items):
            issues.append(
                ImportIssue(
                    None, str(f), "", _("Isi berkas harus satu objek JSON atau daftar objek JSON.")
                )
            )
            continue
        out.extend(items)
        out.sources.extend([f.name] * len(items))
    if issues:
        raise HsdsLoadError(issues)
    return out


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


# ---- import: parsing -----------------------------------------------------------------


def _path(base: str, *parts) -> str:
    out = base
    for p in parts:
        if isinstance(p, int):
            out += f"[{p}]"
        else:
            out = f"{out}.{p}" if out else str(p)
    return out


def _text(obj: dict, key: str) -> str:
    value = obj.get(key)
    return value if isinstance(value, str) else ""


def _kind(obj: dict) -> str | None:
    keys = obj.keys()
    is_service = bool(SERVICE_KEYS & keys)
    if is_service and ORGANIZATION_KEYS & keys:
        return None
    return "service" if is_service else "organization"


def _label(obj) -> str:
    if isinstance(obj, dict):
        for key in ("id", "name"):
            if isinstance(obj.get(key), str) and obj[key].strip():
                return obj[key].strip()
    return "?"


def _has_nul(value) -> bool:
    if isinstance(value, str):
        return "\x00" in value
    if isinstance(value, dict):
        return any(_has_nul(v) for v in value.values())
    if isinstance(value, list):
        return any(_has_nul(v) for v in value)
    return False


def _schema_message(error) -> str:
    if error.validator == "enum":
        return _("harus salah satu dari: %(choices)s") % {
            "choices": ", ".join(str(c) for c in error.validator_value)
        }
    if error.validator == "format":
        return _("bukan %(format)s yang sah") % {"format": error.validator_value}
    if error.validator == "type":
        return _("harus bertipe %(type)s") % {"type": error.validator_value}
    return error.message


def _parse_time(value) -> time | None:
    m = TIME_RE.match(value.strip()) if isinstance(value, str) else None
    if not m:
        return None
    try:
        return time(int(m[1]), int(m[2]), int(m[3] or 0))
    except ValueError:
        return None


@dataclass
class _Rec:
    index: int
    label: str


@dataclass
class _OrgSpec:
    rec: _Rec
    path: str
    id: uuid.UUID
    fields: dict
    nested: bool
    phones: list | None = None
    contacts: list | None = None
    readonly: bool = False  # a nested copy of another agency's shared organization


@dataclass
class _LocSpec:
    rec: _Rec
    path: str
    id: uuid.UUID
    org_id: uuid.UUID
    fields: dict
    readonly: bool = False  # a location of another agency's shared organization


@dataclass
class _ServiceSpec:
    rec: _Rec
    path: str
    id: uuid.UUID
    org_id: uuid.UUID
    org_path: str
    org_ref: bool  # the organization is only referenced by organization_id
    fields: dict
    phones: list | None = None
    contacts: list | None = None
    schedules: list | None = None
    sals: list | None = None
    terms: list | None = None


class _Importer:
    def __init__(self, *, agency, shared: bool, actor):
        self.agency = agency
        self.shared = shared
        self.actor = actor
        self.errors: list[ImportIssue] = []
        self.orgs: list[_OrgSpec] = []
        self.locations: list[_LocSpec] = []
        self.services: list[_ServiceSpec] = []
        self.region_refs: list[tuple[str, _Rec, str]] = []
        self.location_refs: list[tuple[uuid.UUID, uuid.UUID, _Rec, str]] = []
        self.current: _Rec | None = None
        terms = list(TaxonomyTerm.objects.all())
        self.terms_by_id = {t.id: t for t in terms}
        self.terms_by_code = {t.code: t for t in terms}
        self.pseudo_by_id = {
            term_id(f"{prefix}:{value}"): f"{prefix}:{value}"
            for prefix, values in (
                ("sex", Sex.values),
                ("ppks", PPKS.values),
                ("capacity", Capacity.values),
            )
            for value in values
        }

    def error(self, rec: _Rec, path: str, message: str) -> None:
        issue = ImportIssue(rec.index, rec.label, path, str(message))
        if issue not in self.errors:
            self.errors.append(issue)

    def check_model(self, rec: _Rec, instance, paths: dict[str, str]) -> None:
        """Field rules of the model (lengths, blanks, choices, emails, URLs)."""
        exclude = [f.name for f in instance._meta.fields if f.name not in paths]
        try:
            instance.clean_fields(exclude=exclude)
        except ValidationError as exc:
            for name, messages in exc.message_dict.items():
                for message in messages:
                    self.error(rec, paths.get(name, name), message)

    # records

    def parse(self, objects: list) -> None:
        for index, obj in enumerate(objects):
            rec = _Rec(index, _label(obj))
            if not isinstance(obj, dict):
                self.error(rec, "", _("Setiap rekaman harus berupa objek JSON."))
                continue
            kind = _kind(obj)
            if kind is None:
                self.error(
                    rec,
                    "",
                    _(
                        "Tidak jelas apakah ini layanan atau penyedia: ada kunci layanan "
                        "(status/organization_id/organization) dan kunci penyedia sekaligus."
                    ),
                )
                continue
            if _has_nul(obj):
                self.error(rec, "", _("Teks tidak boleh berisi karakter NUL (\\x00)."))
                continue
            schema_errors = sorted(
                validator(kind).iter_errors(obj), key=lambda e: [str(p) for p in e.absolute_path]
            )
            for e in schema_errors:
                where = _path("", *e.absolute_path)
                if e.validator == "required" and isinstance(e.instance, dict):
                    for prop in e.validator_value:
                        if prop not in e.instance:
                            self.error(rec, _path(where, prop), _("wajib diisi"))
                else:
                    self.error(rec, where, _schema_message(e))
            if schema_errors:
                continue
            if kind == "service":
                self.parse_service(obj, rec, "")
            else:
                self.parse_org(obj, rec, "", nested=False)

    def parse_org(self, obj: dict, rec: _Rec, path: str, *, nested: bool) -> uuid.UUID:
        oid = uuid.UUID(obj["id"])
        fields = {
            "name": obj["name"],
            "alternate_name": _text(obj, "alternate_name"),
            "description": _text(obj, "description"),
            "email": _text(obj, "email"),
            "website": _text(obj, "website"),
            "legal_status": _text(obj, "legal_status"),
            "tax_id": _text(obj, "tax_id"),
        }
        self.check_model(rec, Organization(id=oid, **fields), {k: _path(path, k) for k in fields})
        spec = _OrgSpec(rec, path, oid, fields, nested)
        if "phones" in obj:
            spec.phones = self.parse_phones(obj["phones"], rec, path, organization_id=oid)
        if "contacts" in obj:
            spec.contacts = self.parse_contacts(obj["contacts"], rec, path, organization_id=oid)
        for i, loc in enumerate(obj.get("locations") or []):
            self.parse_location(loc, rec, _path(path, "locations", i), oid)
        self.orgs.append(spec)
        if not nested:
            for i, s in enumerate(obj.get("services") or []):
                self.parse_service(s, rec, _path(path, "services", i), parent_org=oid)
        return oid

    def parse_phones(self, items: list, rec: _Rec, path: str, **owner) -> list:
        out = []
        for i, ph in enumerate(items):
            p = _path(path, "phones", i)
            kind = ph.get("type") or Phone.Type.VOICE
            if kind not in Phone.Type.values:
                self.error(
                    rec,
                    _path(p, "type"),
                    _("Jenis telepon %(type)s belum didukung; pilih salah satu dari: %(choices)s.")
                    % {"type": kind, "choices": ", ".join(Phone.Type.values)},
                )
                continue
            phone = Phone(
                id=uuid.UUID(ph["id"]),
                number=ph["number"],
                type=kind,
                description=_text(ph, "description"),
                **owner,
            )
            self.check_model(
                rec, phone, {k: _path(p, k) for k in ("number", "type", "description")}
            )
            out.append((phone, p))
        return out

    def parse_contacts(self, items: list, rec: _Rec, path: str, **owner) -> list:
        out = []
        for i, c in enumerate(items):
            p = _path(path, "contacts", i)
            contact = Contact(
                id=uuid.UUID(c["id"]),
                name=_text(c, "name"),
                title=_text(c, "title"),
                email=_text(c, "email"),
                **owner,
            )
            self.check_model(rec, contact, {k: _path(p, k) for k in ("name", "title", "email")})
            out.append((contact, p))
        return out

    def parse_location(self, lo: dict, rec: _Rec, path: str, org_id: uuid.UUID) -> uuid.UUID:
        lid = uuid.UUID(lo["id"])
        if lo.get("organization_id") and uuid.UUID(lo["organization_id"]) != org_id:
            self.error(
                rec,
                _path(path, "organization_id"),
                _("Lokasi harus milik penyedia %(id)s.") % {"id": org_id},
            )
        fields: dict[str, Any] = {
            "location_type": lo["location_type"],
            "name": _text(lo, "name"),
            "description": _text(lo, "description"),
            "latitude": lo.get("latitude"),
            "longitude": lo.get("longitude"),
            "address_1": "",
            "city": "",
            "postal_code": "",
            "region_id": None,
        }
        paths = {k: _path(path, k) for k in ("location_type", "name", "description")}
        for key, limit in (("latitude", 90), ("longitude", 180)):
            if fields[key] is not None and not -limit <= fields[key] <= limit:
                self.error(
                    rec,
                    _path(path, key),
                    _("Nilai harus antara -%(limit)s dan %(limit)s.") % {"limit": limit},
                )
        addresses = lo.get("addresses") or []
        if addresses:
            # one address per location: the one of the location's own type, else the first
            k, addr = next(
                (
                    (k, a)
                    for k, a in enumerate(addresses)
                    if a["address_type"] == lo["location_type"]
                ),
                (0, addresses[0]),
            )
            ap = _path(path, "addresses", k)
            if addr["country"].strip().upper() != COUNTRY:
                self.error(
                    rec,
                    _path(ap, "country"),
                    _('Hanya alamat di Indonesia (country "ID") yang didukung.'),
                )
            fields |= {
                "address_1": addr["address_1"],
                "city": addr["city"],
                "postal_code": addr["postal_code"],
            }
            paths |= {k: _path(ap, k) for k in ("address_1", "city", "postal_code")}
        code = _text(lo, "external_identifier").strip()
        scheme = lo.get("external_identifier_type")
        if code:
            if scheme and scheme != REGION_SCHEME:
                self.error(
                    rec,
                    _path(path, "external_identifier_type"),
                    _('Hanya kode wilayah Kemendagri (external_identifier_type "%(scheme)s").')
                    % {"scheme": REGION_SCHEME},
                )
            else:
                fields["region_id"] = code
                self.region_refs.append((code, rec, _path(path, "external_identifier")))
        self.check_model(rec, Location(id=lid, **fields), paths)
        self.locations.append(_LocSpec(rec, path, lid, org_id, fields))
        return lid

    def parse_service(
        self, obj: dict, rec: _Rec, path: str, parent_org: uuid.UUID | None = None
    ) -> None:
        sid = uuid.UUID(obj["id"])
        org_path = _path(path, "organization_id")
        declared = uuid.UUID(obj["organization_id"]) if obj.get("organization_id") else None
        nested = obj.get("organization")
        org_ref = False
        if parent_org is not None:
            if declared and declared != parent_org:
                self.error(
                    rec, org_path, _("Harus sama dengan id penyedia yang memuat layanan ini.")
                )
            if nested and uuid.UUID(nested["id"]) != parent_org:
                self.error(
                    rec,
                    _path(path, "organization", "id"),
                    _("Harus sama dengan id penyedia yang memuat layanan ini."),
                )
            org_id = parent_org
        elif nested:
            org_id = self.parse_org(nested, rec, _path(path, "organization"), nested=True)
            if declared and declared != org_id:
                self.error(rec, org_path, _("Harus sama dengan organization.id."))
        elif declared:
            org_id, org_ref = declared, True
        else:
            self.error(rec, org_path, _("Layanan perlu organization_id atau objek organization."))
            return
        fields: dict[str, Any] = {
            "organization_id": org_id,
            "name": obj["name"],
            "status": obj["status"],
            **{
                k: _text(obj, k)
                for k in (
                    "alternate_name",
                    "description",
                    "url",
                    "email",
                    "application_process",
                    "fees_description",
                    "eligibility_description",
                )
            },
        }
        for key in ("minimum_age", "maximum_age"):
            value = obj.get(key)
            if value is not None and (
                isinstance(value, bool) or not 0 <= value <= 150 or not float(value).is_integer()
            ):
                self.error(rec, _path(path, key), _("Usia harus bilangan bulat 0 sampai 150."))
                value = None
            fields[key] = int(value) if value is not None else None
        lo, hi = fields["minimum_age"], fields["maximum_age"]
        if lo is not None and hi is not None and lo > hi:
            self.error(
                rec,
                _path(path, "minimum_age"),
                _("Usia minimum (%(min)s) lebih besar dari usia maksimum (%(max)s).")
                % {"min": lo, "max": hi},
            )
        spec = _ServiceSpec(rec, path, sid, org_id, org_path, org_ref, fields)
        owner = {"service_id": sid}
        if "phones" in obj:
            spec.phones = self.parse_phones(obj["phones"], rec, path, **owner)
        if "contacts" in obj:
            spec.contacts = self.parse_contacts(obj["contacts"], rec, path, **owner)
        if "schedules" in obj:
            spec.schedules = self.parse_schedules(obj["schedules"], rec, path, sid)
        if "languages" in obj:
            fields["languages"] = self.parse_languages(obj["languages"], rec, path)
        if "required_documents" in obj:
            docs = []
            for i, d in enumerate(obj["required_documents"]):
                doc = _text(d, "document").strip()
                if not doc:
                    self.error(
                        rec,
                        _path(path, "required_documents", i, "document"),
                        _("Nama dokumen wajib diisi."),
                    )
                docs.append(doc)
            fields["required_documents"] = list(dict.fromkeys(d for d in docs if d))
        if "service_areas" in obj:
            fields["service_areas"] = self.parse_areas(obj["service_areas"], rec, path)
        if "service_at_locations" in obj:
            spec.sals = self.parse_sals(obj["service_at_locations"], rec, path, sid, org_id)
        if "attributes" in obj:
            self.parse_attributes(obj["attributes"], rec, path, spec)
        self.check_model(
            rec,
            Service(id=sid, **fields),
            {k: _path(path, k) for k in fields if k not in ("organization_id", "description")},
        )
        self.services.append(spec)

    def parse_schedules(self, items: list, rec: _Rec, path: str, sid: uuid.UUID) -> list:
        out = []
        for i, s in enumerate(items):
            p = _path(path, "schedules", i)
            if (s.get("freq") or "WEEKLY") != "WEEKLY":
                self.error(
                    rec, _path(p, "freq"), _("Hanya jadwal mingguan (freq WEEKLY) yang didukung.")
                )
                continue
            days = list(
                dict.fromkeys(d.strip().upper() for d in _text(s, "byday").split(",") if d.strip())
            )
            if not days or any(d not in Schedule.DAYS for d in days):
                self.error(
                    rec,
                    _path(p, "byday"),
                    _("Isi byday dengan kode hari MO,TU,WE,TH,FR,SA,SU dipisah koma."),
                )
            opens, closes = _parse_time(s.get("opens_at")), _parse_time(s.get("closes_at"))
            for key, value in (("opens_at", opens), ("closes_at", closes)):
                if value is None:
                    self.error(rec, _path(p, key), _("Isi jam dengan format JJ:MM, mis. 08:00."))
            schedule = Schedule(
                id=uuid.UUID(s["id"]),
                service_id=sid,
                byday=",".join(days),
                opens_at=opens,
                closes_at=closes,
                description=_text(s, "description"),
            )
            self.check_model(rec, schedule, {"description": _path(p, "description")})
            out.append((schedule, p))
        return out

    def parse_languages(self, items: list, rec: _Rec, path: str) -> list[str]:
        by_name = {v.lower(): k for k, v in LANGUAGE_NAMES.items()}
        codes = []
        for i, lang in enumerate(items):
            code = _text(lang, "code").strip() or by_name.get(_text(lang, "name").strip().lower())
            if not code or not LANGUAGE_CODE_RE.match(code):
                self.error(
                    rec,
                    _path(path, "languages", i, "code"),
                    _('Isi kode bahasa ISO 639, mis. "id", "jv", "su".'),
                )
                continue
            codes.append(code)
        return list(dict.fromkeys(codes))

    def parse_areas(self, items: list, rec: _Rec, path: str) -> list[str]:
        codes = []
        for i, area in enumerate(items):
            p = _path(path, "service_areas", i)
            code = _text(area, "extent").strip()
            if area.get("extent_type") != REGION_SCHEME:
                self.error(
                    rec,
                    _path(p, "extent_type"),
                    _('Wilayah layanan harus berupa kode Kemendagri (extent_type "%(scheme)s").')
                    % {"scheme": REGION_SCHEME},
                )
            elif not code:
                self.error(rec, _path(p, "extent"), _("Kode wilayah Kemendagri wajib diisi."))
            else:
                codes.append(code)
                self.region_refs.append((code, rec, _path(p, "extent")))
        return list(dict.fromkeys(codes))

    def parse_sals(
        self, items: list, rec: _Rec, path: str, sid: uuid.UUID, org_id: uuid.UUID
    ) -> list:
        out, seen = [], set()
        for i, sal in enumerate(items):
            p = _path(path, "service_at_locations", i)
            declared = uuid.UUID(sal["location_id"]) if sal.get("location_id") else None
            if sal.get("location"):
                lid = self.parse_location(sal["location"], rec, _path(p, "location"), org_id)
                if declared and declared != lid:
                    self.error(rec, _path(p, "location_id"), _("Harus sama dengan location.id."))
            elif declared:
                lid = declared
                self.location_refs.append((lid, org_id, rec, _path(p, "location_id")))
            else:
                self.error(rec, _path(p, "location_id"), _("Isi location_id atau objek location."))
                continue
            if lid in seen:
                self.error(
                    rec,
                    _path(p, "location_id"),
                    _("Lokasi ini tercantum dua kali untuk layanan yang sama."),
                )
                continue
            seen.add(lid)
            out.append(
                (
                    ServiceAtLocation(
                        id=uuid.UUID(sal["id"]),
                        service_id=sid,
                        location_id=lid,
                        description=_text(sal, "description"),
                    ),
                    p,
                )
            )
        return out

    def parse_attributes(self, items: list, rec: _Rec, path: str, spec: _ServiceSpec) -> None:
        terms: list[uuid.UUID] = []
        values: dict[str, list[str]] = {"sex": [], "ppks": []}
        capacity = None
        for i, attr in enumerate(items):
            p = _path(path, "attributes", i)
            term = attr.get("taxonomy_term") or {}
            raw_id = term.get("id") or attr.get("taxonomy_term_id")
            tid = uuid.UUID(raw_id) if raw_id else None
            code = _text(term, "code").strip()
            code_path = _path(p, "taxonomy_term", "code") if code else _path(p, "taxonomy_term_id")
            if tid in self.terms_by_id:
                code = self.terms_by_id[tid].code
            elif not code:
                code = self.pseudo_by_id.get(tid, "")
            prefix, sep, value = code.partition(":")
            if sep and prefix in LINK_TYPES:
                expected = LINK_TYPES[prefix]
            elif code in self.terms_by_code:
                prefix, expected = "term", "service_type"
            else:
                self.error(
                    rec,
                    code_path,
                    _("Kode taksonomi %(code)s tidak dikenal.") % {"code": code}
                    if code
                    else _("Atribut perlu taxonomy_term dengan kode taksonomi Pendamping."),
                )
                continue
            link_type = attr.get("link_type")
            if link_type and link_type != expected:
                self.error(
                    rec,
                    _path(p, "link_type"),
                    _("Untuk kode %(code)s, link_type harus %(expected)s.")
                    % {"code": code, "expected": expected},
                )
                continue
            if prefix == "term":
                terms.append(self.terms_by_code[code].id)
            elif prefix == "sex":
                if value not in Sex.values:
                    self.error(
                        rec,
                        code_path,
                        _("Jenis kelamin %(value)s tidak dikenal; pakai sex:M atau sex:F.")
                        % {"value": value},
                    )
                else:
                    values["sex"].append(value)
            elif prefix == "ppks":
                if value not in PPKS.values:
                    self.error(
                        rec,
                        code_path,
                        _("Kategori PPKS %(value)s tidak dikenal.") % {"value": value},
                    )
                else:
                    values["ppks"].append(value)
            elif capacity is not None:
                self.error(rec, code_path, _("Hanya boleh ada satu atribut kapasitas."))
            elif value not in Capacity.values:
                self.error(
                    rec,
                    code_path,
                    _(
                        "Status kapasitas %(value)s tidak dikenal; pilih salah satu dari: %(choices)s."
                    )
                    % {"value": value, "choices": ", ".join(Capacity.values)},
                )
            else:
                capacity = self.parse_capacity(value, attr.get("value"), rec, _path(p, "value"))
        spec.terms = list(dict.fromkeys(terms))
        spec.fields["eligible_sexes"] = list(dict.fromkeys(values["sex"]))
        spec.fields["eligible_ppks"] = list(dict.fromkeys(values["ppks"]))
        (
            spec.fields["capacity"],
            spec.fields["capacity_count"],
            spec.fields["capacity_updated_at"],
        ) = capacity or (Capacity.UNKNOWN, None, None)

    def parse_capacity(self, status: str, raw, rec: _Rec, path: str):
        count = updated_at = None
        if raw not in (None, ""):
            try:
                data = json.loads(raw)
            except ValueError:
                data = None
            if not isinstance(data, dict):
                self.error(
                    rec,
                    path,
                    _(
                        'Isi value dengan JSON {"count": n atau null, "updated_at": waktu atau null}.'
                    ),
                )
                return status, None, None
            count = data.get("count")
            if count is not None and (
                isinstance(count, bool) or not isinstance(count, int) or count < 0
            ):
                self.error(rec, path, _("count harus bilangan bulat 0 atau lebih, atau null."))
                count = None
            raw_at = data.get("updated_at")
            if raw_at is not None:
                updated_at = parse_datetime(raw_at) if isinstance(raw_at, str) else None
                if updated_at is None:
                    self.error(rec, path, _("updated_at harus waktu ISO 8601, atau null."))
                elif timezone.is_naive(updated_at):
                    updated_at = timezone.make_aware(updated_at)
        return status, count, updated_at

    # cross-record checks, against the batch and the database

    def resolve(self) -> None:
        org_specs = {s.id for s in self.orgs}
        org_ids = org_specs | {s.org_id for s in self.services}
        self.existing_orgs = {
            o.id: o for o in Organization.objects.select_for_update().filter(id__in=org_ids)
        }
        self.existing_services = {
            s.id: s
            for s in Service.objects.select_for_update().filter(
                id__in={s.id for s in self.services}
            )
        }
        mine = self.agency.pk
        for spec in self.orgs:
            old = self.existing_orgs.get(spec.id)
            if old is None or old.agency_id == mine:
                continue
            if spec.nested and old.shared:
                spec.readonly = True  # the service only links to it
            else:
                self.error(
                    spec.rec,
                    _path(spec.path, "id"),
                    _("Penyedia %(name)s milik lembaga lain; tidak dapat diperbarui.")
                    % {"name": old.name},
                )
        for spec in self.services:
            old = self.existing_services.get(spec.id)
            if old is not None and old.agency_id != mine:
                self.error(
                    spec.rec,
                    _path(spec.path, "id"),
                    _("Layanan %(name)s milik lembaga lain; tidak dapat diperbarui.")
                    % {"name": old.name},
                )
            if spec.org_ref and spec.org_id not in org_specs:
                org = self.existing_orgs.get(spec.org_id)
                if org is None:
                    self.error(
                        spec.rec,
                        spec.org_path,
                        _("Penyedia %(id)s tidak ada di basis data maupun di berkas ini.")
                        % {"id": spec.org_id},
                    )
                elif org.agency_id != mine and not org.shared:
                    self.error(
                        spec.rec,
                        spec.org_path,
                        _("Penyedia %(name)s milik lembaga lain dan tidak dibagikan.")
                        % {"name": org.name},
                    )
        self.resolve_regions()
        self.resolve_locations({s.id for s in self.orgs if not s.readonly})
        self.resolve_children()

    def resolve_regions(self) -> None:
        codes = {code for code, _rec, _p in self.region_refs}
        known = set(Region.objects.filter(code__in=codes).values_list("code", flat=True))
        for code, rec, path in self.region_refs:
            if code not in known:
                self.error(
                    rec,
                    path,
                    _(
                        "Kode wilayah %(code)s tidak dikenal (tidak ada di daftar wilayah Kemendagri)."
                    )
                    % {"code": code},
                )

    def resolve_locations(self, writable_orgs: set) -> None:
        ids = {s.id for s in self.locations} | {lid for lid, *_rest in self.location_refs}
        self.existing_locations = {
            loc.id: loc for loc in Location.objects.select_for_update().filter(id__in=ids)
        }
        owners = dict(
            Organization.objects.filter(
                id__in={s.org_id for s in self.locations}
                | {loc.organization_id for loc in self.existing_locations.values()}
            ).values_list("id", "agency_id")
        )
        batch: dict[uuid.UUID, uuid.UUID] = {}
        for spec in self.locations:
            old = self.existing_locations.get(spec.id)
            if batch.setdefault(spec.id, spec.org_id) != spec.org_id or (
                old is not None and old.organization_id != spec.org_id
            ):
                self.error(spec.rec, _path(spec.path, "id"), _("Lokasi ini milik penyedia lain."))
            elif spec.org_id not in writable_orgs and owners.get(spec.org_id, self.agency.pk) != (
                self.agency.pk
            ):
                if old is None:
                    self.error(
                        spec.rec,
                        _path(spec.path, "id"),
                        _("Lokasi baru tidak dapat ditambahkan ke penyedia milik lembaga lain."),
                    )
                spec.readonly = True  # an existing location of a shared provider: link only
        for lid, org_id, rec, path in self.location_refs:
            old = self.existing_locations.get(lid)
            if batch.get(lid) != org_id and (old is None or old.organization_id != org_id):
                self.error(
                    rec,
                    path,
                    _("Lokasi %(id)s tidak ditemukan pada penyedia layanan ini.") % {"id": lid},
                )

    def resolve_children(self) -> None:
        """Child ids (phones, contacts, schedules, service-at-locations) stay with one parent."""

        def parent_of(row) -> tuple:
            return (getattr(row, "service_id", None), getattr(row, "organization_id", None))

        groups: dict[type, list] = {Phone: [], Contact: [], Schedule: [], ServiceAtLocation: []}
        lists = [(s.rec, rows) for s in self.orgs for rows in (s.phones, s.contacts)]
        lists += [
            (s.rec, rows)
            for s in self.services
            for rows in (s.phones, s.contacts, s.schedules, s.sals)
        ]
        for rec, rows in lists:
            ids = set()
            for row, path in rows or []:
                if row.id in ids:
                    self.error(rec, _path(path, "id"), _("ID ini tercantum dua kali."))
                ids.add(row.id)
                groups[type(row)].append((row, path, rec))
        for model, rows in groups.items():
            if not rows:
                continue
            columns = [f for f in ("service_id", "organization_id") if hasattr(model, f)]
            stored = {
                pk: tuple(rest) + (None,) * (2 - len(rest))
                for pk, *rest in model.objects.filter(
                    id__in={r.id for r, _p, _r in rows}
                ).values_list("id", *columns)
            }
            seen: dict[uuid.UUID, tuple] = {}
            for row, path, rec in rows:
                parent = parent_of(row)
                if (
                    seen.setdefault(row.id, parent) != parent
                    or stored.get(row.id, parent) != parent
                ):
                    self.error(rec, _path(path, "id"), _("ID ini sudah dipakai oleh entri lain."))

    # writing

    def write(self) -> tuple[int, int]:
        from .services import index_service, schedule_rematch

        orgs: dict[uuid.UUID, _OrgSpec] = {}
        for spec in self.orgs:  # a top-level object wins over nested copies
            if spec.readonly:
                continue
            old = orgs.get(spec.id)
            if old is None or not spec.nested or old.nested:
                spec.phones = spec.phones if spec.phones is not None else old and old.phones
                spec.contacts = spec.contacts if spec.contacts is not None else old and old.contacts
                orgs[spec.id] = spec
        services: dict[uuid.UUID, _ServiceSpec] = {}
        for spec in self.services:  # the last copy wins; lists it lacks come from earlier ones
            old = services.get(spec.id)
            if old is not None:
                for name in ("phones", "contacts", "schedules", "sals", "terms"):
                    if getattr(spec, name) is None:
                        setattr(spec, name, getattr(old, name))
                spec.fields = {**old.fields, **spec.fields}
            services[spec.id] = spec
        created = updated = 0
        for spec in orgs.values():
            self.current = spec.rec
            _org, is_new = self.save_entry(Organization, self.existing_orgs.get(spec.id), spec)
            created, updated = created + is_new, updated + (not is_new)
            self.replace(Phone, {"organization_id": spec.id}, spec.phones)
            self.replace(Contact, {"organization_id": spec.id}, spec.contacts)
        locations = {spec.id: spec for spec in self.locations if not spec.readonly}
        for spec in locations.values():
            self.current = spec.rec
            loc = self.existing_locations.get(spec.id) or Location(id=spec.id)
            loc.organization_id = spec.org_id
            for k, v in spec.fields.items():
                setattr(loc, k, v)
            loc.save()
        for spec in services.values():
            self.current = spec.rec
            service, is_new = self.save_entry(Service, self.existing_services.get(spec.id), spec)
            created, updated = created + is_new, updated + (not is_new)
            owner = {"service_id": spec.id}
            self.replace(Phone, owner, spec.phones)
            self.replace(Contact, owner, spec.contacts)
            self.replace(Schedule, owner, spec.schedules)
            self.replace(ServiceAtLocation, owner, spec.sals)
            if spec.terms is not None:
                service.terms.set(spec.terms)
            index_service(service)
            schedule_rematch(service.pk)
        return created, updated

    def save_entry(self, model, old, spec) -> tuple[Any, bool]:
        """Create the entry for the importing agency, or update `old` in place."""
        if old is None:
            entry = model(id=spec.id, agency=self.agency, shared=self.shared, **spec.fields)
            if model is Service:
                entry.created_by = self.actor
            entry.save(force_insert=True)
        else:
            entry = old
            for k, v in spec.fields.items():
                setattr(entry, k, v)
            entry.shared = self.shared
            entry.deleted_at = None  # importing an entry again restores it
            entry.version += 1
            entry.save()
        return entry, old is None

    @staticmethod
    def replace(model, owner: dict, rows: list | None) -> None:
        if rows is None:
            return
        model.objects.filter(**owner).delete()
        model.objects.bulk_create([row for row, _path in rows])


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
