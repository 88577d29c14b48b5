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

Status: the run is `running` while rows are written, `done` at the end, `failed` when
the file cannot be read or the import stops part-way; each change is also written
to the append-only `ImportRunEvent`. Refused rows are kept (`ImportRejection`),
written in the same transaction as the chunk they belong to.

Language: refusal reasons and file errors are Indonesian gettext strings. They are
stored already translated, in the language of the person who queued the run
(`ImportRun.language`), rather than translated when shown: many carry values from
the row (a region code, the NIK parser's own message), so they could not be
re-translated later without storing a code and its arguments for each one, and a
refusal report is a record of what was said at the time, like a letter.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from pendamping import spreadsheets
from pendamping.bulk import BulkWriter, any_of, commit_without_waiting, reserve_ids

from .choices import PPKS, Religion
from .models import Client, ClientNameIndex, ImportRejection, ImportRun, ImportRunEvent, Region
from .nameindex import index_text
from .nik import normalize_nik, parse_nik

COLUMNS = [
    "full_name", "nik", "kk_number", "sex", "birth_date", "estimated_age", "birth_place",
    "address", "phone", "nickname", "region_code", "religion", "ppks",
]  # fmt: skip
RELIGIONS = frozenset(Religion.values)  # a property that builds a list at every call
PPKS_KEYS = frozenset(PPKS.values)
INDIVIDUAL = Client.Kind.INDIVIDUAL.value  # a plain str: written without a field's preparation
SEX = {"l": "M", "m": "M", "laki-laki": "M", "p": "F", "f": "F", "perempuan": "F"}
CHUNK = 5000  # rows per transaction: a commit costs as much as writing ~1,000 rows


class ImportFileError(Exception):
    """The file cannot be read as a client list at all (format, header)."""


class ImportOvertaken(Exception):
    """Another worker committed rows of the same run meanwhile: this one stops."""


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


def read_rows(path: Path, display_name: str | None = None) -> Iterator[dict]:
    """Rows as dicts of column → text (None for empty), from CSV or XLSX, read by the
    shared bounded reader (pendamping/spreadsheets.py).

    Raises ImportFileError on the first `next()` when the file is not a client list:
    wrong type, not what its extension says, empty, or a bad header.
    """
    try:
        yield from spreadsheets.read_table(
            path, columns={c: c for c in COLUMNS}, required={"full_name": "full_name"},
            display_name=display_name, cell=_cell,
        )  # fmt: skip
    except spreadsheets.SheetError as exc:
        raise ImportFileError(str(exc)) from None


def _cell(column: str, value):
    """A cell as text (None when empty); an Excel date is kept only as a birth date."""
    if value in (None, ""):
        return None
    if column == "birth_date" and isinstance(value, (date, datetime)):
        return value
    return str(value).strip()


def check_file(path: Path, display_name: str | None = None) -> None:
    """Raise ImportFileError unless `path` is a client list (type, content, header)."""
    next(read_rows(path, display_name), None)


_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}", re.ASCII)


def _date(value) -> date:
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if _ISO_DATE.fullmatch(value):  # what strptime("%Y-%m-%d") reads, ten times faster
        try:
            return date.fromisoformat(value)
        except ValueError:
            pass  # 1990-13-45: refused below, with the same words as ever
    for fmt in ("%Y-%m-%d", "%d-%m-%Y", "%d/%m/%Y"):
        try:
            return datetime.strptime(value, fmt).date()
        except ValueError:
            continue
    raise ValueError(
        _("birth_date %(value)s bukan tanggal (YYYY-MM-DD atau DD-MM-YYYY)")
        % {"value": repr(value)}
    )


