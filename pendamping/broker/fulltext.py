"""Directory search by words, ranked, with the database's full-text index behind it.

The words typed are respelled as the index holds them (``textindex.py``): each word
matches any of its readings, as a prefix (``rehab`` finds *rehabilitasi*), or one of
its sound keys, whole (Santoso finds Sentosa), and every word must match somewhere in
the service's name, provider, description or eligibility. The rank weighs a word in
the name above one in the provider's name, the description and the eligibility, in
that order: PostgreSQL's ``ts_rank`` over the weighted ``tsvector`` that the row keeps
(``document``, the GIN index's column), SQLite's FTS5 ``bm25`` with column weights.
Providers are looked up the same way in their own rows (``search_providers``): their
name and other name, their places, their description.
"""

from __future__ import annotations

from django.db import NotSupportedError, connection
from django.db.models import F, FloatField, Value
from django.db.models.expressions import RawSQL

from .textindex import (
    BM25_WEIGHTS,
    FTS_TABLE,
    KEY_MARK,
    PROVIDER_BM25_WEIGHTS,
    PROVIDER_FTS_TABLE,
    readings,
    sound_keys,
    tokens,
)

MIN_WORD = 2  # a one-letter word would match every service's words as a prefix
MAX_WORDS = 8


def word_groups(query: str) -> list[list[str]]:
    """Per word typed (at most MAX_WORDS), its readings and sound keys: a service
    matches one of each."""
    groups: list[list[str]] = []
    for token in tokens(query):
        group = readings(token) + sound_keys(token) if len(token) >= MIN_WORD else []
        if group and group not in groups:
            groups.append(group)
    return groups[:MAX_WORDS]


def _is_key(word: str) -> bool:
    return word.startswith(KEY_MARK) and word[1:].isalpha()


def postgres_query(groups) -> str:
    """``to_tsquery`` text; the words are lower-case ASCII letters and digits only."""
    return " & ".join(
        "(" + " | ".join(w if _is_key(w) else f"{w}:*" for w in g) + ")" for g in groups
    )


def fts5_query(groups) -> str:
    return " AND ".join(
        "(" + " OR ".join(f'"{w}"' if _is_key(w) else f'"{w}" *' for w in g) + ")" for g in groups
    )


def search(services, query: str):
    """The services (a Service queryset) whose words match the query, annotated with
    ``rank``; none when the query holds no word to look up."""
    return _search(services, query, FTS_TABLE, BM25_WEIGHTS)


def search_providers(organizations, query: str):
    """The providers (an Organization queryset) whose own words match the query,
    annotated with ``rank``; none when the query holds no word to look up."""
    return _search(organizations, query, PROVIDER_FTS_TABLE, PROVIDER_BM25_WEIGHTS)


def _search(rows, query: str, fts_table: str, weights):
    groups = word_groups(query)
    if not groups:
        return rows.none().annotate(rank=Value(0.0, output_field=FloatField()))
    if connection.vendor == "postgresql":
        from django.contrib.postgres.search import SearchQuery, SearchRank

        tsquery = SearchQuery(postgres_query(groups), search_type="raw", config="simple")
        return rows.filter(search_text__document=tsquery).annotate(
            rank=SearchRank(F("search_text__document"), tsquery)
        )
    if connection.vendor == "sqlite":
        return _fts5_search(rows, fts5_query(groups), fts_table, weights)
    # settings allow these two engines only, as history_migrations.py refuses others
    raise NotSupportedError(f"directory word search: no index for {connection.vendor}")


def _fts5_search(rows, match: str, fts_table: str, weights):
    """The rows joined to their FTS5 row, matched and ranked in one pass of the index.

    The FTS5 table is a table of the query's FROM (``extra``: the ORM joins no virtual
    table), so that SQLite reads the index once, from the MATCH, and scores each match
    as it is read: FTS5's ``rank`` column, its ``bm25`` with the column weights set for
    this query (``rank MATCH``; the ``bm25`` function itself cannot be called in the
    page's query, whose window count SQLite moves into a subquery). A rank in a
    correlated subquery per row (the way before) ran the whole MATCH again for every
    row matched, every prefix's terms merged anew: 3 s at 100,000 services."""
    # the join's condition through the ORM, so that the words' table is named by the
    # alias it has where the query ends up (a subquery's alias differs)
    joined = rows.filter(search_text__id=RawSQL(f"{fts_table}.rowid", ()))
    bm25 = f"bm25({', '.join(str(w) for w in weights)})"
    return joined.extra(
        select={"rank": f"-{fts_table}.rank"},
        tables=[fts_table],
        where=[f"{fts_table} MATCH %s", f"{fts_table}.rank MATCH %s"],
        params=[match, bm25],
    )
