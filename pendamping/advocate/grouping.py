"""Grouping similar complaints into one collective complaint (GLOSSARY: Complaints).

Suggestions: the open complaints the user may see with the same category and region
whose wording is similar. Similarity is pg_trgm's measure computed in Python, so it is
the same on SQLite and PostgreSQL: the share of word trigrams two texts have in
common (|A ∩ B| / |A ∪ B|), over the subject and the start of the description after
Indonesian normalisation (lower case, letters and digits only, common function words
and the clitics -nya/-lah/-kah/-pun dropped). The candidates are bounded
(``CANDIDATES`` most recent), so the page costs two queries however many complaints
the agency has.

Grouping links a member to a lead (``Complaint.collective``); nothing is copied, so
each complainant keeps their own record, co-signers and consent, and an anonymous
complainant stays anonymous. One level only: a lead is no member, a member leads none.
"""

from __future__ import annotations

import re
import unicodedata

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from pendamping.accounts import access
from pendamping.concurrency import save_versioned

from .access import complaints_for
from .models import OPEN_STAGES, Complaint, ComplaintLog, LogKind

THRESHOLD = 0.3  # pg_trgm's default similarity threshold
CANDIDATES = 200
SUGGESTIONS = 5
DESCRIPTION_CHARS = 500

# Function words that say nothing about what a complaint is about.
STOPWORDS = frozenset({
    "ada", "adalah", "agar", "akan", "atau", "bagi", "bahwa", "banyak", "bapak", "belum", "bu",
    "bukan", "dalam", "dan", "dari", "dengan", "di", "dia", "hingga", "ia", "ibu", "ini", "itu",
    "jika", "juga", "kalau", "kami", "kamu", "karena", "ke", "kita", "lalu", "lebih", "maka",
    "masih", "mereka", "mohon", "namun", "oleh", "pada", "pak", "para", "sampai", "sangat",
    "saya", "sebagai", "sejak", "selalu", "sering", "serta", "sudah", "supaya", "tapi", "telah",
    "tentang", "terhadap", "tersebut", "tetapi", "tidak", "tolong", "untuk", "yang",
})  # fmt: skip
CLITICS = ("nya", "lah", "kah", "pun")
_WORD = re.compile(r"[a-z0-9]+")


def normalise(text: str) -> list[str]:
    """The content words of an Indonesian text, lower case, without accents,
    function words or clitics."""
    text = unicodedata.normalize("NFKD", text or "").encode("ascii", "ignore").decode().lower()
    words = []
    for w in _WORD.findall(text):
        for clitic in CLITICS:
            if len(w) > len(clitic) + 3 and w.endswith(clitic):
                w = w[: -len(clitic)]
                break
        if w not in STOPWORDS and len(w) > 1:
            words.append(w)
    return words


def trigrams(words) -> frozenset[str]:
    """pg_trgm's trigrams: each word padded with two spaces before and one after."""
    grams = set()
    for w in set(words):
        padded = f"  {w} "
        grams.update(padded[i : i + 3] for i in range(len(padded) - 2))
    return frozenset(grams)


def similarity(a: str, b: str) -> float:
    ta, tb = trigrams(normalise(a)), trigrams(normalise(b))
    if not ta or not tb:
        return 0.0
    return len(ta & tb) / len(ta | tb)


def _text(c: Complaint) -> str:
    return f"{c.subject} {c.description[:DESCRIPTION_CHARS]}"


def suggestions(user, complaint: Complaint) -> list[tuple[Complaint, float]]:
    """Open complaints like this one (same category and region, similar wording) that
    could join it in one collective complaint, best first, with their similarity."""
    if not complaint.is_open or complaint.category_id is None or complaint.collective_id:
        return []
    qs = (
        complaints_for(user)
        .filter(stage__in=OPEN_STAGES, category_id=complaint.category_id,
                region_id=complaint.region_id, collective__isnull=True)
        .exclude(pk=complaint.pk)
        .exclude(members__isnull=False)  # a lead of its own group is no candidate
        .only("id", "tracking_code", "subject", "description", "complainant_kind",
              "group_name", "received_at")
        .order_by("-received_at", "-id")[:CANDIDATES]
    )  # fmt: skip
    mine = trigrams(normalise(_text(complaint)))
    if not mine:
        return []
    scored = []
    for c in qs:
        theirs = trigrams(normalise(_text(c)))
        score = len(mine & theirs) / len(mine | theirs) if theirs else 0.0
        if score >= THRESHOLD:
            scored.append((c, round(score, 2)))
    scored.sort(key=lambda pair: (-pair[1], pair[0].pk))
    return scored[:SUGGESTIONS]


@transaction.atomic
def complaint_group(*, actor, lead: Complaint, member: Complaint, expected_version: int):
    """Join ``member`` to the collective complaint led by ``lead`` (both visible to the
    actor and open). ``expected_version`` is the member's."""
    access.require_write(actor)
    visible = complaints_for(actor)
    if not visible.filter(pk__in=[lead.pk, member.pk]).count() == 2 or lead.pk == member.pk:
        raise ValidationError({"member": _("Pilih pengaduan lain yang dapat Anda lihat.")})
    if not (lead.is_open and member.is_open):
        raise ValidationError({"member": _("Hanya pengaduan terbuka yang dapat digabung.")})
    if lead.collective_id or member.collective_id or member.members.exists():
        raise ValidationError(
            {"member": _("Pengaduan yang sudah tergabung atau memimpin gabungan tidak dapat digabung lagi.")}
        )  # fmt: skip
    save_versioned(member, expected_version, collective=lead)
    ComplaintLog.objects.create(complaint=member, kind=LogKind.GROUPED, other=lead, actor=actor)
    ComplaintLog.objects.create(complaint=lead, kind=LogKind.GROUPED, other=member, actor=actor)
    return member


@transaction.atomic
def complaint_ungroup(*, actor, member: Complaint, expected_version: int):
    access.require_write(actor)
    if not member.collective_id:
        raise ValidationError({"member": _("Pengaduan ini tidak tergabung.")})
    lead = member.collective
    save_versioned(member, expected_version, collective=None)
    ComplaintLog.objects.create(complaint=member, kind=LogKind.UNGROUPED, other=lead, actor=actor)
    ComplaintLog.objects.create(complaint=lead, kind=LogKind.UNGROUPED, other=member, actor=actor)
    return member


def members(user, lead: Complaint) -> list[Complaint]:
    """The members of the collective complaint the user may see, each with the
    number of its own co-signers."""
    from django.db.models import Count, Q

    return list(
        complaints_for(user)
        .filter(collective=lead)
        .annotate(n_cosigners=Count("cosigners", filter=Q(cosigners__deleted_at__isnull=True)))
        .order_by("received_at", "id")
    )
