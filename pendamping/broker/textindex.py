"""The directory's word index: one row per service, and one per provider, with their
words respelled.

Directory search by words (``fulltext.py``) looks services up by the words of their
name, provider, description and eligibility, tolerant of Indonesian spelling variants
(Djoko = Joko, Noer = Nur, Tjahaja = Cahaya, Sitti = Siti). The database cannot respell,
so the services write each word here in every reading of it
(``clients.names.spellings``) and with its sound keys (``sound_keys``: the client
search's phonetic keys, so that vowels spelled otherwise match too: Santoso = Sentosa),
and the search respells the words typed the same way.

The index behind it is the database's own full-text index: on PostgreSQL the weighted
``tsvector`` of these columns (``document_vector``) kept in the row's ``document``
column by a trigger, with a GIN index on it (migration ``0017_word_document``; before
it, ``0011_service_text`` indexed the expression), on SQLite an FTS5 table
(``FTS_TABLE``) kept in step with this table by triggers. The rows are written by ``services.index_service`` (every
service write and the HSDS import).

A provider has its own row (``ProviderText``, migration ``0015_provider_text``, the same
design with its own GIN index and FTS5 table) so that one without services is found
too: its name and other name, its places (the names, addresses, cities and Kemendagri
regions of its locations) and its description. A service's ``provider`` column holds
the provider's name, other name and places, so that "rehab bandung" finds a service
of a provider in Bandung. ``services.index_provider`` writes the provider's row and
that column of its services whenever one of those changes (a rename, a location added
or removed, the HSDS import), nothing else.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from django.contrib.postgres.search import SearchVectorExact
from django.db import models

from pendamping.clients.names import phonetic_keys, spellings
from pendamping.textsearch import sqlite_fts  # noqa: F401  (the migrations build the FTS5 tables with it)

FTS_TABLE = "broker_servicetext_fts"
# the columns, most telling first: PostgreSQL weights A to D, SQLite bm25 weights
COLUMNS = ("name", "provider", "description", "eligibility")
WEIGHTS = ("A", "B", "C", "D")
BM25_WEIGHTS = (10.0, 5.0, 2.0, 1.0)
PROVIDER_FTS_TABLE = "broker_providertext_fts"
PROVIDER_COLUMNS = ("name", "place", "description")
PROVIDER_WEIGHTS = ("A", "B", "C")
PROVIDER_BM25_WEIGHTS = (10.0, 5.0, 2.0)


class DocumentField(models.Field):
    """The row's weighted ``tsvector`` on PostgreSQL, written by the database itself (a
    trigger of migration ``0017_word_document`` computes ``document_vector`` of the
    row's columns on every insert and update, whatever Django sends), so that neither
    the search's match nor its rank parses the words again. SQLite has the FTS5 table
    instead: there the column stays empty."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("null", True)
        kwargs.setdefault("editable", False)
        super().__init__(*args, **kwargs)

    def db_type(self, connection):
        return "tsvector" if connection.vendor == "postgresql" else "text"


DocumentField.register_lookup(SearchVectorExact)  # document = query: "@@" (PostgreSQL)


class ServiceText(models.Model):
    """The respelled words of a service (no personal data: the directory's own text)."""

    service = models.OneToOneField(
        "broker.Service", on_delete=models.CASCADE, related_name="search_text"
    )
    name = models.TextField(blank=True)
    provider = models.TextField(blank=True)
    description = models.TextField(blank=True)
    eligibility = models.TextField(blank=True)
    document = DocumentField()

    class Meta:
        app_label = "broker"

    def __str__(self) -> str:
        return self.name


class ProviderText(models.Model):
    """The respelled words of a provider: its name, places and description."""

    organization = models.OneToOneField(
        "broker.Organization", on_delete=models.CASCADE, related_name="search_text"
    )
    name = models.TextField(blank=True)
    place = models.TextField(blank=True)
    description = models.TextField(blank=True)
    document = DocumentField()

    class Meta:
        app_label = "broker"

    def __str__(self) -> str:
        return self.name


_TOKEN = re.compile(r"[a-z0-9]+")


def tokens(text: str) -> list[str]:
    """The words of a text: lower-case ASCII letters and digits (accents dropped)."""
    ascii_text = unicodedata.normalize("NFKD", text or "").encode("ascii", "ignore").decode()
    return _TOKEN.findall(ascii_text.lower())


def readings(token: str) -> list[str]:
    """A word's respelled readings; a number stays as it is."""
    return [token] if token.isdigit() else spellings(token)


# A word's sound keys (the client search's ``phonetic_keys``: consonants after the first
# letter, so that Santoso = Sentosa, Setiawan = Setyawan, Effendi = Effendy, Saputra =
# Saputera) are indexed beside its readings as whole words marked with a leading "0",
# which no word of a text starts a letter key with; keys of one letter, and those of
# words shorter than KEY_MIN_WORD letters, would match far too much.
KEY_MARK = "0"
KEY_MIN_WORD = 4
KEY_MIN = 2


def sound_keys(token: str) -> list[str]:
    """The marked sound keys of a word (none for a number or a short word)."""
    if len(token) < KEY_MIN_WORD or not token.isalpha():
        return []
    return [KEY_MARK + k for k in phonetic_keys(token) if len(k) >= KEY_MIN]


def words(*texts: str) -> str:
    """Every reading of every word of the texts and their sound keys, once each, in order."""
    seen: dict[str, None] = {}
    for text in texts:
        for token in tokens(text):
            seen.update(dict.fromkeys(_token_words(token)))
    return " ".join(seen)


@lru_cache(maxsize=65_536)
def _token_words(token: str) -> tuple[str, ...]:
    # the directory's words repeat a great deal (place names, the words of terms)
    return (*readings(token), *sound_keys(token))


def text_values(service, *provider_texts: str) -> dict:
    """The index row's columns for a service (a model or its historical copy); the
    provider's texts are its name, other name and places (``provider_texts``)."""
    return {
        "name": words(service.name, service.alternate_name),
        "provider": words(*provider_texts),
        "description": words(service.description),
        "eligibility": words(service.eligibility_description),
    }


def places(locations) -> list[str]:
    """The texts of a provider's locations that its words hold (region loaded)."""
    texts: list[str] = []
    for loc in locations:
        region = loc.region.name if loc.region_id else ""
        texts += [loc.name, loc.address_1, loc.city, loc.state_province, region]
    return [t for t in texts if t]


def provider_texts(organization, locations) -> list[str]:
    return [organization.name, organization.alternate_name, *places(locations)]


def provider_values(organization, locations) -> dict:
    """The index row's columns for a provider (a model or its historical copy)."""
    return {
        "name": words(organization.name, organization.alternate_name),
        "place": words(*places(locations)),
        "description": words(organization.description),
    }


def document_vector(prefix: str = "", columns=COLUMNS, weights=WEIGHTS):
    """The weighted tsvector of the columns (PostgreSQL): the GIN index's expression and
    the search's, written once so that the planner finds the index."""
    from django.contrib.postgres.search import SearchVector

    vectors = [
        SearchVector(f"{prefix}{column}", weight=weight, config="simple")
        for column, weight in zip(columns, weights, strict=True)
    ]
    document = vectors[0]
    for v in vectors[1:]:
        document = document + v
    return document


def provider_vector(prefix: str = ""):
    return document_vector(prefix, PROVIDER_COLUMNS, PROVIDER_WEIGHTS)
