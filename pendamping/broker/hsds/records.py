"""The records an HSDS import parses, and the state its phases share.

`_Rec` names a record of the batch (its index and label); `_OrgSpec`, `_LocSpec` and
`_ServiceSpec` hold what was parsed for an organization, a location and a service.
`_Batch` is the state of one import: the specs, the references still to check, the
known taxonomy terms, and the errors (`error`, `check_model`). The phases (`parse`,
`children`, `attributes`, `resolve`, `write`) are mixins over it, put together in
`importer._Importer`.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from pendamping.clients.choices import PPKS, Sex
from pendamping.taxonomy.models import TaxonomyTerm
from pendamping.taxonomy.terms import term_id

from ..models import Capacity, Location, Organization, Service, TermMapping
from .report import ImportIssue


def _path(base: str, *parts) -> str:
    out = base
    for p in parts:
        if isinstance(p, int):
            out += f"[{p}]"
        else:
            out = f"{out}.{p}" if out else str(p)
    return out


def _text(obj: dict, key: str) -> str:
    value = obj.get(key)
    return value if isinstance(value, str) else ""


# keys that only say where a repeated object sits, not what it is
LINK_KEYS = frozenset(
    {"organization_id", "service_id", "location_id", "link_id", "service_at_location_id"}
)


def _scalars(obj: dict) -> dict:
    return {k: v for k, v in obj.items() if k not in LINK_KEYS and not isinstance(v, (dict, list))}


@dataclass
class _RegionRef:
    """A region to find: a Kemendagri `code`, else the `names` a publisher wrote.

    `apply(code, text)` is called once resolved: with the code found, or with the
    text to keep when there is none.
    """

    rec: _Rec
    path: str
    code: str
    names: list[str]
    text: str
    apply: object


@dataclass
class _Rec:
    index: int
    label: str


@dataclass
class _OrgSpec:
    rec: _Rec
    path: str
    id: uuid.UUID
    fields: dict
    nested: bool
    phones: list | None = None
    contacts: list | None = None
    readonly: bool = False  # a nested copy of another agency's shared organization


@dataclass
class _LocSpec:
    rec: _Rec
    path: str
    id: uuid.UUID
    org_id: uuid.UUID
    fields: dict
    readonly: bool = False  # a location of another agency's shared organization


@dataclass
class _ServiceSpec:
    rec: _Rec
    path: str
    id: uuid.UUID
    org_id: uuid.UUID
    org_path: str
    org_ref: bool  # the organization is only referenced by organization_id
    fields: dict
    phones: list | None = None
    contacts: list | None = None
    schedules: list | None = None
    sals: list | None = None
    terms: list | None = None
    external: list | None = None  # (vocabulary, code, name) of other vocabularies


class _Batch:
    """One import's state. `resolve` adds the `existing_*` entries it locked."""

    existing_orgs: dict[uuid.UUID, Organization]
    existing_services: dict[uuid.UUID, Service]
    existing_locations: dict[uuid.UUID, Location]

    def __init__(self, *, agency, shared: bool, actor):
        self.agency = agency
        self.shared = shared
        self.actor = actor
        self.errors: list[ImportIssue] = []
        self.warnings: list[ImportIssue] = []
        self.seen: dict[tuple[str, str], tuple[dict, object]] = {}
        self.mapped: list[tuple[str, str, str]] = []  # (vocabulary, code, our term code)
        self.orgs: list[_OrgSpec] = []
        self.locations: list[_LocSpec] = []
        self.services: list[_ServiceSpec] = []
        self.region_refs: list[_RegionRef] = []
        self.location_refs: list[tuple[uuid.UUID, uuid.UUID, _Rec, str]] = []
        self.current: _Rec | None = None
        terms = list(TaxonomyTerm.objects.all())
        self.terms_by_id = {t.id: t for t in terms}
        self.terms_by_code = {t.code: t for t in terms}
        self.mappings = {
            (m.vocabulary, m.code): m.term_id for m in TermMapping.objects.filter(agency=agency)
        }
        self.pseudo_by_id = {
            term_id(f"{prefix}:{value}"): f"{prefix}:{value}"
            for prefix, values in (
                ("sex", Sex.values),
                ("ppks", PPKS.values),
                ("capacity", Capacity.values),
            )
            for value in values
        }

    def error(self, rec: _Rec, path: str, message: str) -> None:
        issue = ImportIssue(rec.index, rec.label, path, str(message))
        if issue not in self.errors:
            self.errors.append(issue)

    def warn(self, rec: _Rec, path: str, message: str) -> None:
        issue = ImportIssue(rec.index, rec.label, path, str(message))
        if issue not in self.warnings:
            self.warnings.append(issue)

    def repeated(self, kind: str, obj: dict, rec: _Rec, path: str, value=None):
        """The value kept for an object of this `kind` and id seen before in the batch.

        The compiled HSDS form repeats nested objects (a phone under its organization
        and its service): the same id with no differing value is one object. An id
        whose copies differ in a value is an error. The first time, `value` is kept
        and None returned.
        """
        key = (kind, str(obj.get("id")))
        scalars = _scalars(obj)
        if key not in self.seen:
            self.seen[key] = (scalars, value)
            return None
        first, kept = self.seen[key]
        differ = sorted(k for k in scalars.keys() & first.keys() if scalars[k] != first[k])
        if differ:
            self.error(
                rec,
                _path(path, "id"),
                _("ID ini menamai dua objek berbeda (beda di: %(fields)s).")
                % {"fields": ", ".join(differ)},
            )
        first.update({k: v for k, v in scalars.items() if k not in first})
        return kept

    def keep(self, kind: str, obj: dict, value) -> None:
        """Remember `value` as what the first copy of this object became."""
        key = (kind, str(obj.get("id")))
        self.seen[key] = (self.seen.get(key, (_scalars(obj), None))[0], value)

    def check_model(self, rec: _Rec, instance, paths: dict[str, str]) -> None:
        """Field rules of the model (lengths, blanks, choices, emails, URLs)."""
        exclude = [f.name for f in instance._meta.fields if f.name not in paths]
        try:
            instance.clean_fields(exclude=exclude)
        except ValidationError as exc:
            for name, messages in exc.message_dict.items():
                for message in messages:
                    self.error(rec, paths.get(name, name), message)
