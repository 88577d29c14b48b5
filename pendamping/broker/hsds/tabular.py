"""Tabular HSDS 3.0: the directory as one CSV per object type, as the spec's
datapackage.json names them (`organizations.csv`, `services.csv`, `locations.csv`,
`phones.csv`, …), in a folder or a zip, with or without a `datapackage.json`.

- `write_tabular(folder, organizations)` flattens our JSON export (export.py) into
  those files, each with every column the spec gives its table, plus a
  `datapackage.json` naming them (a tabular data package; the field lists are the
  spec's, the types left to the spec).
- `read_tabular(path)` turns such files back into the nested HSDS objects the JSON
  importer takes (organizations with their phones, contacts and locations, services
  with theirs), so that `import_objects` runs its one set of parse, resolve and write
  phases on them: there is no second importer. A cell that is not of its column's
  type is an error naming the file, row and column; so is a table we cannot read.
"""

from __future__ import annotations

import csv
import io
import json
import zipfile
from collections import defaultdict
from pathlib import Path

from django.utils.translation import gettext as _

from pendamping import uploads

from .report import HsdsLoadError, ImportIssue

TABLES = {
    "organization": (
        "organizations.csv",
        (
            "id",
            "name",
            "alternate_name",
            "description",
            "email",
            "website",
            "tax_status",
            "tax_id",
            "year_incorporated",
            "legal_status",
            "logo",
            "uri",
            "parent_organization_id",
        ),
    ),
    "service": (
        "services.csv",
        (
            "id",
            "organization_id",
            "program_id",
            "name",
            "alternate_name",
            "description",
            "url",
            "email",
            "status",
            "interpretation_services",
            "application_process",
            "fees_description",
            "wait_time",
            "fees",
            "accreditations",
            "eligibility_description",
            "minimum_age",
            "maximum_age",
            "assured_date",
            "assurer_email",
            "licenses",
            "alert",
            "last_modified",
        ),
    ),
    "attribute": (
        "attributes.csv",
        ("id", "link_id", "taxonomy_term_id", "link_type", "link_entity", "value"),
    ),
    "service_at_location": (
        "service_at_location.csv",
        ("id", "service_id", "location_id", "description"),
    ),
    "location": (
        "locations.csv",
        (
            "id",
            "location_type",
            "url",
            "organization_id",
            "name",
            "alternate_name",
            "description",
            "transportation",
            "latitude",
            "longitude",
            "external_identifier",
            "external_identifier_type",
        ),
    ),
    "phone": (
        "phones.csv",
        (
            "id",
            "location_id",
            "service_id",
            "organization_id",
            "contact_id",
            "service_at_location_id",
            "number",
            "extension",
            "type",
            "description",
        ),
    ),
    "contact": (
        "contacts.csv",
        (
            "id",
            "organization_id",
            "service_id",
            "service_at_location_id",
            "location_id",
            "name",
            "title",
            "department",
            "email",
        ),
    ),
    "address": (
        "addresses.csv",
        (
            "id",
            "location_id",
            "attention",
            "address_1",
            "address_2",
            "city",
            "region",
            "state_province",
            "postal_code",
            "country",
            "address_type",
        ),
    ),
    "schedule": (
        "schedules.csv",
        (
            "id",
            "service_id",
            "location_id",
            "service_at_location_id",
            "valid_from",
            "valid_to",
            "dtstart",
            "timezone",
            "until",
            "count",
            "wkst",
            "freq",
            "interval",
            "byday",
            "byweekno",
            "bymonthday",
            "byyearday",
            "description",
            "opens_at",
            "closes_at",
            "schedule_link",
            "attending_type",
            "notes",
        ),
    ),
    "service_area": (
        "service_areas.csv",
        ("id", "service_id", "name", "description", "extent", "extent_type", "uri"),
    ),
    "required_document": ("required_documents.csv", ("id", "service_id", "document", "uri")),
    "language": (
        "languages.csv",
        ("id", "service_id", "location_id", "phone_id", "name", "code", "note"),
    ),
    "taxonomy_term": (
        "taxonomy_terms.csv",
        (
            "id",
            "code",
            "name",
            "description",
            "parent_id",
            "taxonomy",
            "language",
            "taxonomy_id",
            "term_uri",
        ),
    ),
}
NUMBERS = {("organization", "year_incorporated"), ("service", "minimum_age"),
           ("service", "maximum_age"), ("location", "latitude"), ("location", "longitude"),
           ("phone", "extension")}  # fmt: skip
