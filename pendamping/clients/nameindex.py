"""What a client's row of the name index holds, and the queries that look it up.

A client's ``ClientNameIndex.keys`` holds the phonetic keys of their name's parts
(``names.name_keys``) and, for each key, every prefix of it, marked with a final
``PREFIX_MARK`` ("stn" is written ``stn s0 st0 stn0``).
The database's full-text index keeps a posting list per word of that column (a GIN
index on PostgreSQL, FTS5 on SQLite), and a search asks for one word of every part
typed: a key matched whole asks for the key itself ("st" for Siti), a key matched as
a prefix asks for its marked word ("st0": every key that begins with "st"). Both are
single words, whose posting lists the index intersects by skipping through them; a
prefix query of the index itself ("st:*" on PostgreSQL, "st" * in FTS5) instead
gathers every word that begins so, and their lists in full: 20 to 40 ms at 1M clients
against 1 ms on PostgreSQL. A key of one letter, too, is asked for by its marked word
("k0" for "Koko" or a part being typed, "Siti A"): as a prefix query of the index
it merged the lists of a hundred words or more, 30 to 60 ms at 100,000 clients on
SQLite and ten times that at 1M (clients 0020 added these words).
"""

from __future__ import annotations

from functools import lru_cache

from .names import name_keys

PREFIX_MARK = "0"  # a digit: both full-text parsers keep "st0" one word
MIN_PREFIX = 1  # every prefix has its word: no prefix query of the index


def index_text(full_name: str) -> str:
    """The ``keys`` of a client's ``ClientNameIndex`` row."""
    return " ".join(dict.fromkeys(w for key in name_keys(full_name) for w in _key_words(key)))


@lru_cache(maxsize=65_536)
def _key_words(key: str) -> tuple[str, ...]:
    # a pure function of the key; keys repeat a great deal (names._token_keys)
    return (key, *(key[:end] + PREFIX_MARK for end in range(MIN_PREFIX, len(key) + 1)))


def name_query(groups, typing, initials=()) -> list[tuple[tuple[str, ...], bool]]:
    """Per word's key group, whether its keys match as prefixes.

    The keys match as prefixes (a word half typed, "Budi Sant"; a shorter spelling,
    "Maria" for "Mariah"), but one word before the last (so not being typed), the one
    with the longest key, usually the rarest, matches whole: "Siti" by prefix matches
    every "st…" key (34,000 of 700,000 clients at 1M) against 10,700 for "st" itself.
    A whole word typed whose keys are one letter ("Ayu": "a", "Dedi": "d") matches
    whole too: as a prefix it is every name of that initial, a tenth of the register,
    whose posting list the index walks for every candidate (64 ms at 10M clients for
    "Wulandari Ayu Rahman"). An initial (``initials``: "Budi S Wijaya") and the word
    being typed keep their prefix.
    """
    order = sorted(groups, key=lambda g: (g in typing, -len(g[0])))
    return [
        (g, g in typing or (i > 0 and (g in initials or not _short(g))))
        for i, g in enumerate(order)
    ]


def _short(group) -> bool:
    return all(len(key) == 1 for key in group)


def _words(parts) -> list[list[str]]:
    """Per part, the words asked for: its keys, or their marked words for a prefix.
    A prefix covered by a shorter one of its part is left out: "p0" already asks for
    every "pj…" of "Puji" (keys "pj" and "p"), and an OR of the two merges their lists
    (21 against 3 ms at 1M clients on SQLite)."""
    return [
        list(group)
        if not prefix
        else [
            key + PREFIX_MARK
            for key in group
            if not any(other != key and key.startswith(other) for other in group)
        ]
        for group, prefix in parts
    ]


def postgres_query(parts) -> str:
    """``to_tsquery`` text: one word of every part."""
    return " & ".join("(" + " | ".join(g) + ")" for g in _words(parts))


def fts5_query(parts) -> str:
    """An FTS5 MATCH expression: one word of every part."""
    return " AND ".join("(" + " OR ".join(f'"{w}"' for w in g) + ")" for g in _words(parts))
