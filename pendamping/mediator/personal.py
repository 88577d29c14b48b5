"""The personal data the mediator holds about a client (plugins.personal_data): the
client's own party rows, the mediation's neutral facts and the client's own
perceptions. The other party's rows, perceptions and caucuses are another person's
data (GLOSSARY, Art 33) and are not read; nor is the client's view of the other party."""

from django.db.models import Q

from .models import Mediation, Party, Perception


def parties(client) -> list[dict]:
    rows = list(
        Party.objects.filter(client=client)
        .order_by("pk")
        .values("id", "mediation_id", "mediation__kind", "mediation__stage", "mediation__outcome",
                "name", "relationship", "contact", "is_child", "consent_method", "consent_recording_reference", "consent_at",
                "consent_withdrawn_at", "deleted_at")
    )  # fmt: skip
    own: dict[int, list] = {}
    for p in (
        Perception.objects.filter(party__client=client)
        .order_by("pk")
        .values("party_id", "issue_id", "position", "interests", "feelings")
    ):
        own.setdefault(p.pop("party_id"), []).append(p)
    for r in rows:
        r["perceptions"] = own.get(r["id"], [])
    return rows


def mediations(client) -> list[dict]:
    # mediations linked to the client's cases, by their neutral facts only
    return list(
        Mediation.objects.filter(Q(cases__client=client))
        .distinct()
        .order_by("pk")
        .values("id", "kind", "stage", "outcome", "agreement_reached_on", "closed_at")
    )


# ---- erasure (pendamping/erasure.py) -------------------------------------------------


def erase_parties(client, erasure) -> None:
    """The client's party rows: name, contact, representative and who consented, their
    perceptions, the notes of caucuses held with them alone and the notes of checks on
    terms they were responsible for. The mediation's stages, dates and outcome stay;
    the other party's own words are theirs and stay."""
    from pendamping.erasure import blank, redact

    from .models import ComplianceCheck, Session, SessionAttendance

    parties = Party._base_manager.filter(client_id=client.pk)
    ids = list(parties.values_list("pk", flat=True))
    blank(
        parties,
        "name",
        "relationship",
        "contact",
        "representative_name",
        "consent_given_by",
        "consent_recording_reference",
    )
    blank(Perception._base_manager.filter(party_id__in=ids), "position", "interests",
          "view_of_other", "feelings")  # fmt: skip
    blank(Session._base_manager.filter(caucus_party_id__in=ids), "notes")
    blank(SessionAttendance._base_manager.filter(party_id__in=ids), "reason")
    redact(ComplianceCheck.objects.filter(term__responsible_id__in=ids), "note")


def erase_mediations(client, erasure) -> None:
    """A mediation the client took part in, or one linked to their cases: its shared
    words (the issue, joint session notes, common ground, obstacles, options, terms,
    ground rules, boundaries) name both parties together and cannot be split, so they
    are blanked; kind, stages, dates, levels and outcome codes stay for the counts."""
    from pendamping.erasure import blank

    from .models import DiversionLevel, GroundRule, Issue, Obstacle, Option, Session, Term

    mine = Mediation._base_manager.filter(
        Q(parties__client_id=client.pk) | Q(cases__client_id=client.pk)
    )
    ids = list(mine.values_list("pk", flat=True).distinct())
    blank(Mediation._base_manager.filter(pk__in=ids), "issue", "offence", "conflict_note",
          "boundaries_in", "boundaries_out", "closure_reason")  # fmt: skip
    blank(Session._base_manager.filter(mediation_id__in=ids), "notes")
    blank(Issue._base_manager.filter(mediation_id__in=ids), "title", "common_ground")
    blank(Obstacle._base_manager.filter(mediation_id__in=ids), "description", "who_acts")
    blank(Option._base_manager.filter(mediation_id__in=ids), "text")
    blank(Term._base_manager.filter(mediation_id__in=ids), "text", "how_checked")
    blank(GroundRule._base_manager.filter(mediation_id__in=ids), "text")
    blank(DiversionLevel._base_manager.filter(mediation_id__in=ids), "agreement", "ruling")


def hold_mediations(client) -> list[str]:
    from django.utils.translation import gettext as _

    from .models import Kind

    running = Mediation.objects.filter(
        Q(parties__client_id=client.pk, parties__deleted_at__isnull=True)
        | Q(cases__client_id=client.pk),
        closed_at__isnull=True, deleted_at__isnull=True,
    ).distinct()  # fmt: skip
    reasons = []
    if running.filter(kind=Kind.DIVERSION).exists():
        reasons.append(_(
            "Diversi anak masih berjalan: kesepakatan dan penetapannya oleh pengadilan "
            "memerlukan berkas ini (UU 11/2012 tentang Sistem Peradilan Pidana Anak)."
        ))  # fmt: skip
    if running.exclude(kind=Kind.DIVERSION).exists():
        reasons.append(_(
            "Mediasi masih berjalan: pihak lain dan kesepakatannya bergantung pada berkas "
            "ini. Tutup mediasinya lebih dulu."
        ))  # fmt: skip
    return reasons
