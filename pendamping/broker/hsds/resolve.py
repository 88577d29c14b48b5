"""HSDS import, second phase: checks across the batch and against the database.

Locks the existing entries the batch names, refuses entries of another agency
(a nested copy of another agency's shared organization only links), checks that an
`organization_id` reference exists and may be used, that region codes exist, that a
location stays with its organization, and that child ids stay with one parent.
"""

from __future__ import annotations

import uuid

from django.db.models.functions import Lower
from django.utils.translation import gettext as _

from pendamping.clients.models import Region

from ..models import Contact, Location, Organization, Phone, Schedule, Service, ServiceAtLocation
from .records import _Batch, _path


class Resolving(_Batch):
    """Adds `existing_orgs`, `existing_services`, `existing_locations`; marks read-only specs."""

    def resolve(self) -> None:
        org_specs = {s.id for s in self.orgs}
        org_ids = org_specs | {s.org_id for s in self.services}
        self.existing_orgs = {
            o.id: o for o in Organization.objects.select_for_update().filter(id__in=org_ids)
        }
        self.existing_services = {
            s.id: s
            for s in Service.objects.select_for_update().filter(
                id__in={s.id for s in self.services}
            )
        }
        mine = self.agency.pk
        for spec in self.orgs:
            old = self.existing_orgs.get(spec.id)
            if old is None or old.agency_id == mine:
                continue
            if spec.nested and old.shared:
                spec.readonly = True  # the service only links to it
            else:
                self.error(
                    spec.rec,
                    _path(spec.path, "id"),
                    # never the other agency's name: the file only names the id
                    _("Penyedia dengan id ini milik lembaga lain; tidak dapat diperbarui."),
                )
        for spec in self.services:
            old = self.existing_services.get(spec.id)
            if old is not None and old.agency_id != mine:
                self.error(
                    spec.rec,
                    _path(spec.path, "id"),
                    _("Layanan dengan id ini milik lembaga lain; tidak dapat diperbarui."),
                )
            if spec.org_ref and spec.org_id not in org_specs:
                org = self.existing_orgs.get(spec.org_id)
                if org is None:
                    self.error(
                        spec.rec,
                        spec.org_path,
                        _("Penyedia %(id)s tidak ada di basis data maupun di berkas ini.")
                        % {"id": spec.org_id},
                    )
                elif org.agency_id != mine and not org.shared:
                    self.error(
                        spec.rec,
                        spec.org_path,
                        _("Penyedia dengan id ini milik lembaga lain dan tidak dibagikan."),
                    )
        self.resolve_regions()
        self.resolve_locations({s.id for s in self.orgs if not s.readonly})
        self.resolve_children()

    def resolve_regions(self) -> None:
        """Codes that exist are taken; otherwise a name matching exactly one region is
        taken, reported as such; otherwise the publisher's text is kept, reported."""
        codes = {ref.code for ref in self.region_refs if ref.code}
        known = set(Region.objects.filter(code__in=codes).values_list("code", flat=True))
        names = {n.strip().lower() for ref in self.region_refs for n in ref.names if n.strip()}
        names |= {ref.text.strip().lower() for ref in self.region_refs if ref.code}
        by_name: dict[str, list[tuple[str, str]]] = {}
        if names:
            for code, name, lower in (
                Region.objects.annotate(lower=Lower("name"))
                .filter(lower__in=names)
                .values_list("code", "name", "lower")
            ):
                by_name.setdefault(lower, []).append((code, name))
        for ref in self.region_refs:
            if ref.code in known:
                ref.apply(ref.code, "")
                continue
            candidates = ref.names or ([ref.text] if ref.text != ref.code else [])
            match = next(
                (
                    (n, by_name[n.strip().lower()][0])
                    for n in candidates
                    if len(by_name.get(n.strip().lower(), [])) == 1
                ),
                None,
            )
            if match:
                written, (code, name) = match
                ref.apply(code, "")
                self.warn(
                    ref.rec,
                    ref.path,
                    _("%(written)s dicocokkan dengan wilayah Kemendagri %(name)s (%(code)s).")
                    % {"written": written, "name": name, "code": code},
                )
            elif ref.code:
                ref.apply(None, ref.code)
                self.warn(
                    ref.rec,
                    ref.path,
                    _(
                        "Kode wilayah %(code)s tidak ada di daftar wilayah Kemendagri; "
                        "disimpan sebagai teks tanpa kode wilayah."
                    )
                    % {"code": ref.code},
                )
            else:  # only service areas have a text here; a location keeps its address
                ref.apply(None, ref.text)
                if ref.text:
                    self.warn(
                        ref.rec,
                        ref.path,
                        _(
                            "Wilayah %(text)s bukan kode Kemendagri dan tidak cocok dengan "
                            "tepat satu wilayah; disimpan sebagai teks."
                        )
                        % {"text": ref.text},
                    )

    def resolve_locations(self, writable_orgs: set) -> None:
        ids = {s.id for s in self.locations} | {lid for lid, *_rest in self.location_refs}
        self.existing_locations = {
            loc.id: loc for loc in Location.objects.select_for_update().filter(id__in=ids)
        }
        owners = dict(
            Organization.objects.filter(
                id__in={s.org_id for s in self.locations}
                | {loc.organization_id for loc in self.existing_locations.values()}
            ).values_list("id", "agency_id")
        )
        batch: dict[uuid.UUID, uuid.UUID] = {}
        for spec in self.locations:
            old = self.existing_locations.get(spec.id)
            if batch.setdefault(spec.id, spec.org_id) != spec.org_id or (
                old is not None and old.organization_id != spec.org_id
            ):
                self.error(spec.rec, _path(spec.path, "id"), _("Lokasi ini milik penyedia lain."))
            elif spec.org_id not in writable_orgs and owners.get(spec.org_id, self.agency.pk) != (
                self.agency.pk
            ):
                if old is None:
                    self.error(
                        spec.rec,
                        _path(spec.path, "id"),
                        _("Lokasi baru tidak dapat ditambahkan ke penyedia milik lembaga lain."),
                    )
                spec.readonly = True  # an existing location of a shared provider: link only
        for lid, org_id, rec, path in self.location_refs:
            old = self.existing_locations.get(lid)
            if batch.get(lid) != org_id and (old is None or old.organization_id != org_id):
                self.error(
                    rec,
                    path,
                    _("Lokasi %(id)s tidak ditemukan pada penyedia layanan ini.") % {"id": lid},
                )

    def resolve_children(self) -> None:
        """Child ids (phones, contacts, schedules, service-at-locations) stay with one parent."""

        def parent_of(row) -> tuple:
            return (getattr(row, "service_id", None), getattr(row, "organization_id", None))

        groups: dict[type, list] = {Phone: [], Contact: [], Schedule: [], ServiceAtLocation: []}
        lists = [(s.rec, rows) for s in self.orgs for rows in (s.phones, s.contacts)]
        lists += [
            (s.rec, rows)
            for s in self.services
            for rows in (s.phones, s.contacts, s.schedules, s.sals)
        ]
        for rec, rows in lists:
            ids = set()
            for row, path in rows or []:
                if row.id in ids:
                    self.error(rec, _path(path, "id"), _("ID ini tercantum dua kali."))
                ids.add(row.id)
                groups[type(row)].append((row, path, rec))
        for model, rows in groups.items():
            if not rows:
                continue
            columns = [f for f in ("service_id", "organization_id") if hasattr(model, f)]
            stored = {
                pk: tuple(rest) + (None,) * (2 - len(rest))
                for pk, *rest in model.objects.filter(
                    id__in={r.id for r, _p, _r in rows}
                ).values_list("id", *columns)
            }
            seen: dict[uuid.UUID, tuple] = {}
            for row, path, rec in rows:
                parent = parent_of(row)
                if (
                    seen.setdefault(row.id, parent) != parent
                    or stored.get(row.id, parent) != parent
                ):
                    self.error(rec, _path(path, "id"), _("ID ini sudah dipakai oleh entri lain."))
