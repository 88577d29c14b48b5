"""HSDS import: the child objects of an organization or a service.

Phones, contacts, locations with their one address and their region, weekly
schedules, languages (ISO 639 codes, or a known name), service areas and
service-at-locations (a nested location, or the id of one in the batch or the
database).

What another publisher writes and we cannot model exactly is kept where it can be
and reported as a warning: a phone type outside voice/cell/text/fax is kept as a
voice line with its type in the description; an address outside Indonesia keeps
its text and country without a region; an identifier or service area that is not a
Kemendagri code waits for `resolve` (a region name matching exactly one region is
taken, else the text is kept); an out-of-range point is dropped; a schedule that is
not a weekly one with days and hours, and a language without a code, are left out.

A phone, contact, location, schedule or service-at-location repeated under the same
id is one object (`_Batch.repeated`): a phone under an organization and its service
is one row with both owners.
"""

from __future__ import annotations

import uuid
from datetime import time
from typing import Any

from django.utils.translation import gettext as _

from ..models import Contact, Location, Phone, Schedule, ServiceAtLocation
from .records import _Batch, _LocSpec, _path, _Rec, _RegionRef, _text
from .schema import COUNTRY, LANGUAGE_CODE_RE, LANGUAGE_NAMES, REGION_SCHEME, TIME_RE


def _parse_time(value) -> time | None:
    m = TIME_RE.match(value.strip()) if isinstance(value, str) else None
    if not m:
        return None
    try:
        return time(int(m[1]), int(m[2]), int(m[3] or 0))
    except ValueError:
        return None


def _country(value: str) -> str | None:
    """An ISO 3166-1 alpha-2 code, "ID" for Indonesia written out, else None."""
    text = value.strip()
    if text.lower() in ("indonesia", "idn", "republik indonesia"):
        return COUNTRY
    if len(text) == 2 and text.isalpha():
        return text.upper()
    return None


