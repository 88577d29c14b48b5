"""HSDS 3.0 export of the resource directory.

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

- one per term of another vocabulary (`ExternalTerm`): link_type "service_type",
  its code, name and, when known, its vocabulary as `taxonomy`.

Service areas that are not Kemendagri codes (`other_areas`) go out with their name
only; a location's identifier of another scheme, its country and province keep
what the publisher wrote.

Terms that are not TaxonomyTerm rows (sex, PPKS, capacity) get the id
`taxonomy.term_id(code)`.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from datetime import datetime, time

from django.db.models import Prefetch, QuerySet
from django.utils import translation

from pendamping.clients.choices import PPKS, Sex
from pendamping.clients.models import Region
from pendamping.taxonomy.models import TaxonomyTerm
from pendamping.taxonomy.terms import term_id

from ..access import agency_organizations, agency_services
from ..models import Capacity, Location, Organization, Service, ServiceAtLocation
from .schema import LANGUAGE_NAMES, PSEUDO_DESCRIPTIONS, REGION_SCHEME, child_id


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
                # the publisher's own identifier first: the region comes back from the address
                "external_identifier": loc.external_identifier or loc.region_id,
                "external_identifier_type": loc.external_identifier_type
                if loc.external_identifier
                else REGION_SCHEME
                if loc.region_id
                else None,
            }
        )
        if loc.address_1 or loc.city or loc.postal_code or loc.state_province:
            kind = "postal" if loc.location_type == Location.Type.POSTAL else "physical"
            province = (
                self.regions.get(loc.region_id.split(".")[0], "")
                if loc.region_id
                else loc.state_province
            )
            out["addresses"] = [
                {  # HSDS requires every one of these keys; blanks stay as ""
                    "id": child_id(loc.id, "address", kind),
                    "location_id": str(loc.id),
                    "address_1": loc.address_1,
                    "city": loc.city,
                    "state_province": province,
                    "postal_code": loc.postal_code,
                    "country": loc.country,
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
        for t in sorted(s.external_terms.all(), key=lambda t: (t.vocabulary, t.code)):
            term = {"id": str(t.id), "code": t.code, "name": t.name or t.code, "description": ""}
            if t.vocabulary:
                term["taxonomy"] = t.vocabulary
            out.append(
                {
                    "id": child_id(sid, "attribute", f"{t.vocabulary}:{t.code}"),
                    "link_id": sid,
                    "link_type": "service_type",
                    "link_entity": "service",
                    "taxonomy_term_id": str(t.id),
                    "taxonomy_term": term,
                }
            )
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
        ] + [
            {
                "id": child_id(sid, "service_area", f"text:{text}"),
                "service_id": sid,
                "name": text,
            }
            for text in s.other_areas
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
        "external_terms",
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
