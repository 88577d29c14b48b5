"""HSDS import: the child objects of an organization or a service.

Phones (voice/cell/text/fax), contacts, locations with their one address in
Indonesia and their Kemendagri region code, weekly schedules, languages (ISO 639
codes, or a known name), service areas (Kemendagri codes) and service-at-locations
(a nested location, or the id of one in the batch or the database).
"""

from __future__ import annotations

import uuid
from datetime import time
from typing import Any

from django.utils.translation import gettext as _

from ..models import Contact, Location, Phone, Schedule, ServiceAtLocation
from .records import _Batch, _LocSpec, _path, _Rec, _text
from .schema import COUNTRY, LANGUAGE_CODE_RE, LANGUAGE_NAMES, REGION_SCHEME, TIME_RE


def _parse_time(value) -> time | None:
    m = TIME_RE.match(value.strip()) if isinstance(value, str) else None
    if not m:
        return None
    try:
        return time(int(m[1]), int(m[2]), int(m[3] or 0))
    except ValueError:
        return None


class ChildParsing(_Batch):
    """Parses child lists into unsaved rows, each with the path it came from."""

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