class ChildParsing(_Batch):
    """Parses child lists into unsaved rows, each with the path it came from."""

    def _same_row(self, kind: str, obj: dict, rec: _Rec, path: str, out: list, owner: dict):
        """The row of an object seen before, given this owner too; None if new."""
        row = self.repeated(kind, obj, rec, path)
        if row is None:
            return None
        for key, value in owner.items():
            if getattr(row, key, None) is None:
                setattr(row, key, value)
            elif getattr(row, key) != value:
                self.error(rec, _path(path, "id"), _("ID ini sudah dipakai oleh entri lain."))
        if all(r is not row for r, _p in out):
            out.append((row, path))
        return row

    def parse_phones(self, items: list, rec: _Rec, path: str, **owner) -> list:
        out: list = []
        for i, ph in enumerate(items):
            p = _path(path, "phones", i)
            if self._same_row("phone", ph, rec, p, out, owner) is not None:
                continue
            kind = ph.get("type") or Phone.Type.VOICE
            description = _text(ph, "description")
            if kind not in Phone.Type.values:
                self.warn(
                    rec,
                    _path(p, "type"),
                    _("Jenis telepon %(type)s disimpan sebagai telepon biasa.") % {"type": kind},
                )
                description = f"{description} ({kind})" if description else str(kind)
                kind = Phone.Type.VOICE
            phone = Phone(
                id=uuid.UUID(ph["id"]),
                number=ph["number"],
                type=kind,
                description=description[:200],
                **owner,
            )
            self.check_model(
                rec, phone, {k: _path(p, k) for k in ("number", "type", "description")}
            )
            self.keep("phone", ph, phone)
            out.append((phone, p))
        return out

    def parse_contacts(self, items: list, rec: _Rec, path: str, **owner) -> list:
        out: list = []
        for i, c in enumerate(items):
            p = _path(path, "contacts", i)
            if self._same_row("contact", c, rec, p, out, owner) is not None:
                continue
            contact = Contact(
                id=uuid.UUID(c["id"]),
                name=_text(c, "name"),
                title=_text(c, "title"),
                email=_text(c, "email"),
                **owner,
            )
            self.check_model(rec, contact, {k: _path(p, k) for k in ("name", "title", "email")})
            self.keep("contact", c, contact)
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
        if self.repeated("location", lo, rec, path, value=lid) is not None:
            return lid  # the first copy is the location; a second one only names it
        fields: dict[str, Any] = {
            "location_type": lo["location_type"],
            "name": _text(lo, "name"),
            "description": _text(lo, "description"),
            "latitude": lo.get("latitude"),
            "longitude": lo.get("longitude"),
            "address_1": "",
            "city": "",
            "postal_code": "",
            "state_province": "",
            "country": COUNTRY,
            "external_identifier": "",
            "external_identifier_type": "",
            "region_id": None,
        }
        paths = {k: _path(path, k) for k in ("location_type", "name", "description")}
        for key, limit in (("latitude", 90), ("longitude", 180)):
            if fields[key] is not None and not -limit <= fields[key] <= limit:
                self.warn(
                    rec,
                    _path(path, key),
                    _("Nilai harus antara -%(limit)s dan %(limit)s; titik lokasi tidak disimpan.")
                    % {"limit": limit},
                )
                fields["latitude"] = fields["longitude"] = None
        if (fields["latitude"] is None) != (fields["longitude"] is None):
            fields["latitude"] = fields["longitude"] = None
        addresses = lo.get("addresses") or []
        names: list[str] = []
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
            country, province = _country(addr["country"]), addr["state_province"]
            if country is None:  # a country name, not a code: kept with the province
                written = addr["country"].strip()
                province = ", ".join(x for x in (province.strip(), written) if x)[:100]
                country = ""
            fields |= {
                "address_1": " ".join(
                    x for x in (addr["address_1"], _text(addr, "address_2")) if x.strip()
                ),
                "city": addr["city"],
                "postal_code": addr["postal_code"],
                "state_province": province,
                "country": country,
            }
            paths |= {
                k: _path(ap, k)
                for k in ("address_1", "city", "postal_code", "state_province", "country")
            }
            if country != COUNTRY:
                self.warn(
                    rec,
                    _path(ap, "country"),
                    _(
                        "Alamat di luar Indonesia (%(country)s) disimpan sebagai teks, "
                        "tanpa kode wilayah."
                    )
                    % {"country": addr["country"].strip()},
                )
            else:
                names = [n for n in (addr["city"], addr["state_province"]) if n.strip()]
        code = _text(lo, "external_identifier").strip()
        scheme = _text(lo, "external_identifier_type").strip()
        if code and scheme and scheme != REGION_SCHEME:
            fields["external_identifier"] = code
            fields["external_identifier_type"] = scheme
            code = ""
        if code or names:

            def apply(found, text, fields=fields, scheme=scheme):
                if found:
                    fields["region_id"] = found
                    if fields["external_identifier_type"] in ("", REGION_SCHEME):
                        fields["external_identifier"] = fields["external_identifier_type"] = ""
                    fields["state_province"] = ""  # the export names the region's province
                elif text and not fields["external_identifier"]:
                    fields["external_identifier"] = text
                    fields["external_identifier_type"] = scheme or REGION_SCHEME

            where = _path(path, "external_identifier") if code else paths.get("city", path)
            self.region_refs.append(_RegionRef(rec, where, code, names, code, apply))
        self.check_model(rec, Location(id=lid, **fields), paths)
        self.locations.append(_LocSpec(rec, path, lid, org_id, fields))
        return lid

    def parse_schedules(self, items: list, rec: _Rec, path: str, sid: uuid.UUID) -> list:
        out: list = []
        for i, s in enumerate(items):
            p = _path(path, "schedules", i)
            if self._same_row("schedule", s, rec, p, out, {"service_id": sid}) is not None:
                continue
            if (s.get("freq") or "WEEKLY").upper() != "WEEKLY":
                self.warn(
                    rec,
                    _path(p, "freq"),
                    _("Hanya jadwal mingguan (freq WEEKLY) yang disimpan; jadwal ini dilewati."),
                )
                continue
            days = list(
                dict.fromkeys(d.strip().upper() for d in _text(s, "byday").split(",") if d.strip())
            )
            if not days or any(d not in Schedule.DAYS for d in days):
                self.warn(
                    rec,
                    _path(p, "byday"),
                    _(
                        "Jadwal dilewati: isi byday dengan kode hari MO,TU,WE,TH,FR,SA,SU "
                        "dipisah koma."
                    ),
                )
                continue
            opens, closes = _parse_time(s.get("opens_at")), _parse_time(s.get("closes_at"))
            bad = [k for k, v in (("opens_at", opens), ("closes_at", closes)) if v is None]
            for key in bad:
                self.warn(
                    rec,
                    _path(p, key),
                    _("Jadwal dilewati: isi jam dengan format JJ:MM, mis. 08:00."),
                )
            if bad:
                continue
            schedule = Schedule(
                id=uuid.UUID(s["id"]),
                service_id=sid,
                byday=",".join(days),
                opens_at=opens,
                closes_at=closes,
                description=_text(s, "description"),
            )
            self.check_model(rec, schedule, {"description": _path(p, "description")})
            self.keep("schedule", s, schedule)
            out.append((schedule, p))
        return out

    def parse_languages(self, items: list, rec: _Rec, path: str) -> list[str]:
        by_name = {v.lower(): k for k, v in LANGUAGE_NAMES.items()}
        codes = []
        for i, lang in enumerate(items):
            code = _text(lang, "code").strip() or by_name.get(_text(lang, "name").strip().lower())
            if not code or not LANGUAGE_CODE_RE.match(code):
                self.warn(
                    rec,
                    _path(path, "languages", i, "code"),
                    _('Bahasa tanpa kode ISO 639 (mis. "id", "jv", "su") dilewati.'),
                )
                continue
            codes.append(code)
        return list(dict.fromkeys(codes))

    def parse_areas(self, items: list, rec: _Rec, path: str, fields: dict) -> list:
        """Region refs that fill `fields["service_areas"]` / `["other_areas"]` in order."""
        fields["service_areas"], fields["other_areas"] = [], []

        def apply(found, text):
            if found and found not in fields["service_areas"]:
                fields["service_areas"].append(found)
            elif not found and text and text not in fields["other_areas"]:
                fields["other_areas"].append(text)

        refs = []
        for i, area in enumerate(items):
            p = _path(path, "service_areas", i)
            extent = _text(area, "extent").strip()
            name = _text(area, "name").strip()
            if area.get("extent_type") == REGION_SCHEME and extent:
                refs.append(_RegionRef(rec, _path(p, "extent"), extent, [], name or extent, apply))
            elif name or extent:
                # a polygon or another scheme: only its name can point at a region
                names = [name] if name else [extent]
                refs.append(
                    _RegionRef(
                        rec,
                        _path(p, "name" if name else "extent"),
                        "",
                        names,
                        name or extent,
                        apply,
                    )
                )
            else:
                self.warn(rec, p, _("Wilayah layanan tanpa nama maupun extent dilewati."))
        self.region_refs.extend(refs)
        return refs

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
                continue  # the same location twice for one service: one link
            seen.add(lid)
            if self._same_row("sal", sal, rec, p, out, {"service_id": sid}) is not None:
                continue
            row = ServiceAtLocation(
                id=uuid.UUID(sal["id"]),
                service_id=sid,
                location_id=lid,
                description=_text(sal, "description"),
            )
            self.keep("sal", sal, row)
            out.append((row, p))
        return out
