"""The directory's word index: one row per service with its words respelled.

Directory search by words (``fulltext.py``) looks services up by the words of their
name, provider, description and eligibility, tolerant of Indonesian spelling variants
(Djoko = Joko, Noer = Nur, Tjahaja = Cahaya, Sitti = Siti). The database cannot respell,
so the services write each word here in every reading of it
(``clients.names.spellings``), and the search respells the words typed the same way.

The index behind it is the database's own full-text index, made by the migration
``0011_service_text``: on PostgreSQL a GIN index on the weighted ``tsvector`` of these
columns (``document_vector``), on SQLite an FTS5 table (``FTS_TABLE``) kept in step
with this table by triggers. The rows are written by ``services.index_service`` (every
service write and the HSDS import) and, for the provider's name, by
``services.organization_save``.
"""

from __future__ import annotations

import re
import unicodedata

from django.db import models

from pendamping.clients.names import spellings

FTS_TABLE = "broker_servicetext_fts"
# the columns, most telling first: PostgreSQL weights A to D, SQLite bm25 weights
COLUMNS = ("name", "provider", "description", "eligibility")
WEIGHTS = ("A", "B", "C", "D")
BM25_WEIGHTS = (10.0, 5.0, 2.0, 1.0)


class ServiceText(models.Model):
    """The respelled words of a service (no personal data: the directory's own text)."""

    service = models.OneToOneField(
        "broker.Service", on_delete=models.CASCADE, related_name="search_text"
    )
    name = models.TextField(blank=True)
    provider = models.TextField(blank=True)
    description = models.TextField(blank=True)
    eligibility = models.TextField(blank=True)

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


def words(*texts: str) -> str:
    """Every reading of every word of the texts, once each, in order."""
    seen: dict[str, None] = {}
    for text in texts:
        for token in tokens(text):
            seen.update(dict.fromkeys(readings(token)))
    return " ".join(seen)


def text_values(service, provider_name: str) -> dict:
    """The index row's columns for a service (a model or its historical copy)."""
    return {
        "name": words(service.name, service.alternate_name),
        "provider": words(provider_name),
        "description": words(service.description),
        "eligibility": words(service.eligibility_description),
    }


def document_vector(prefix: str = ""):
    """The weighted tsvector of the columns (PostgreSQL): the GIN index's expression and
    the search's, written once so that the planner finds the index."""
    from django.contrib.postgres.search import SearchVector

    vectors = [
        SearchVector(f"{prefix}{column}", weight=weight, config="simple")
        for column, weight in zip(COLUMNS, WEIGHTS, strict=True)
    ]
    document = vectors[0]
    for v in vectors[1:]:
        document = document + v
    return document
