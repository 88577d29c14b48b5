"""Anonymising a client, app by app (UU 27/2022 art. 43: erasure; issue 16).

Every app declares what it holds about a client (``plugins.personal_data``) and the
function that erases it, ``erase(client, erasure)``. The privacy app's service
(``pendamping/privacy/erasure.py``) decides whether a client may be erased and then
calls every app's function in one transaction. What the functions do:

- free text (names, notes, descriptions, reasons, a referral's shared snapshot) is
  blanked with ``blank``; history rows are redacted with ``redact`` (the one UPDATE
  their triggers allow, history_migrations.py);
- uploads are deleted with ``erasure.delete_file`` once the transaction commits (a
  rolled-back erasure keeps them);
- the rows themselves, their codes, dates, numbers and links stay, so counts,
  indicators and the append-only structure are unchanged.

This module sits below the apps: it imports only Django.
"""

from __future__ import annotations

import functools
import logging
import operator
import re
from dataclasses import dataclass, field
from pathlib import Path

from django.db import transaction
from django.db.models import Q

log = logging.getLogger(__name__)


@dataclass
class Erasure:
    """One client's erasure in progress: the pseudonym that replaces their name, the
    identifiers that must disappear (name, NIK, KK, phone; for apps that have to find
    text that names the client without a link, such as an import's rejected rows) and
    the files deleted when the transaction commits."""

    client_id: int
    pseudonym: str
    identifiers: tuple[str, ...]
    # the words of the client's name (at least 3 letters), for text that may name the
    # client by part of the name (a breach's description: "laptop berisi data Bu Siti")
    name_words: tuple[str, ...] = ()
    files: list[Path] = field(default_factory=list)
    # what the apps changed where they had to find the client by their words, counted
    # by kind ({"breaches": 2}): kept in the erasure's record (privacy.Erasure.report)
    report: dict[str, int] = field(default_factory=dict)

    def delete_file(self, path: Path | None) -> None:
        if path is None:
            return
        path = Path(path)
        self.files.append(path)

        def unlink():
            try:
                path.unlink(missing_ok=True)
            except OSError:  # logged, the erasure itself stands; the audit names the count
                log.exception("Erasure of client %s: could not delete a file", self.client_id)

        transaction.on_commit(unlink)


def blank(queryset, *fields: str, **values) -> int:
    """One UPDATE: ``fields`` become '' and ``values`` are set, on every row of
    ``queryset`` (soft-deleted rows too: pass a ``_base_manager`` queryset)."""
    changes = dict.fromkeys(fields, "") | values
    return queryset.update(**changes) if changes else 0


def redact(queryset, *fields: str) -> int:
    """Blank declared free text of history rows (``REDACTABLE``)."""
    return queryset.redact(*fields)


# what replaces the client's words in a text that stays (a breach's description)
MARKER = "[dihapus]"


def _words(texts) -> re.Pattern:
    """``texts`` as whole words (no letter or digit on either side), case-insensitive;
    the longest first, so that a full name is one match rather than its parts."""
    alternatives = sorted(set(texts), key=len, reverse=True)
    return re.compile("|".join(rf"(?<![^\W_]){re.escape(t)}(?![^\W_])" for t in alternatives),
                      re.IGNORECASE)  # fmt: skip


def unname(text: str, texts) -> str:
    """``text`` with each of ``texts`` that it holds as a whole word replaced by MARKER."""
    texts = [t for t in texts if t]
    return _words(texts).sub(MARKER, text) if text and texts else text


def naming(queryset, fields: tuple[str, ...], texts) -> list[list[int]]:
    """The ids of the rows of ``queryset`` whose ``fields`` hold one of ``texts`` as a
    whole word (case-insensitive; a letter or digit on either side makes it part of
    another word: "Ani" is in "data_ani.csv" and "Ani, ibunya", not in "Daniel"), in
    chunks small enough for an ``IN`` list. The database narrows with ``icontains``
    (the same on SQLite and PostgreSQL), Python decides, reading the candidates in
    batches."""
    texts = [t for t in texts if t]
    if not texts:
        return []
    coarse = functools.reduce(operator.or_, (Q(**{f"{f}__icontains": t}) for f in fields
                                             for t in texts))  # fmt: skip
    words = _words(texts)
    found = [
        row[0]
        for row in queryset.filter(coarse).values_list("pk", *fields).iterator(chunk_size=500)
        if any(words.search(value or "") for value in row[1:])
    ]
    return [found[i : i + 500] for i in range(0, len(found), 500)]


def pseudonym(client_id: int) -> str:
    """The name an anonymised client keeps: a number, never derived from the name."""
    return f"ANONIM-{client_id:06d}"