def validate_row(raw: dict, regions: set[str], today: date) -> dict:
    """The client fields of one row, or ValueError with the first problem found."""
    name = " ".join((raw.get("full_name") or "").split())
    if not name:
        raise ValueError(_("full_name kosong"))
    data: dict = {"kind": INDIVIDUAL, "full_name": _text("full_name", name)}
    if raw.get("nik"):
        nik = normalize_nik(raw["nik"])
        try:
            parse_nik(nik, today=today)
        except ValueError as e:
            raise ValueError(_("nik: %(error)s") % {"error": e}) from None
        data["nik"] = nik
    if raw.get("kk_number"):
        kk = normalize_nik(raw["kk_number"])
        if len(kk) != 16 or not (kk.isascii() and kk.isdigit()):
            raise ValueError(_("kk_number harus 16 angka"))
        data["kk_number"] = kk
    if raw.get("sex"):
        sex = SEX.get(raw["sex"].lower())
        if sex is None:
            raise ValueError(_("sex %(value)s bukan L/P atau M/F") % {"value": repr(raw["sex"])})
        data["sex"] = sex
    if raw.get("birth_date"):
        born = _date(raw["birth_date"])
        if born > today:
            raise ValueError(_("birth_date ada di masa depan"))
        if born.year < 1890:
            raise ValueError(_("birth_date terlalu jauh di masa lalu"))
        data["birth_date"] = born
    if raw.get("estimated_age"):
        try:
            age = int(float(raw["estimated_age"]))
        except (ValueError, OverflowError):  # "abc", "inf", "1e999"
            raise ValueError(_("estimated_age bukan angka")) from None
        if not 0 <= age <= 130:
            raise ValueError(_("estimated_age harus antara 0 dan 130"))
        data["estimated_age"] = age
    if not data.get("birth_date") and data.get("estimated_age") is None:
        raise ValueError(_("isi birth_date atau estimated_age"))
    if raw.get("region_code"):
        if raw["region_code"] not in regions:
            raise ValueError(
                _("region_code %(value)s tidak ada") % {"value": repr(raw["region_code"])}
            )
        data["region_id"] = raw["region_code"]
    if raw.get("religion"):
        religion = raw["religion"].lower()
        if religion not in RELIGIONS:
            raise ValueError(
                _("religion %(value)s tidak dikenal") % {"value": repr(raw["religion"])}
            )
        data["religion"] = religion
    if raw.get("ppks"):
        keys = [k.strip() for k in raw["ppks"].replace(",", ";").split(";") if k.strip()]
        bad = [k for k in keys if k not in PPKS_KEYS]
        if bad:
            raise ValueError(_("ppks %(keys)s tidak dikenal") % {"keys": ", ".join(bad)})
        data["ppks_categories"] = keys
    for key in TEXT_COLUMNS:
        if raw.get(key):
            data[key] = _text(key, raw[key])
    return data


# Free text a row may carry; each goes through its model field's validators (length,
# control characters: pendamping/text.py), the ones the forms and the API meet
# through the model, so a row is refused for what a form would refuse.
TEXT_COLUMNS = ("birth_place", "address", "phone", "nickname")


def _text(column: str, value: str) -> str:
    try:
        Client._meta.get_field(column).run_validators(value)
    except ValidationError as e:
        raise ValueError(f"{column}: {' '.join(e.messages)}") from None
    return value


def set_status(run: ImportRun, status: str, *, actor, error: str = "", **fields) -> None:
    """Change the run's status and append the change to its audit trail."""
    fields |= {"status": status, "error": error, "updated_at": timezone.now()}
    if status in (ImportRun.Status.DONE, ImportRun.Status.FAILED):
        fields["finished_at"] = timezone.now()
    with transaction.atomic():
        ImportRun.objects.filter(pk=run.pk).update(**fields)
        run.refresh_from_db()
        ImportRunEvent.record(run, actor=actor, message=error)


