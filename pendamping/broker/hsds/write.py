"""HSDS import, last phase: saving what was parsed, once there is no error.

A top-level organization wins over nested copies; of several copies of a service the
last wins, taking the lists it lacks from earlier ones. Entries are created for the
importing agency or updated in place (version up); a list that was present replaces
the rows we have; each provider written or whose locations were, and each service, is
indexed again, and the services' matches recomputed.
"""

from __future__ import annotations

import uuid
from typing import Any

from ..models import (
    Contact,
    ExternalTerm,
    Location,
    Organization,
    Phone,
    Schedule,
    Service,
    ServiceAtLocation,
)
from .records import _Batch, _OrgSpec, _ServiceSpec


class Writing(_Batch):
    """Writes the specs; `current` names the record being written, for a database error."""

    def write(self) -> tuple[int, int]:
        from ..services import index_provider, index_service, schedule_rematch

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
                for name in ("phones", "contacts", "schedules", "sals", "terms", "external"):
                    if getattr(spec, name) is None:
                        setattr(spec, name, getattr(old, name))
                spec.fields = {**old.fields, **spec.fields}
            services[spec.id] = spec
        external = self.external_terms(services.values())
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
        touched = {*orgs, *(spec.org_id for spec in locations.values())}
        for org in Organization.objects.filter(pk__in=touched):  # their words, their services'
            index_provider(org)
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
            if spec.external is not None:
                service.external_terms.set([external[key] for key in spec.external])
            index_service(service)
            schedule_rematch(service.pk)
        return created, updated

    @staticmethod
    def external_terms(specs) -> dict[tuple[str, str, str], uuid.UUID]:
        """The ExternalTerm id of each (vocabulary, code, name), creating missing terms."""
        wanted = {key for spec in specs for key in spec.external or []}
        if not wanted:
            return {}
        pairs = {(v, c) for v, c, _n in wanted}
        rows = {
            (t.vocabulary, t.code): t
            for t in ExternalTerm.objects.filter(
                code__in={c for _v, c in pairs}, vocabulary__in={v for v, _c in pairs}
            )
        }
        for vocabulary, code, name in sorted(wanted):
            term = rows.get((vocabulary, code))
            if term is None:
                rows[(vocabulary, code)] = ExternalTerm.objects.create(
                    vocabulary=vocabulary, code=code, name=name
                )
            elif name and not term.name:
                term.name = name
                term.save(update_fields=["name"])
        return {key: rows[key[:2]].id for key in wanted}

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
