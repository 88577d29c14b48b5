"""HSDS import: a service's attributes back into its terms, eligibility and capacity.

A term of another vocabulary (its `taxonomy`, or its taxonomy's name, is not ours;
or it has no vocabulary and a code we do not know) is kept as an external term of
that vocabulary, and gives the service the term an agency mapping names for it.

Our own attributes are those `export` writes (see its docstring): a taxonomy term of
Pendamping (by code, or by the id of an existing TaxonomyTerm) with link_type
"service_type"; "sex:M"/"sex:F" and "ppks:<key>" with link_type "eligibility"; at
most one "capacity:<status>" with link_type "capacity", whose value is the JSON
string {"count": n|null, "updated_at": iso|null}. A pseudo term may also be given by
its id alone (`taxonomy.term_id(code)`).
"""

from __future__ import annotations

import json
import uuid

from django.utils import timezone
from django.utils.dateparse import parse_datetime
from django.utils.translation import gettext as _

from pendamping.clients.choices import PPKS, Sex
from pendamping.taxonomy.models import TaxonomyTerm

from ..models import Capacity
from .records import _Batch, _path, _Rec, _ServiceSpec, _text
from .schema import LINK_TYPES


def _vocabulary(term: dict) -> str:
    """The vocabulary a term names: `taxonomy`, else its taxonomy's name, else its id."""
    detail = term.get("taxonomy_detail") if isinstance(term.get("taxonomy_detail"), dict) else {}
    return (
        _text(term, "taxonomy").strip()
        or _text(detail, "name").strip()
        or _text(term, "taxonomy_id").strip()
    )


class AttributeParsing(_Batch):
    """Sets a service spec's `terms`, eligible sexes and PPKS, and capacity fields."""

    def parse_attributes(self, items: list, rec: _Rec, path: str, spec: _ServiceSpec) -> None:
        terms: list[uuid.UUID] = []
        values: dict[str, list[str]] = {"sex": [], "ppks": []}
        capacity = None
        external: list[tuple[str, str, str]] = []
        mapped_terms: list[uuid.UUID] = []
        for i, attr in enumerate(items):
            p = _path(path, "attributes", i)
            term = attr.get("taxonomy_term") or {}
            raw_id = term.get("id") or attr.get("taxonomy_term_id")
            tid = uuid.UUID(raw_id) if raw_id else None
            code = _text(term, "code").strip()
            code_path = _path(p, "taxonomy_term", "code") if code else _path(p, "taxonomy_term_id")
            vocabulary = _vocabulary(term)
            ours = vocabulary in ("", TaxonomyTerm.TAXONOMY)
            if ours and tid in self.terms_by_id:
                code = self.terms_by_id[tid].code
            elif ours and not code:
                code = self.pseudo_by_id.get(tid, "")
            prefix, sep, value = code.partition(":")
            if ours and sep and prefix in LINK_TYPES:
                expected = LINK_TYPES[prefix]
            elif ours and code in self.terms_by_code:
                prefix, expected = "term", "service_type"
            elif vocabulary == TaxonomyTerm.TAXONOMY or (not term and not code):
                self.error(
                    rec,
                    code_path,
                    _("Kode taksonomi %(code)s tidak dikenal.") % {"code": code}
                    if code
                    else _("Atribut perlu taxonomy_term dengan kode taksonomi Pendamping."),
                )
                continue
            else:  # a term of another vocabulary: kept as it is, mapped if we know how
                key = (code or _text(term, "name").strip())[:200]
                if key:
                    external.append((vocabulary[:200], key, _text(term, "name").strip()[:300]))
                    mapped = self.mappings.get((vocabulary[:200], key))
                    if mapped is not None:
                        mapped_terms.append(mapped)
                continue
            link_type = attr.get("link_type")
            if link_type and link_type != expected:
                self.error(
                    rec,
                    _path(p, "link_type"),
                    _("Untuk kode %(code)s, link_type harus %(expected)s.")
                    % {"code": code, "expected": expected},
                )
                continue
            if prefix == "term":
                terms.append(self.terms_by_code[code].id)
            elif prefix == "sex":
                if value not in Sex.values:
                    self.error(
                        rec,
                        code_path,
                        _("Jenis kelamin %(value)s tidak dikenal; pakai sex:M atau sex:F.")
                        % {"value": value},
                    )
                else:
                    values["sex"].append(value)
            elif prefix == "ppks":
                if value not in PPKS.values:
                    self.error(
                        rec,
                        code_path,
                        _("Kategori PPKS %(value)s tidak dikenal.") % {"value": value},
                    )
                else:
                    values["ppks"].append(value)
            elif capacity is not None:
                self.error(rec, code_path, _("Hanya boleh ada satu atribut kapasitas."))
            elif value not in Capacity.values:
                self.error(
                    rec,
                    code_path,
                    _(
                        "Status kapasitas %(value)s tidak dikenal; pilih salah satu dari: %(choices)s."
                    )
                    % {"value": value, "choices": ", ".join(Capacity.values)},
                )
            else:
                capacity = self.parse_capacity(value, attr.get("value"), rec, _path(p, "value"))
        given = [t for t in dict.fromkeys(mapped_terms) if t not in terms]
        spec.terms = list(dict.fromkeys(terms + given))
        spec.fields["mapped_terms"] = sorted(str(t) for t in given)
        spec.external = list(dict.fromkeys(external))
        spec.fields["eligible_sexes"] = list(dict.fromkeys(values["sex"]))
        spec.fields["eligible_ppks"] = list(dict.fromkeys(values["ppks"]))
        (
            spec.fields["capacity"],
            spec.fields["capacity_count"],
            spec.fields["capacity_updated_at"],
        ) = capacity or (Capacity.UNKNOWN, None, None)

    def parse_capacity(self, status: str, raw, rec: _Rec, path: str):
        count = updated_at = None
        if raw not in (None, ""):
            try:
                data = json.loads(raw)
            except ValueError:
                data = None
            if not isinstance(data, dict):
                self.error(
                    rec,
                    path,
                    _(
                        'Isi value dengan JSON {"count": n atau null, "updated_at": waktu atau null}.'
                    ),
                )
                return status, None, None
            count = data.get("count")
            if count is not None and (
                isinstance(count, bool) or not isinstance(count, int) or count < 0
            ):
                self.error(rec, path, _("count harus bilangan bulat 0 atau lebih, atau null."))
                count = None
            raw_at = data.get("updated_at")
            if raw_at is not None:
                updated_at = parse_datetime(raw_at) if isinstance(raw_at, str) else None
                if updated_at is None:
                    self.error(rec, path, _("updated_at harus waktu ISO 8601, atau null."))
                elif timezone.is_naive(updated_at):
                    updated_at = timezone.make_aware(updated_at)
        return status, count, updated_at