def import_clients(
    path: Path,
    *,
    actor,
    chunk: int = CHUNK,
    progress: Callable[[int], None] | None = None,
    file_name: str | None = None,
    agency=None,
) -> ImportResult:
    """Import `path` for the actor's agency; see the module docstring.

    `file_name` is the name the user knows the file by (an upload is stored under
    a random name); `progress` is called with the number of rows done since the
    last call (first with the rows an earlier run already committed). `agency` is
    the agency a queued import was uploaded for: the actor must still be its admin
    when the worker runs it (a membership can change while the import waits).
    """
    from pendamping.accounts import access

    access.require_write(actor)
    if agency is not None:
        if access.agency_of(actor) != agency or not access.can_manage_agency(actor):
            raise PermissionDenied(
                _("Pengunggah berkas ini bukan lagi admin lembaga tersebut; impor dibatalkan.")
            )
    else:
        agency = access.agency_of(actor)
    display_name = (file_name or path.name)[:255]
    digest = file_hash(path)
    run = ImportRun.objects.filter(agency=agency, file_sha256=digest).first()
    language = (run and run.language) or translation.get_language() or settings.LANGUAGE_CODE
    with translation.override(language):
        try:
            rows = list(read_rows(path, display_name))
        except ImportFileError as e:
            if run is not None:  # queued from the web page: say why it stopped
                set_status(run, ImportRun.Status.FAILED, actor=actor, error=str(e))
            raise
        if run is None:
            run, _new = ImportRun.objects.get_or_create(
                agency=agency,
                file_sha256=digest,
                defaults={
                    "file_name": display_name, "started_by": actor, "total_rows": len(rows),
                    "language": language,
                },
            )  # fmt: skip
        set_status(run, ImportRun.Status.RUNNING, actor=actor, total_rows=len(rows))
        try:
            result = _import_rows(
                run, rows, actor=actor, agency=agency, chunk=chunk, progress=progress
            )
        except ImportOvertaken:
            raise  # the other worker carries on and sets the status
        except BaseException:  # also a worker stopped mid-chunk (SystemExit, Ctrl+C)
            set_status(
                run, ImportRun.Status.FAILED, actor=actor,
                error=_("Impor terhenti karena kesalahan tak terduga setelah baris %(row)s. "
                        "Unggah berkas yang sama lagi untuk melanjutkan.")
                % {"row": ImportRun.objects.get(pk=run.pk).committed_rows + 1},
            )  # fmt: skip
            raise
        set_status(run, ImportRun.Status.DONE, actor=actor)
    result.run = run
    return result


CLIENT_COLUMNS = [f.name for f in Client._meta.concrete_fields]


def _write_clients(clients: list[dict], *, agency, actor, keys: list[str]) -> None:
    """Write validated rows and their rows of the name index (`keys[i]` for
    `clients[i]`), with COPY on PostgreSQL (see pendamping.bulk)."""
    now = timezone.now()
    shared = {"agency": agency.pk, "registered_by": actor.pk, "created_at": now, "updated_at": now}
    writer = BulkWriter(Client, CLIENT_COLUMNS, constants=shared)
    key_rows = BulkWriter(
        ClientNameIndex, ["client", "agency", "keys"], constants={"agency": agency.pk}
    )
    ids = reserve_ids(Client, len(clients))
    for pk, data, its_keys in zip(ids, clients, keys, strict=True):
        writer.add(**data, id=pk)
        key_rows.add(client=pk, keys=its_keys)
    writer.flush()
    key_rows.flush()


@dataclass
class _Checked:
    """One chunk, validated: rows to write (line, fields, name index keys) and rows refused."""

    valid: list[tuple[int, dict, str]]
    rejected: list[Rejected]


def _checker(rows, regions, today, first_seen, language):
    """check(start, end): validate rows[start:end] and refuse NIKs seen before in the
    file. Called in order, chunk after chunk (it updates `first_seen`), in a thread of
    its own: it reads no database, so it runs while the database writes the chunk
    before (README, Performance)."""

    def check(start: int, end: int) -> _Checked:
        valid, rejected = [], []
        with translation.override(language):  # the reasons are in the run's language
            for line, raw in enumerate(rows[start:end], start + 2):
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
                        Rejected(
                            line,
                            _("nik sama dengan baris %(row)s") % {"row": first_seen[nik]},
                            data["full_name"],
                        )
                    )
                    continue
                if nik:
                    first_seen[nik] = line
                valid.append((line, data, index_text(data["full_name"])))
        return _Checked(valid, rejected)

    return check


