"""What HSDS export and import share: the vocabulary, stable child ids, the validators.

The Kemendagri region scheme, the country, the keys that tell a service from an
organization, language names and codes, the descriptions and link types of the
pseudo terms (sex, PPKS, capacity), `child_id`, and the Draft 2020-12 validators of
the compiled HSDS 3.0 schemas (setting HSDS_SCHEMA_DIR).
"""

from __future__ import annotations

import json
import re
import uuid
from functools import lru_cache
from pathlib import Path

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext as _
from jsonschema import Draft202012Validator

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
TIME_RE = re.compile(r"^([0-9]{2}):([0-9]{2})(?::([0-9]{2}))?$")  # ASCII digits, not \d
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
