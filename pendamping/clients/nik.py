"""NIK (Nomor Induk Kependudukan) parsing, by the rules in GLOSSARY.md.

16 digits: PP KK CC DD MM YY SSSS — province, regency/city, district, day of
birth (plus 40 for women), month, two-digit year, serial. No check digit.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from django.utils import timezone
from django.utils.translation import gettext as _

# The 38 provinces (Kemendagri 2025). A NIK keeps the code it was issued with, so
# only the province is checked; unknown regency or district codes are warnings.
PROVINCE_CODES = frozenset(
    {
        "11", "12", "13", "14", "15", "16", "17", "18", "19", "21",
        "31", "32", "33", "34", "35", "36", "51", "52", "53",
        "61", "62", "63", "64", "65", "71", "72", "73", "74", "75", "76",
        "81", "82", "91", "92", "93", "94", "95", "96",
    }
)  # fmt: skip

# [0-9], not \d: \d takes any script's digits ("٣٢٧٣…"), which int() reads too
_DIGITS = re.compile(r"^[0-9]{16}$")
_SEPARATORS = re.compile(r"[\s.\-]")


@dataclass(frozen=True)
class Nik:
    value: str
    province_code: str
    regency_code: str  # dotted, e.g. "32.73"
    district_code: str  # dotted, e.g. "32.73.05"
    birth_date: date
    sex: str  # "F" or "M"
    serial: str

    @property
    def masked(self) -> str:
        return mask_nik(self.value)


def mask_nik(value: str) -> str:
    """Show the region and serial, hide the birth date: 3273********0009."""
    if not value:
        return ""
    if len(value) < 8:
        return "*" * len(value)
    return value[:4] + "*" * (len(value) - 8) + value[-4:]


def normalize_nik(value: str) -> str:
    """Strip the spaces, dots and dashes people type between digit groups."""
    if not value or (value.isascii() and value.isdigit()):  # nothing to strip (most NIKs in a file)
        return value or ""
    return _SEPARATORS.sub("", value)


def parse_nik(value: str, *, today: date | None = None) -> Nik:
    """Parse a NIK; raise ValueError with a message a worker can act on."""
    raw = normalize_nik(value)
    if not _DIGITS.match(raw):
        raise ValueError(_("NIK harus terdiri dari 16 angka."))
    province = raw[0:2]
    if province not in PROVINCE_CODES:
        raise ValueError(_("Kode provinsi %(code)s pada NIK tidak dikenal.") % {"code": province})
    regency, district = raw[2:4], raw[4:6]
    if regency == "00" or district == "00":
        raise ValueError(_("Kode kabupaten/kota atau kecamatan pada NIK tidak boleh 00."))
    day, month, yy = int(raw[6:8]), int(raw[8:10]), int(raw[10:12])
    sex = "M"
    if day > 40:
        sex, day = "F", day - 40
    today = today or timezone.localdate()
    # The century is the one that does not put the birth date in the future.
    year = 2000 + yy
    try:
        birth = date(year, month, day)
        if birth > today:
            birth = date(year - 100, month, day)
    except ValueError:
        try:
            birth = date(year - 100, month, day)
        except ValueError:
            raise ValueError(
                _("Tanggal lahir pada NIK (%(d)02d-%(m)02d-%(y)02d) bukan tanggal yang ada.")
                % {"d": day, "m": month, "y": yy}
            ) from None
    serial = raw[12:16]
    if serial == "0000":
        raise ValueError(_("Nomor urut NIK tidak boleh 0000."))
    return Nik(
        value=raw,
        province_code=province,
        regency_code=f"{province}.{regency}",
        district_code=f"{province}.{regency}.{district}",
        birth_date=birth,
        sex=sex,
        serial=serial,
    )


def make_nik(district_code: str, birth_date: date, sex: str, serial: int) -> str:
    """Build a NIK (demo data and tests): the inverse of parse_nik."""
    day = birth_date.day + (40 if sex == "F" else 0)
    return (
        district_code.replace(".", "")[:6]
        + f"{day:02d}{birth_date.month:02d}{birth_date.year % 100:02d}{serial:04d}"
    )
