"""Reads about clients. Each starts from a registered scope (the apps' access.py)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from django.db import NotSupportedError, connection
from django.db.models import QuerySet
from django.db.models.expressions import RawSQL

from pendamping.accounts import access

from .access import clients_for
from .models import NAME_FTS_TABLE, Client, name_vector
from .nameindex import fts5_query, name_query, postgres_query
from .names import name_key_groups, normalize_name, same_keys, similarity, similarity_to
from .nik import normalize_nik

MIN_QUERY = 3
CANDIDATE_LIMIT = 500


def _matching(visible: QuerySet, agency, parts) -> QuerySet:
    """The visible clients whose name index holds one key of every part: the posting
    lists are intersected in the database's full-text index (models.ClientNameIndex)."""
    if connection.vendor == "postgresql":
        from django.contrib.postgres.search import SearchQuery

        tsquery = SearchQuery(postgres_query(parts), search_type="raw", config="simple")
        return (
            visible.filter(name_index__agency=agency)
            .alias(name_keys=name_vector("name_index__"))
            .filter(name_keys=tsquery)
        )
    if connection.vendor == "sqlite":
        fts = NAME_FTS_TABLE
        matching = RawSQL(f"SELECT rowid FROM {fts} WHERE {fts} MATCH %s", [fts5_query(parts)])
        return visible.filter(pk__in=matching)
    # settings allow these two engines only, as history_migrations.py refuses others
    raise NotSupportedError(f"name search: no index for {connection.vendor}")


class Ranked(Sequence):
    """Clients found by name, best first. The ranking reads only the candidates' ids
    and names; the rows of a page (a slice) are loaded when it is read, in one query,
    so a page of 25 out of 500 candidates builds 25 clients, not 500."""

    def __init__(self, visible: QuerySet, pks: list[int]):
        self._visible, self._pks = visible, pks

    def __len__(self) -> int:
        return len(self._pks)

    def __getitem__(self, index):
        if not isinstance(index, slice):
            i = range(len(self))[index]  # IndexError beyond the end, as a list
            return self[i : i + 1][0]
        pks = self._pks[index]
        if not pks:
            return []
        page = self._visible.filter(pk__in=pks).select_related("region").order_by()
        rows = {c.pk: c for c in page}
        return [rows[pk] for pk in pks if pk in rows]

    def __iter__(self):
        return iter(self[:])


def search_clients(user, query: str) -> Ranked | QuerySet:
    """Clients visible to `user` matching `query`, best first.

    Digits search the NIK (whole or a prefix); words search names through the
    phonetic keys (`ClientNameIndex`), tolerant of Indonesian spelling variants,
    then rank by rapidfuzz similarity. Queries shorter than 3 characters return
    nothing rather than scanning.
    """
    visible = clients_for(user)
    query = (query or "").strip()
    digits = normalize_nik(query)
    if digits.isascii() and digits.isdigit():
        if len(digits) < 6:
            return visible.none()
        # not "": the partial unique index (agency, nik) holds no empty NIK, and SQLite
        # uses it only when the query states its condition; the regions come with the
        # rows (a page shows them), as a name search's page loads them (Ranked)
        with_nik = visible.exclude(nik="").select_related("region")
        if len(digits) == 16:
            return with_nik.filter(nik=digits)
        # digits sort the same in every collation; "9"-padding ends the prefix's range
        return with_nik.filter(nik__gte=digits, nik__lte=digits.ljust(16, "9")).order_by("nik")
    if len(normalize_name(query).replace(" ", "")) < MIN_QUERY:
        return visible.none()
    groups = name_key_groups(query)
    if not groups:
        return visible.none()
    agency = access.agency_of(user)
    words = normalize_name(query).split()
    typing = name_key_groups(words[-1])
    initials = [g for w in words if len(w) == 1 for g in name_key_groups(w)]
    qs = _matching(visible, agency, name_query(groups, typing, initials))
    # in no order: the database stops at the limit instead of reading and sorting every
    # match (thousands for a common name at 10M clients); the ranking orders them
    candidates = qs.order_by().values_list("pk", "full_name")[:CANDIDATE_LIMIT]
    score = similarity_to(query)
    ranked = sorted(candidates, key=lambda c: (-score(c[1]), c[1], c[0]))
    return Ranked(visible, [pk for pk, _name in ranked])


@dataclass
class DuplicateReport:
    nik_match: Client | None
    nik_match_visible: bool
    similar: list[Client]
    similar_hidden: int

    @property
    def empty(self) -> bool:
        return self.nik_match is None and not self.similar and not self.similar_hidden


SIMILAR_THRESHOLD = 85


def find_duplicates(
    user, *, nik: str = "", full_name: str = "", birth_date=None, exclude_pk=None
) -> DuplicateReport:
    """Possible duplicates of a registration within the user's whole agency.

    Integrity checks look agency-wide (a duplicate the worker cannot see is still a
    duplicate) but only reveal records the user may see; others are counted.
    """
    agency = access.agency_of(user)
    visible_ids = set()
    base = Client.objects.alive().filter(agency=agency)
    if exclude_pk:
        base = base.exclude(pk=exclude_pk)
    nik_match = base.filter(nik=nik).first() if nik else None
    similar: list[Client] = []
    if full_name and birth_date:
        for c in base.filter(birth_date=birth_date)[:200]:
            if similarity(full_name, c.full_name) >= SIMILAR_THRESHOLD or same_keys(
                full_name, c.full_name
            ):
                similar.append(c)
    ids = [c.pk for c in similar] + ([nik_match.pk] if nik_match else [])
    if ids:
        visible_ids = set(clients_for(user).filter(pk__in=ids).values_list("pk", flat=True))
    shown = [c for c in similar if c.pk in visible_ids]
    return DuplicateReport(
        nik_match=nik_match,
        nik_match_visible=bool(nik_match and nik_match.pk in visible_ids),
        similar=shown,
        similar_hidden=len(similar) - len(shown),
    )
