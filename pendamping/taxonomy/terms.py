"""The social-services taxonomy shipped as data (`data/taxonomy.json`)."""

from __future__ import annotations

import json
import uuid
from pathlib import Path

DATA = Path(__file__).parent / "data" / "taxonomy.json"
NAMESPACE = "https://pendamping.id/taxonomy/"


def term_id(code: str) -> uuid.UUID:
    return uuid.uuid5(uuid.NAMESPACE_URL, NAMESPACE + code)


def load(model=None) -> int:
    """Create or update every term (by code); returns how many terms the file holds.

    `model` is the TaxonomyTerm class, or its historical version in a migration.
    """
    if model is None:
        from .models import TaxonomyTerm as model
    terms = json.loads(DATA.read_text(encoding="utf-8"))["terms"]
    for t in terms:  # parents come before their children in the file
        code = t["code"]
        parent_code = code.rpartition(".")[0] or None
        model.objects.update_or_create(
            code=code,
            defaults={
                "id": term_id(code),
                "parent_id": term_id(parent_code) if parent_code else None,
                "name_id": t["id"],
                "name_en": t["en"],
                "description_id": t.get("desc_id", ""),
                "description_en": t.get("desc_en", ""),
            },
        )
    return len(terms)