# where a nested list of our JSON export goes, and back
LISTS = {"services": "service", "locations": "location", "addresses": "address",
         "phones": "phone", "contacts": "contact", "schedules": "schedule",
         "service_areas": "service_area", "languages": "language",
         "required_documents": "required_document", "service_at_locations": "service_at_location",
         "attributes": "attribute"}  # fmt: skip
SINGLE = {"location": "location", "taxonomy_term": "taxonomy_term", "organization": "organization"}
MAX_UNPACKED = 200 * 1024 * 1024
# Strings the spec requires even when blank: an empty cell of these is "" (an address
# without a postal code), not a missing key
BLANK_KEPT = {"address": ("address_1", "city", "state_province", "postal_code", "country")}


# ---- export -------------------------------------------------------------------------


def _cell(value) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (dict, list)):
        return json.dumps(value, ensure_ascii=False)
    return str(value)


def flatten(objects: list[dict], kind: str = "organization") -> dict[str, dict[str, dict]]:
    """table -> id -> row (the first copy of each id) of the nested objects."""
    tables: dict[str, dict[str, dict]] = defaultdict(dict)

    def walk(obj: dict, table: str) -> None:
        columns = TABLES[table][1]
        row = {c: obj[c] for c in columns if c in obj and not isinstance(obj[c], (dict, list))}
        # one object repeated under several parents (a phone of an organization and of
        # its service) is one row, with every parent's id
        seen = tables[table].setdefault(str(obj["id"]), {})
        for column, value in row.items():
            if seen.get(column) in (None, ""):
                seen[column] = value
        for key, value in obj.items():
            if key in LISTS and isinstance(value, list):
                for child in value:
                    walk(child, LISTS[key])
            elif key in SINGLE and isinstance(value, dict):
                walk(value, SINGLE[key])

    for obj in objects:
        walk(obj, kind)
    return tables


def write_tabular(folder: Path, organizations: list[dict]) -> dict[str, int]:
    """The CSV files and datapackage.json in `folder`; returns rows per file. A
    data-interchange file, written exactly: no `'` before `=`, `+`, `-` or `@` as
    pendamping/csvcells.py writes for spreadsheets (negative latitudes, `+62` phones
    must read back as they are; the README says so)."""
    tables = flatten(organizations)
    folder.mkdir(parents=True, exist_ok=True)
    counts, resources = {}, []
    for table, (name, columns) in TABLES.items():
        rows = list(tables.get(table, {}).values())
        if table == "taxonomy_term":  # the table requires a description; JSON allows ""
            rows = [r | {"description": r.get("description") or r.get("name")} for r in rows]
        with (folder / name).open("w", encoding="utf-8", newline="") as f:
            out = csv.DictWriter(f, fieldnames=columns)
            out.writeheader()
            for row in rows:
                out.writerow({c: _cell(row.get(c)) for c in columns})
        counts[name] = len(rows)
        resources.append({"name": table, "path": name, "profile": "tabular-data-resource",
                          "schema": {"fields": [{"name": c} for c in columns]}})  # fmt: skip
    package = {"name": "pendamping-directory", "profile": "tabular-data-package",
               "version": "3.0", "resources": resources}  # fmt: skip
    (folder / "datapackage.json").write_text(
        json.dumps(package, ensure_ascii=False, indent=2) + "\n", encoding="utf-8"
    )
    return counts


