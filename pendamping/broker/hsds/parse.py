"""HSDS import, first phase: each object of the batch parsed into specs.

`parse` tells a service from an organization (see `SERVICE_KEYS`,
`ORGANIZATION_KEYS`), refuses NUL characters, validates the object against its
compiled schema, then parses the organization (with its locations and services) or
the service (with its nested organization) into `_OrgSpec` and `_ServiceSpec`; their
child objects are parsed in `children`, a service's attributes in `attributes`.
"""

from __future__ import annotations

import uuid
from typing import Any

from django.utils.translation import gettext as _

from ..models import Organization, Service
from .attributes import AttributeParsing
from .children import ChildParsing
from .records import _OrgSpec, _path, _Rec, _ServiceSpec, _text
from .schema import ORGANIZATION_KEYS, SERVICE_KEYS, validator


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


class Parsing(ChildParsing, AttributeParsing):
    """Fills `orgs`, `locations`, `services` and the references that `resolve` checks."""

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
        self.repeated("organization", obj, rec, path)
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

    def parse_service(
        self, obj: dict, rec: _Rec, path: str, parent_org: uuid.UUID | None = None
    ) -> None:
        sid = uuid.UUID(obj["id"])
        self.repeated("service", obj, rec, path)
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
            self.parse_areas(obj["service_areas"], rec, path, fields)
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
