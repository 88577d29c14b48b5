"""Bulk client import from CSV or XLSX: validate every row, find duplicates, write in
chunks (one transaction each), resume after an interruption, report what was refused.

Column layout (first row is the header; names are case-insensitive, order free):

    full_name      required
    nik            16 digits (checked: date, serial, province); optional
    kk_number      16 digits; optional
    sex            L/P, M/F, laki-laki/perempuan; optional
    birth_date     YYYY-MM-DD or DD-MM-YYYY (or an Excel date); optional
    estimated_age  whole years, when there is no birth date
    birth_place, address, phone, nickname   optional text
    region_code    Kemendagri code that exists (e.g. 32.73.05.1001); optional
    religion       islam, protestan, katolik, hindu, buddha, khonghucu, kepercayaan
    ppks           PPKS category keys separated by ";" or ","

Duplicates: a NIK already registered in the agency, or repeated in the file, is
refused with the row number of the first occurrence.
"""

from __future__ import annotations

import csv
import hashlib
import io
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path

from django.db import transaction
from django.utils import timezone

from .choices import PPKS, Religion
from .models import Client, ClientNameKey, ImportRun, Region
from .names import name_keys
from .nik import normalize_nik, parse_nik

COLUMNS = [
    "full_name", "nik", "kk_number", "sex", "birth_date", "estimated_age", "birth_place",
    "address", "phone", "nickname", "region_code", "religion", "ppks",
]  # fmt: skip
SEX = {"l": "M", "m": "M", "laki-laki": "M", "p": "F", "f": "F", "perempuan": "F"}
CHUNK = 1000


class ImportFileError(Exception):
    """The file cannot be read as a client list at all (format, header)."""


@dataclass
class Rejected:
    row: int  # 1-based line in the file, the header being row 1
    reason: str
    name: str = ""


@dataclass
class ImportResult:
    total: int = 0
    created: int = 0
    skipped: int = 0  # rows committed by an earlier, interrupted run of the same file
    rejected: list[Rejected] = field(default_factory=list)
    run: ImportRun | None = None