def _import_rows(run, rows, *, actor, agency, chunk, progress) -> ImportResult:
    result = ImportResult(total=len(rows), skipped=run.committed_rows, run=run)
    today = timezone.localdate()
    codes = {r["region_code"] for r in rows if r and r.get("region_code")}
    regions = set(Region.objects.filter(code__in=codes).values_list("code", flat=True))
    # NIKs seen in the file so far (including rows committed by an earlier run)
    first_seen: dict[str, int] = {}
    for index, raw in enumerate(rows[: run.committed_rows]):
        if raw and raw.get("nik"):
            try:  # as the uninterrupted run saw it: only rows that passed validation
                validate_row(raw, regions, today)
            except ValueError:
                continue
            first_seen.setdefault(normalize_nik(raw["nik"]), index + 2)
    if progress:
        progress(run.committed_rows)
    start = run.committed_rows
    check = _checker(rows, regions, today, first_seen, translation.get_language())
    with ThreadPoolExecutor(max_workers=1, thread_name_prefix="import-check") as ahead:
        pending = ahead.submit(check, start, start + chunk)
        while start < len(rows):
            checked = pending.result()
            end = min(start + chunk, len(rows))
            if end < len(rows):  # the next chunk is checked while this one is written
                pending = ahead.submit(check, end, end + chunk)
            created, rejected = _write_chunk(
                run, checked, start, end, actor=actor, agency=agency, before=result
            )
            result.created += created
            result.rejected += rejected
            if progress:
                progress(end - start)
            start = end
    return result


def _write_chunk(run, checked: _Checked, start, end, *, actor, agency, before: ImportResult):
    """One transaction: the chunk's clients, its refused rows and the run's count of
    committed rows (where a later run resumes). Returns (created, refused)."""
    valid, rejected = checked.valid, list(checked.rejected)
    with transaction.atomic():
        # the chunk and the run row that counts it commit together; the run's final
        # status commits the ordinary way, which makes every chunk before it durable
        commit_without_waiting()
        # the run row is locked for the chunk: two workers never write the same rows
        locked = ImportRun.objects.select_for_update().only("committed_rows").get(pk=run.pk)
        if locked.committed_rows != start:
            raise ImportOvertaken(run.pk)
        # inside the transaction: a NIK registered meanwhile is refused, not a
        # unique-constraint error (whose message would carry the NIK into logs)
        niks = [data["nik"] for _line, data, _keys in valid if data.get("nik")]
        taken = set(
            Client.objects.alive()
            .filter(agency=agency, nik__in=any_of(niks))
            .values_list("nik", flat=True)
        )
        clients, keys = [], []
        for line, data, its_keys in valid:
            if data.get("nik") in taken:
                rejected.append(
                    Rejected(line, _("nik sudah terdaftar di lembaga ini"), data["full_name"])
                )
                continue
            clients.append(data)
            keys.append(its_keys)
        rejected.sort(key=lambda r: r.row)
        _write_clients(clients, agency=agency, actor=actor, keys=keys)
        ImportRejection.objects.bulk_create(
            [ImportRejection(run=run, row=r.row, name=r.name[:200], reason=r.reason)
             for r in rejected],
            batch_size=1000,
        )  # fmt: skip
        ImportRun.objects.filter(pk=run.pk).update(
            committed_rows=end,
            created=run.created + before.created + len(clients),
            rejected=run.rejected + len(before.rejected) + len(rejected),
            updated_at=timezone.now(),
        )
    return len(clients), rejected
