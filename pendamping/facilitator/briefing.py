"""The instructor's briefing as it is shown and printed (step 1).

Built field by field from the fixed list the facilitator picked (``BriefingField``):
a participant's row holds nothing else, never the NIK, the case number, a note of
the case file or a restricted note. When the session has an external instructor (an
instructor without a user account of the agency, who gets the printed or PDF copy),
a participant's row is withheld unless the client's consent covers sharing with the
programme's instructors (``Consent.Purpose.INSTRUCTORS``), and a field is left out
unless that consent covers its kind of data (``FIELD_CATEGORIES``): no "health" in
the consent, no "things to avoid". Consents are read at every showing, so a withdrawn
one stops the sharing from then on.

The Barthel band (``BriefingField.BARTHEL``) is health data kept by the assessment:
it is read through the registry (``plugins.measure_values("barthel_band_label")``,
the facilitator imports no assessment) and shown only for a client whose consent to
share with the programme's instructors covers "health", whoever the instructors are.

A member of a group client enrolled from the group's case (``Enrolment.member``) is
briefed as themselves: their own name, age and their OWN consent (the group's consent
does not cover one person's data); the Barthel band of the group's case is not theirs,
so it reads "not measured"."""

from __future__ import annotations

from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from pendamping import plugins
from pendamping.clients.consent import covered_categories
from pendamping.clients.models import Consent

from .access import briefing_open_until
from .models import BRIEFING_TYPED, Briefing, BriefingField, BriefingView, Session
from .selectors import participant_enrolments, preferred_name


def has_external_instructor(session: Session) -> bool:
    """Whether someone from outside the agency teaches the session: an instructor
    without an account, or one whose record names a provider of the directory (an
    outside organisation's person who was given an account)."""
    return session.instructors.alive().filter(Q(user__isnull=True) | ~Q(provider_id="")).exists()


# The kind of data (clients.choices.DataCategory) each briefing field tells.
FIELD_CATEGORIES = {
    BriefingField.PREFERRED_NAME: "identity", BriefingField.AGE: "identity",
    BriefingField.LANGUAGE: "identity", BriefingField.LITERACY: "education",
    BriefingField.ACCESSIBILITY: "disability", BriefingField.FAITH: "religion",
    BriefingField.AVOID: "health", BriefingField.NOTE: "case_notes",
    BriefingField.BARTHEL: "health",
}  # fmt: skip


def consenting_clients(client_ids) -> dict[int, set[str]]:
    """Per consenting client, the data categories its instructors' consent covers."""
    return covered_categories(client_ids, Consent.Purpose.INSTRUCTORS)


def briefing_of(session: Session) -> Briefing | None:
    return Briefing.objects.alive().filter(session=session).first()


def rows(user, session: Session, briefing: Briefing | None) -> list[dict]:
    """One row per participant the user may see: ``number``, ``label``, ``withheld``
    and ``items`` (label, value) for exactly the picked fields."""
    enrolments = list(participant_enrolments(user, session))
    fields = list(briefing.fields) if briefing else []
    entries = {e.enrolment_id: e for e in briefing.entries.all()} if briefing else {}
    external = has_external_instructor(session)
    wants_barthel = BriefingField.BARTHEL in fields
    consenting = (
        consenting_clients(e.participant.pk for e in enrolments)
        if external or wants_barthel else {}
    )  # fmt: skip
    barthel_shared = {c for c, covered in consenting.items() if "health" in covered}
    barthel = (
        plugins.measure_values(
            "barthel_band_label",
            [e.case_id for e in enrolments if not e.member_id and e.case.client_id in barthel_shared],
        )
        if wants_barthel else {}
    )  # fmt: skip
    labels = dict(BriefingField.choices)
    today = timezone.localdate()
    out = []
    for number, e in enumerate(enrolments, start=1):
        client = e.participant
        withheld = external and client.pk not in consenting
        covered = consenting.get(client.pk, set())
        shown = [f for f in fields if not external or FIELD_CATEGORIES.get(f) in covered]
        row = {"number": number, "enrolment_id": e.pk, "withheld": withheld, "items": []}
        if withheld:
            row["label"] = _("Peserta %(n)s") % {"n": number}
            out.append(row)
            continue
        if BriefingField.PREFERRED_NAME in shown:
            row["label"] = preferred_name(client)
        else:
            row["label"] = _("Peserta %(n)s") % {"n": number}
        entry = entries.get(e.pk)
        for field in shown:
            if field == BriefingField.PREFERRED_NAME:
                continue
            if field == BriefingField.AGE:
                age = client.age(today)
                value = "" if age is None else _("%(n)s tahun") % {"n": age}
            elif field == BriefingField.BARTHEL:
                if client.pk not in barthel_shared:
                    value = _("tidak dibagikan: belum ada persetujuan berbagi dengan instruktur")
                else:
                    # a group's case measures no member: its Barthel is not theirs
                    value = (None if e.member_id else barthel.get(e.case_id)) or _("belum diukur")
            elif field in BRIEFING_TYPED:
                value = getattr(entry, field) if entry else ""
            else:
                continue
            row["items"].append({"key": field, "label": str(labels[field]), "value": value})
        out.append(row)
    return out


def context(user, session: Session) -> dict:
    briefing = briefing_of(session)
    return {
        "session": session,
        "programme": session.programme,
        "instructors": list(session.instructors.alive()),
        "briefing": briefing,
        "rows": rows(user, session, briefing),
        "external": has_external_instructor(session),
        "open_until": briefing_open_until(session),
    }


def log_view(briefing: Briefing, user, fmt: str) -> None:
    BriefingView.objects.create(briefing=briefing, viewer=user, format=fmt)
