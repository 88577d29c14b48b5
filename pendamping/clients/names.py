"""Name normalisation that tolerates Indonesian spelling variants.

Indonesian names are spelled many ways: the pre-1972 spelling (Soekarno, Djoko,
Tjahjo), Arabic transliterations (Muhammad, Muhamad, Mohammad, Mochamad), doubled
letters (Sitti/Siti). `phonetic_keys` maps each spelling of a name part to its keys:
old-spelling digraphs are rewritten (dj=j, tj=c, oe=u, sj=sy, nj=ny, and j=y where the
old spelling shows), doubled letters collapsed, and vowels after the first letter
dropped. Where a spelling reads two ways (a bare j: Joko or Jusuf = Yusuf; an initial
ch: Chandra = Candra or Chairul = Khairul) a part has a key per reading, all stored;
a search matches any key of each part. Search and duplicate detection index these
keys; the final ranking uses rapidfuzz on the normalised full names. After a change
here, existing rows need their keys rebuilt (a data migration calling
`rekey.rebuild_name_keys`, or `manage.py rebuild_name_keys`).
"""

import re
import unicodedata
from collections.abc import Callable
from functools import lru_cache

from rapidfuzz import fuzz

_REWRITES = (
    ("dj", "j"),
    ("dz", "z"),  # Arabic dhal: Dzulkifli = Zulkifli
    ("tj", "c"),
    ("sj", "sy"),
    ("nj", "ny"),
    ("oe", "u"),
    ("ch", "h"),
    ("kh", "h"),
    ("ph", "f"),
    ("th", "t"),
    ("dh", "d"),
    ("q", "k"),
    ("x", "ks"),
    ("v", "f"),
)
_VOWELS = set("aeiouy")
KEY_LENGTH = 40  # the size of the keys' old column, kept so that stored keys stay valid
_NON_LETTERS = re.compile(r"[^a-z]+")


def normalize_name(name: str) -> str:
    """Lower-case ASCII letters and single spaces."""
    text = unicodedata.normalize("NFKD", name or "").encode("ascii", "ignore").decode()
    return " ".join(_NON_LETTERS.sub(" ", text.lower()).split())


# Marks of the pre-1972 spelling, in which "j" is today's "y" (Tjahjono = Cahyono):
# the old digraphs, and "hj" (Wahjudin), which today's spelling does not write.
_OLD_SPELLING = re.compile(r"dj|tj|oe|nj|sj|hj")
_BARE_J = re.compile(r"(?<![dt])j")  # "dj" and "tj" are digraphs: "j" and "c" today


def _readings(token: str) -> list[str]:
    """The ways a name part may be read, most likely first: one, or two to four.

    Old and new spellings overlap: a bare "j" is "j" today (Joko, Fajar) and "y" in
    the old spelling (Jusuf = Yusuf, Hidajat = Hidayat); an initial "ch" is "c" in
    Chandra (= Candra, Tjandra) and "kh" in Chairul (= Khairul). Where the spelling
    itself does not tell, both readings are kept.
    """
    if not token:
        return []
    if _OLD_SPELLING.search(token):
        readings = [_BARE_J.sub("y", token)]
    elif "j" in token:
        readings = [token, _BARE_J.sub("y", token)]
    else:
        readings = [token]
    if token.startswith("ch"):
        readings = [r.replace("ch", "c", 1) for r in readings] + readings
    return [_respell(r) for r in readings]


def spellings(token: str) -> list[str]:
    """The respelled readings of one lower-case word, the most likely first: what a word
    search indexes and looks up (the directory's full-text search, broker/fulltext.py)."""
    return list(dict.fromkeys(_readings(token)))


def _respell(token: str) -> str:
    for old, new in _REWRITES:
        token = token.replace(old, new)
    return re.sub(r"(.)\1+", r"\1", token)


def _key(spelling: str) -> str:
    """First letter plus the consonants after it (z and s, f and p, a final d and t count as one)."""
    if not spelling:
        return ""
    spelling = spelling.replace("f", "p")
    if spelling.endswith("d"):
        spelling = spelling[:-1] + "t"  # Ahmad = Ahmat, Muhammad = Muhammat
    rest = "".join(ch for ch in spelling[1:] if ch not in _VOWELS).replace("z", "s")
    # at most KEY_LENGTH letters (a longer key would name one person only anyway)
    return re.sub(r"(.)\1+", r"\1", spelling[0] + rest)[:KEY_LENGTH]


def phonetic_keys(token: str) -> list[str]:
    """The distinct keys of one name part's readings, the most likely first."""
    return list(_token_keys(token))


@lru_cache(maxsize=65_536)
def _token_keys(token: str) -> tuple[str, ...]:
    # a pure function of the part, and name parts repeat a great deal: an import of
    # 20,000 clients asks for a few thousand distinct parts (README, Performance)
    return tuple(dict.fromkeys(k for k in map(_key, _readings(token)) if k))


def phonetic_key(token: str) -> str:
    """The key of a name part's most likely reading."""
    keys = phonetic_keys(token)
    return keys[0] if keys else ""


def name_key_groups(name: str) -> list[tuple[str, ...]]:
    """Per name part, the keys of its readings: a search matches one key of every group."""
    groups: list[tuple[str, ...]] = []
    for token in normalize_name(name).split():
        group = _token_keys(token)
        if group and group not in groups:
            groups.append(group)
    return groups


def name_keys(name: str) -> list[str]:
    """The distinct phonetic keys of a name's parts (every reading), in order: the stored index."""
    return list(dict.fromkeys(k for group in name_key_groups(name) for k in group))


def same_keys(a: str, b: str) -> bool:
    """Two names whose parts read alike, part for part (in any order)."""
    ga, gb = name_key_groups(a), name_key_groups(b)

    def covered(x, y):
        return all(any(set(g) & set(h) for h in y) for g in x)

    return bool(ga) and covered(ga, gb) and covered(gb, ga)


@lru_cache(maxsize=65_536)
def _first_reading(token: str) -> str:
    # a pure function of the part, as _token_keys: a search ranks hundreds of names
    # whose parts are mostly the same few hundred
    return _readings(token)[0]


def respelled(name: str) -> str:
    return " ".join(_first_reading(t) for t in normalize_name(name).split())


def similarity_to(name: str) -> Callable[[str], float]:
    """``similarity(name, other)`` as a function of ``other``, ``name`` respelled once:
    a search ranks up to 500 candidates against one query."""
    ra = respelled(name)

    def score(other: str) -> float:
        rb = respelled(other)
        return max(fuzz.token_sort_ratio(ra, rb), fuzz.WRatio(ra, rb) * 0.95)

    return score


def similarity(a: str, b: str) -> float:
    """0–100: how alike two names are once spelling variants are evened out."""
    return similarity_to(a)(b)