# ---- import -------------------------------------------------------------------------


def is_tabular(path: Path) -> bool:
    """A zip, or a folder with organizations.csv or services.csv."""
    path = Path(path)
    if path.is_file():
        return zipfile.is_zipfile(path)
    return path.is_dir() and any(
        (path / n).is_file() for n in ("organizations.csv", "services.csv")
    )


class ArchiveRefused(ValueError):
    """A zip whose member paths we do not open (the message says why)."""


def check_archive(path: Path, *, max_bytes: int = MAX_UNPACKED, max_members: int = 10_000) -> None:
    """A zip of tables we may read: unpacked size and member count within the limits
    (UploadTooLarge), no member outside the archive (an absolute path, a `..` part)
    and no table twice (`a/services.csv` and `b/services.csv`) (ArchiveRefused);
    zipfile.BadZipFile when it is no zip. Members are only ever read into memory, never
    written out, but a path that climbs out says the archive was not made for us."""
    uploads.check_zip(path, max_bytes=max_bytes, max_members=max_members)
    names = {name for name, _columns in TABLES.values()}
    seen = set()
    with zipfile.ZipFile(path) as archive:
        for info in archive.infolist():
            parts = info.filename.replace("\\", "/").split("/")
            if info.filename.startswith(("/", "\\")) or ".." in parts or ":" in parts[0]:
                raise ArchiveRefused(_("Zip berisi jalur di luar arsip: %(path)s.")
                                     % {"path": info.filename[:200]})  # fmt: skip
            if parts[-1] in names and not info.is_dir():
                if parts[-1] in seen:
                    raise ArchiveRefused(_("Zip berisi %(name)s lebih dari sekali.")
                                         % {"name": parts[-1]})  # fmt: skip
                seen.add(parts[-1])


def _files(path: Path) -> dict[str, bytes]:
    """File name -> bytes of the tables present (a folder, or a zip, at any depth)."""
    names = {name for name, _columns in TABLES.values()}
    if path.is_dir():
        return {n: (path / n).read_bytes() for n in names if (path / n).is_file()}
    check_archive(path)
    out = {}
    with zipfile.ZipFile(path) as archive:
        for info in archive.infolist():
            base = info.filename.rsplit("/", 1)[-1]
            if base in names and not info.is_dir():
                out[base] = archive.read(info)
    return out


def _number(text: str):
    value = float(text)
    if value != value or value in (float("inf"), float("-inf")):
        raise ValueError(text)
    return (
        int(value) if value.is_integer() and "." not in text and "e" not in text.lower() else value
    )