def file_hash(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def read_rows(path: Path) -> Iterator[dict]:
    """Rows as dicts of column → text (None for empty), from CSV or XLSX."""
    suffix = path.suffix.lower()
    if suffix == ".xlsx":
        from openpyxl import load_workbook

        try:
            sheet = load_workbook(path, read_only=True, data_only=True).active
        except Exception as e:  # openpyxl raises several kinds for a broken file
            raise ImportFileError(f"{path.name}: not a readable XLSX file ({e})") from None
        rows = sheet.iter_rows(values_only=True)
    elif suffix in (".csv", ".txt"):
        text = path.read_bytes().decode("utf-8-sig", errors="replace")
        try:
            dialect = csv.Sniffer().sniff(text[:4096], delimiters=",;\t")
        except csv.Error:  # one column, or nothing to go by
            dialect = None
        rows = csv.reader(io.StringIO(text), dialect or csv.excel)
    else:
        raise ImportFileError(f"{path.name}: use a .csv or .xlsx file")
    header = next(rows, None)
    if not header:
        raise ImportFileError(f"{path.name}: the file is empty")
    names = [str(h or "").strip().lower() for h in header]
    unknown = [n for n in names if n and n not in COLUMNS]
    if unknown:
        raise ImportFileError(f"{path.name}: unknown columns {', '.join(unknown)}")
    if "full_name" not in names:
        raise ImportFileError(f"{path.name}: the column full_name is required")
    for values in rows:
        if values is None or all(v in (None, "") for v in values):
            yield None  # an empty line keeps its row number
            continue
        yield {
            name: (str(v).strip() if not isinstance(v, (date, datetime)) else v)
            if v not in (None, "")
            else None
            for name, v in zip(names, values, strict=False)
            if name
        }


def _date(value) -> date:
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    for fmt in ("%Y-%m-%d", "%d-%m-%Y", "%d/%m/%Y"):
        try:
            return datetime.strptime(value, fmt).date()
        except ValueError:
            continue
    raise ValueError(f"birth_date {value!r} is not a date (YYYY-MM-DD or DD-MM-YYYY)")


def validate_row(raw: dict, regions: set[str], today: date) -> dict:
    """The client fields of one row, or ValueError with the first problem found."""
    name = " ".join((raw.get("full_name") or "").split())
    if not name:
        raise ValueError("full_name is empty")
    data: dict = {"kind": Client.Kind.INDIVIDUAL, "full_name": name[:200]}
    if raw.get("nik"):
        nik = normalize_nik(raw["nik"])
        try:
            parse_nik(nik, today=today)
        except ValueError as e:
            raise ValueError(f"nik: {e}") from None
        data["nik"] = nik
    if raw.get("kk_number"):
        kk = normalize_nik(raw["kk_number"])
        if len(kk) != 16 or not kk.isdigit():
            raise ValueError("kk_number must be 16 digits")
        data["kk_number"] = kk
    if raw.get("sex"):
        sex = SEX.get(raw["sex"].lower())
        if sex is None:
            raise ValueError(f"sex {raw['sex']!r} is not L/P or M/F")
        data["sex"] = sex
    if raw.get("birth_date"):
        born = _date(raw["birth_date"])
        if born > today:
            raise ValueError("birth_date is in the future")
        if born.year < 1890:
            raise ValueError("birth_date is too far in the past")
        data["birth_date"] = born
    if raw.get("estimated_age"):
        try:
            age = int(float(raw["estimated_age"]))
        except ValueError:
            raise ValueError("estimated_age is not a number") from None
        if not 0 <= age <= 130:
            raise ValueError("estimated_age must be between 0 and 130")
        data["estimated_age"] = age
    if not data.get("birth_date") and data.get("estimated_age") is None:
        raise ValueError("give birth_date or estimated_age")
    if raw.get("region_code"):
        if raw["region_code"] not in regions:
            raise ValueError(f"region_code {raw['region_code']!r} does not exist")
        data["region_id"] = raw["region_code"]
    if raw.get("religion"):
        religion = raw["religion"].lower()
        if religion not in Religion.values:
            raise ValueError(f"religion {raw['religion']!r} is unknown")
        data["religion"] = religion
    if raw.get("ppks"):
        keys = [k.strip() for k in raw["ppks"].replace(",", ";").split(";") if k.strip()]
        bad = [k for k in keys if k not in PPKS.values]
        if bad:
            raise ValueError(f"ppks {', '.join(bad)} unknown")
        data["ppks_categories"] = keys
    for key, size in (("birth_place", 100), ("address", 300), ("phone", 20), ("nickname", 60)):
        if raw.get(key):
            data[key] = raw[key][:size]
    return data


def import_clients(
    path: Path,
    *,
    actor,
    chunk: int = CHUNK,
    progress: Callable[[int], None] | None = None,
) -> ImportResult:
    """Import `path` for the actor's agency; see the module docstring."""
    from pendamping.accounts import access

    access.require_write(actor)
    agency = access.agency_of(actor)
    rows = list(read_rows(path))
    run, _new = ImportRun.objects.get_or_create(
        agency=agency,
        file_sha256=file_hash(path),
        defaults={"file_name": path.name[:255], "started_by": actor, "total_rows": len(rows)},
    )
    result = ImportResult(total=len(rows), skipped=run.committed_rows, run=run)
    today = timezone.localdate()
    codes = {r["region_code"] for r in rows if r and r.get("region_code")}
    regions = set(Region.objects.filter(code__in=codes).values_list("code", flat=True))
    # NIKs seen in the file so far (including rows committed by an earlier run)
    first_seen: dict[str, int] = {}
    for index, raw in enumerate(rows[: run.committed_rows]):
        if raw and raw.get("nik"):
            first_seen.setdefault(normalize_nik(raw["nik"]), index + 2)
    if progress:
        progress(run.committed_rows)
    start = run.committed_rows
    while start < len(rows):
        batch = rows[start : start + chunk]
        valid: list[tuple[int, dict]] = []
        rejected: list[Rejected] = []
        for offset, raw in enumerate(batch):
            line = start + offset + 2
            if raw is None:
                continue
            try:
                data = validate_row(raw, regions, today)
            except ValueError as e:
                rejected.append(Rejected(line, str(e), raw.get("full_name") or ""))
                continue
            nik = data.get("nik")
            if nik and nik in first_seen:
                rejected.append(
                    Rejected(line, f"nik repeats row {first_seen[nik]}", data["full_name"])
                )
                continue
            if nik:
                first_seen[nik] = line
            valid.append((line, data))
        niks = [d["nik"] for _line, d in valid if d.get("nik")]
        taken = set(
            Client.objects.alive().filter(agency=agency, nik__in=niks).values_list("nik", flat=True)
        )
        clients = []
        for line, data in valid:
            if data.get("nik") in taken:
                rejected.append(
                    Rejected(line, "nik already registered in the agency", data["full_name"])
                )
                continue
            clients.append(Client(agency=agency, registered_by=actor, **data))
        with transaction.atomic():
            Client.objects.bulk_create(clients, batch_size=500)
            ClientNameKey.objects.bulk_create(
                [
                    ClientNameKey(client=c, agency=agency, key=k)
                    for c in clients
                    for k in name_keys(c.full_name)
                ],
                batch_size=2000,
            )
            start += len(batch)
            ImportRun.objects.filter(pk=run.pk).update(
                committed_rows=start,
                created=run.created + result.created + len(clients),
                rejected=run.rejected + len(result.rejected) + len(rejected),
            )
        result.created += len(clients)
        result.rejected += rejected
        if progress:
            progress(len(batch))
    ImportRun.objects.filter(pk=run.pk).update(finished_at=timezone.now())
    run.refresh_from_db()
    return result
