"""The personal data the advocate holds about a client (plugins.personal_data): the
complaints made by or for them and their feedback. A group complaint's other
complainants and co-signers are other people's data and are not read, nor is a
complaint that someone else made about the client's case (an anonymous or a
community report: the reporter's words are the reporter's data, and the requester
may be the one complained of)."""

from django.db.models import Q

from .models import Complaint, Feedback


def complaints(client) -> list[dict]:
    mine = Q(client=client)
    rows = list(
        Complaint.objects.filter(mine)
        .order_by("pk")
        .values("id", "tracking_code", "channel", "category__name", "severity", "subject",
                "description", "obstacles", "wanted_resolution", "stage", "received_at",
                "closed_at", "decision", "decision_reason", "deleted_at")
    )  # fmt: skip
    feedback: dict[int, list] = {}
    for f in (
        Feedback.objects.filter(complaint__in=Complaint.objects.filter(mine))
        .order_by("at", "pk")
        .values("complaint_id", "satisfaction", "comment", "at")
    ):
        feedback.setdefault(f.pop("complaint_id"), []).append(f)
    for r in rows:
        r["feedback"] = feedback.get(r["id"], [])
    return rows


# ---- erasure (pendamping/erasure.py) -------------------------------------------------


def erase_complaints(client, erasure) -> None:
    """The client's own complaints and the ones about their cases keep their stage,
    category, region, clock and decision code; every typed word, the complainant's and
    co-signers' names and contacts and the evidence files go. A group complaint's
    other complaints are not the client's and stay."""
    from pendamping.erasure import blank, redact

    from .evidence import path_of
    from .models import (
        Alternative,
        AnonymousContact,
        Consultation,
        CoSigner,
        Evidence,
        FilingAnswer,
        StageChange,
    )

    rows = Complaint._base_manager.filter(Q(client_id=client.pk) | Q(case__client_id=client.pk))
    ids = list(rows.values_list("pk", flat=True))
    blank(Complaint._base_manager.filter(pk__in=ids), "complainant_name", "complainant_contact",
          "group_name", "mandate", "subject", "description", "obstacles", "wanted_resolution",
          "decision_reason")  # fmt: skip
    blank(CoSigner._base_manager.filter(complaint_id__in=ids), "name", "contact")
    blank(AnonymousContact._base_manager.filter(complaint_id__in=ids), "channel")
    evidence = Evidence._base_manager.filter(complaint_id__in=ids)
    for row in evidence:
        erasure.delete_file(path_of(row))
    # the file's random name stays (it is unique and names no one); the file is gone
    blank(evidence, "label")
    blank(Alternative._base_manager.filter(complaint_id__in=ids), "title", "benefits",
          "drawbacks", "cost", "risk", "why_chosen", "result")  # fmt: skip
    blank(Consultation._base_manager.filter(complaint_id__in=ids), "question", "advice")
    blank(FilingAnswer._base_manager.filter(filing__complaint_id__in=ids), "summary")
    redact(StageChange.objects.filter(complaint_id__in=ids), "reason")
    redact(Feedback.objects.filter(complaint_id__in=ids), "comment")


def hold_open_complaints(client) -> list[str]:
    from django.utils.translation import gettext as _

    from .models import OPEN_STAGES

    open_ones = Complaint.objects.filter(
        Q(client_id=client.pk) | Q(case__client_id=client.pk),
        stage__in=OPEN_STAGES, deleted_at__isnull=True,
    )  # fmt: skip
    if not open_ones.exists():
        return []
    return [_(
        "Pengaduan masih diproses: jawaban kepada pengadu dan batas waktu pelayanan publik "
        "memerlukan berkas ini (UU 25/2009 tentang Pelayanan Publik). Selesaikan "
        "pengaduannya lebih dulu."
    )]  # fmt: skip