def read_tabular(path) -> list[dict]:
    """The nested HSDS objects of the tabular files at `path`; HsdsLoadError naming
    each file, row and column that cannot be read."""
    path = Path(path)
    issues: list[ImportIssue] = []
    try:
        files = _files(path)
    except (OSError, zipfile.BadZipFile, uploads.UploadTooLarge, ArchiveRefused) as exc:
        raise HsdsLoadError([ImportIssue(None, str(path), "", _(
            "Berkas tidak dapat dibaca: %(error)s") % {"error": exc})]) from exc  # fmt: skip
    if "organizations.csv" not in files and "services.csv" not in files:
        raise HsdsLoadError([ImportIssue(None, str(path), "", _(
            "Tidak ada organizations.csv atau services.csv."))])  # fmt: skip
    rows: dict[str, list[dict]] = {}
    for table, (name, columns) in TABLES.items():
        if name not in files:
            rows[table] = []
            continue
        try:
            reader = csv.DictReader(io.StringIO(files[name].decode("utf-8-sig")))
            read = list(reader)
        except (UnicodeDecodeError, csv.Error) as exc:
            issues.append(ImportIssue(None, name, "", _(
                "Berkas bukan CSV UTF-8 yang sah: %(error)s") % {"error": exc}))  # fmt: skip
            continue
        if "id" not in (reader.fieldnames or []):
            issues.append(ImportIssue(None, name, "", _("Kolom id tidak ada.")))
            continue
        out = []
        for line, raw in enumerate(read, start=2):
            obj = {}
            for column in columns:
                text = (raw.get(column) or "").strip()
                if not text:
                    continue
                if (table, column) in NUMBERS:
                    try:
                        obj[column] = _number(text)
                    except ValueError:
                        issues.append(ImportIssue(None, f"{name}", column, _(
                            "Baris %(line)d, kolom %(column)s: %(value)s bukan angka.")
                            % {"line": line, "column": column, "value": text[:40]}))  # fmt: skip
                        continue
                else:
                    obj[column] = text
            for column in BLANK_KEPT.get(table, ()):
                obj.setdefault(column, "")  # the spec requires the key; the export wrote ""
            if "id" not in obj:
                issues.append(ImportIssue(None, name, "id", _(
                    "Baris %(line)d, kolom id: wajib diisi.") % {"line": line}))  # fmt: skip
                continue
            out.append(obj)
        rows[table] = out
    if issues:
        raise HsdsLoadError(issues)
    return _nest(rows)


def _by(rows: list[dict], key: str) -> dict[str, list[dict]]:
    out: dict[str, list[dict]] = defaultdict(list)
    for row in rows:
        if row.get(key):
            out[row[key]].append(row)
    return out


def _nest(rows: dict[str, list[dict]]) -> list[dict]:
    """Organizations with their phones, contacts and locations (with addresses), then
    services with theirs, each child under every parent its foreign keys name (the
    importer reads a repeated id as one object)."""
    terms = {t["id"]: t for t in rows["taxonomy_term"]}
    addresses = _by(rows["address"], "location_id")
    locations = {}
    for loc in rows["location"]:
        locations[loc["id"]] = loc | (
            {"addresses": addresses[loc["id"]]} if addresses.get(loc["id"]) else {}
        )
    phones = rows["phone"]
    contacts = rows["contact"]
    org_locations = _by(list(locations.values()), "organization_id")
    orgs = []
    for org in rows["organization"]:
        oid = org["id"]
        orgs.append(org | {
            "phones": [p for p in phones if p.get("organization_id") == oid],
            "contacts": [c for c in contacts if c.get("organization_id") == oid],
            "locations": org_locations.get(oid, []),
        })  # fmt: skip
    by_service = {t: _by(rows[t], "service_id") for t in
                  ("phone", "contact", "schedule", "service_area", "language",
                   "required_document", "service_at_location")}  # fmt: skip
    attributes = _by([a for a in rows["attribute"] if a.get("link_entity", "service") == "service"],
                     "link_id")  # fmt: skip
    placed = {loc["id"] for locs in org_locations.values() for loc in locs}
    services = []
    for s in rows["service"]:
        sid = s["id"]
        sals = [sal | ({"location": locations[sal["location_id"]]}
                       if sal.get("location_id") not in placed and sal.get("location_id") in locations
                       else {})
                for sal in by_service["service_at_location"].get(sid, [])]  # fmt: skip
        attrs = [a | ({"taxonomy_term": terms[a["taxonomy_term_id"]]}
                      if a.get("taxonomy_term_id") in terms else {})
                 for a in attributes.get(sid, [])]  # fmt: skip
        services.append(s | {
            "phones": by_service["phone"].get(sid, []),
            "contacts": by_service["contact"].get(sid, []),
            "schedules": by_service["schedule"].get(sid, []),
            "service_areas": by_service["service_area"].get(sid, []),
            "languages": by_service["language"].get(sid, []),
            "required_documents": by_service["required_document"].get(sid, []),
            "service_at_locations": sals,
            "attributes": attrs,
        })  # fmt: skip
    return orgs + services
