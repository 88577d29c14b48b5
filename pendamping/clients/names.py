"""Name normalisation that tolerates Indonesian spelling variants.

Indonesian names are spelled many ways: the pre-1972 spelling (Soekarno, Djoko,
Tjahjo), Arabic transliterations (Muhammad, Muhamad, Mohammad, Mochamad), doubled
letters (Sitti/Siti). `phonetic_key` maps each spelling of a name part to one key:
old-spelling digraphs are rewritten, doubled letters collapsed, and vowels after
the first letter dropped. Search and duplicate detection index these keys; the
final ranking uses rapidfuzz on the normalised full names.
"""

import re
import unicodedata

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
KEY_LENGTH = 40  # ClientNameKey.key
_NON_LETTERS = re.compile(r"[^a-z]+")


def normalize_name(name: str) -> str:
    """Lower-case ASCII letters and single spaces."""
    text = unicodedata.normalize("NFKD", name or "").encode("ascii", "ignore").decode()
    return " ".join(_NON_LETTERS.sub(" ", text.lower()).split())


_OLD_SPELLING = ("dj", "tj", "oe", "nj", "sj")


def _respell(token: str) -> str:
    if any(d in token for d in _OLD_SPELLING):
        # In the old spelling "j" is today's "y" (Tjahjono = Cahyono), except in "dj".
        for old, mark in (("dj", "1"), ("tj", "2")):
            token = token.replace(old, mark)
        token = token.replace("j", "y").replace("1", "dj").replace("2", "tj")
    for old, new in _REWRITES:
        token = token.replace(old, new)
    return re.sub(r"(.)\1+", r"\1", token)


def phonetic_key(token: str) -> str:
    """First letter plus the consonants after it (z and s count as one)."""
    token = _respell(token)
    if not token:
        return ""
    rest = "".join(ch for ch in token[1:] if ch not in _VOWELS).replace("z", "s")
    # at most KEY_LENGTH letters: the column's size (a longer key would not be stored)
    return re.sub(r"(.)\1+", r"\1", token[0] + rest)[:KEY_LENGTH]


def name_keys(name: str) -> list[str]:
    """The distinct phonetic keys of a name's parts, in order."""
    seen: list[str] = []
    for token in normalize_name(name).split():
        key = phonetic_key(token)
        if key and key not in seen:
            seen.append(key)
    return seen


def respelled(name: str) -> str:
    return " ".join(_respell(t) for t in normalize_name(name).split())


def similarity(a: str, b: str) -> float:
    """0–100: how alike two names are once spelling variants are evened out."""
    ra, rb = respelled(a), respelled(b)
    return max(fuzz.token_sort_ratio(ra, rb), fuzz.WRatio(ra, rb) * 0.95)
