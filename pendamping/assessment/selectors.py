"""Reads about assessments and instrument scores. Each starts from a scope.

Assessment versions and instrument administrations follow their case
(`assessment/access.py`): whoever may see the case sees them, and nobody else, even
someone who may see the client through another case.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass

from django.db.models import Count, Max, OuterRef, Subquery
from django.db.models.functions import Coalesce
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language

from pendamping.accounts import access
from pendamping.cases.access import needs_for
from pendamping.cases.models import Need

from . import instruments
from .access import administrations_for, assessments_for
from .models import SECTIONS, Assessment, InstrumentAdministration


def case_assessments(user, case):
    """The case's versions, newest first, each with how many needs it identified."""
    return (
        assessments_for(user)
        .filter(case=case)
        .select_related("created_by")
        .annotate(
            need_count=Coalesce(
                Subquery(
                    Need.objects.alive()
                    .filter(assessment_id=OuterRef("pk"))
                    .values("assessment_id")
                    .annotate(n=Count("pk"))
                    .values("n")[:1]
                ),
                0,
            )
        )
        .order_by("-number")
    )


def assessment_version(user, case, number: int) -> Assessment:
    return access.get_or_404(
        assessments_for(user).filter(case=case).select_related("created_by", "case__client"),
        number=number,
    )


def assessment_needs(user, assessment):
    return needs_for(user).filter(assessment_id=assessment.pk).select_related("term")


def case_administrations(user, case):
    return (
        administrations_for(user)
        .filter(case=case)
        .select_related("administered_by")
        .order_by("-administered_on", "-id")
    )


def administration(user, pk) -> InstrumentAdministration:
    return access.get_or_404(
        administrations_for(user).select_related("case", "case__client", "administered_by"),
        pk=pk,
    )


def client_scores(user, client, code: str):
    """One instrument's administrations for a client, oldest first (for the chart)."""
    return (
        administrations_for(user)
        .filter(client=client, instrument_code=code)
        .select_related("administered_by", "case")
        .order_by("administered_on", "id")
    )


def client_instrument_summary(user, client) -> list[dict]:
    """Per instrument the client was scored on: how often, when last, the last score."""
    visible = administrations_for(user).filter(client=client)
    last = visible.filter(instrument_code=OuterRef("instrument_code")).order_by(
        "-administered_on", "-id"
    )
    rows = (
        visible.values("instrument_code")
        .annotate(
            count=Count("id"),
            last_on=Max("administered_on"),
            last_score=Subquery(last.values("score")[:1]),
            last_band_id=Subquery(last.values("band_label_id")[:1]),
            last_band_en=Subquery(last.values("band_label_en")[:1]),
        )
        .order_by("instrument_code")
    )
    defined = instruments.load_all()
    english = (get_language() or "").startswith("en")
    return [
        r
        | {
            "instrument": defined.get(r["instrument_code"]),
            "last_band": r["last_band_en"] if english else r["last_band_id"],
        }
        for r in rows
    ]


def case_card(user, case) -> dict:
    """What the case page's assessment card shows: two queries whatever the history."""
    latest = assessments_for(user).filter(case=case).select_related("created_by").first()
    recent = list(case_administrations(user, case)[:5])
    defined = instruments.load_all()
    for a in recent:
        a.instrument = defined.get(a.instrument_code)
    return {
        "latest": latest,
        "recent": recent,
        "instruments": instruments.all_instruments(),
    }


# ---- comparing two versions ---------------------------------------------------------

_TOKENS = re.compile(r"\s+|[^\s]+")


@dataclass
class SectionChange:
    field: str
    label: str
    changed: bool
    before: str
    after: str
    diff: SafeString


def diff_html(before: str, after: str) -> SafeString:
    """Word-level differences as escaped HTML: <del> for removed, <ins> for added."""
    a, b = _TOKENS.findall(before or ""), _TOKENS.findall(after or "")
    parts = []
    matcher = difflib.SequenceMatcher(None, a, b, autojunk=False)
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op == "equal":
            parts.append(escape("".join(a[i1:i2])))
            continue
        if op in ("delete", "replace"):
            parts.append(f"<del>{escape(''.join(a[i1:i2]))}</del>")
        if op in ("insert", "replace"):
            parts.append(f"<ins>{escape(''.join(b[j1:j2]))}</ins>")
    return mark_safe("".join(parts))  # every piece of text is escaped above


def compare_versions(older: Assessment, newer: Assessment) -> list[SectionChange]:
    changes = []
    for name, label in SECTIONS:
        before, after = getattr(older, name), getattr(newer, name)
        changes.append(
            SectionChange(
                field=name,
                label=str(label),
                changed=before != after,
                before=before,
                after=after,
                diff=diff_html(before, after) if before != after else mark_safe(escape(after)),
            )
        )
    return changes
