"""Reads of the facilitator. Each takes the acting user and starts from a scope.

Compliance per participant (GLOSSARY.md: Programme measures): sessions attended
(present or late) plus excused absences made up in an attended make-up session,
over the sessions held (completed, not counting make-up sessions); computed for a
whole list of enrolments in one query.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Count, Exists, F, IntegerField, OuterRef, QuerySet, Subquery, Value
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import gettext_lazy

from pendamping.accounts import access

from .access import enrolments_for, is_instructor, programmes_for, sessions_for
from .models import (
    ATTENDED,
    Attendance,
    AttendanceStatus,
    Enrolment,
    Programme,
    Session,
    SessionStatus,
)

BELOW_RULE_SCAN = 2_000  # the participants of open programmes looked at, at the most
COMPLIANT = "compliant"
PARTIAL = "partial"
NON_COMPLIANT = "non_compliant"
BAND_LABELS = {
    COMPLIANT: gettext_lazy("Patuh"),
    PARTIAL: gettext_lazy("Patuh sebagian"),
    NON_COMPLIANT: gettext_lazy("Tidak patuh"),
}


def _count(qs: QuerySet, by: str):
    return Coalesce(
        Subquery(
            qs.values(by).annotate(n=Count("pk")).values("n")[:1], output_field=IntegerField()
        ),
        Value(0),
    )


def held_sessions() -> QuerySet:
    return Session.objects.alive().filter(status=SessionStatus.COMPLETED, makeup_for__isnull=True)


def with_compliance(enrolments: QuerySet) -> QuerySet:
    """Annotate ``held``, ``attended`` and ``made_up`` on each enrolment (one query).

    An attendance counts on a session held by the enrolment's own programme, looked up
    among that programme's sessions (the attendance service records no other): with
    the held check joined to the whole session table instead, PostgreSQL merge-joined
    the session primary key in order for every enrolment, reading the sessions of
    every programme older than the enrolment's (48 ms for a case page's four
    programmes among 80,000 sessions; 1 ms this way)."""
    held_here = held_sessions().filter(programme=OuterRef(OuterRef("programme"))).values("pk")
    on_held = Attendance.objects.filter(enrolment=OuterRef("pk"), session__in=held_here)
    makeup_attended = Attendance.objects.filter(
        enrolment=OuterRef("enrolment"),
        session__makeup_for=OuterRef("session"),
        session__status=SessionStatus.COMPLETED,
        session__deleted_at__isnull=True,
        status__in=ATTENDED,
    )
    return enrolments.annotate(
        held=_count(held_sessions().filter(programme=OuterRef("programme")), "programme"),
        attended=_count(on_held.filter(status__in=ATTENDED), "enrolment"),
        made_up=_count(
            on_held.filter(status=AttendanceStatus.EXCUSED).filter(Exists(makeup_attended)),
            "enrolment",
        ),
    )


@dataclass(frozen=True)
class Compliance:
    held: int
    attended: int
    made_up: int
    share: float | None
    band: str | None

    @property
    def band_label(self) -> str:
        return str(BAND_LABELS[self.band]) if self.band else ""


def compliance(enrolment, programme: Programme | None = None) -> Compliance:
    """The annotated enrolment's compliance and band under its programme's rule."""
    programme = programme or enrolment.programme
    held, attended, made_up = enrolment.held, enrolment.attended, enrolment.made_up
    if not held:
        return Compliance(0, attended, made_up, None, None)
    share = min(1.0, (attended + made_up) / held)
    if Decimal(str(share)) >= programme.compliant_share:
        band = COMPLIANT
    elif Decimal(str(share)) >= programme.partial_share:
        band = PARTIAL
    else:
        band = NON_COMPLIANT
    return Compliance(held, attended, made_up, share, band)


def programme(user, pk) -> Programme:
    return access.get_or_404(programmes_for(user), pk=pk)


def session(user, pk) -> Session:
    return access.get_or_404(
        sessions_for(user).select_related("programme", "module", "makeup_for"), pk=pk
    )


def programme_enrolments(user, programme: Programme) -> list:
    """The enrolments of the programme the user may see, each with ``.compliance``."""
    rows = list(
        with_compliance(enrolments_for(user).filter(programme=programme))
        .select_related("case", "case__client", "member")
        .order_by("status", "created_at", "id")
    )
    for row in rows:
        row.compliance = compliance(row, programme)
    return rows


def preferred_name(client) -> str:
    return client.nickname or client.full_name.split(" ")[0]


def participant_enrolments(user, session: Session) -> QuerySet:
    """The session's participants: for staff the enrolments they may see; for the
    session's instructor every participant (whose data they get only through
    ``participants`` and the briefing). Ordered by name."""
    if is_instructor(user):
        from .models import Enrolment

        enrolments = Enrolment.objects.alive().filter(programme_id=session.programme_id)
    else:
        enrolments = enrolments_for(user).filter(programme_id=session.programme_id)
    return (
        enrolments.exclude(status="waitlisted")
        .select_related("case__client", "member")
        .order_by(Coalesce("member__full_name", "case__client__full_name"), "id")
    )


def attendance_sheet(user, pk) -> dict:
    """What the printable attendance sheet (daftar hadir) shows, as a page or a PDF."""
    found = session(user, pk)
    return {
        "session": found,
        "programme": found.programme,
        "instructors": list(found.instructors.alive()),
        "participants": participants(user, found),
    }


def participants(user, session: Session) -> list[dict]:
    """Who takes part in the session, with their attendance so far.

    Staff see the enrolments they may see; the session's instructor sees every
    participant, by preferred name only (the only client data they get)."""
    enrolments = participant_enrolments(user, session)
    marks = {
        a.enrolment_id: a
        for a in Attendance.objects.filter(session=session, enrolment__in=enrolments)
    }
    rows = []
    for e in enrolments:
        mark = marks.get(e.pk)
        rows.append(
            {
                "enrolment_id": e.pk,
                "name": preferred_name(e.participant),
                "status": mark.status if mark else "",
                "reason": mark.reason if mark else "",
                "note": mark.note if mark else "",
            }
        )
    return rows


def case_panel(user, case) -> dict | None:
    """The case's programmes and each one's compliance (one query)."""
    rows = list(
        with_compliance(enrolments_for(user).filter(case=case))
        .select_related("programme", "member")
        .order_by("-created_at", "-id")
    )
    for row in rows:
        row.compliance = compliance(row)
    return {"enrolments": rows}


def todays_sessions(user) -> dict | None:
    """Today's sessions (for the home page); None when there are none."""
    today = timezone.localdate()
    rows = list(
        sessions_for(user)
        .filter(starts_at__date=today)
        .exclude(status=SessionStatus.CANCELLED)
        .select_related("programme", "module")
        .order_by("starts_at", "id")[:20]
    )
    return {"sessions": rows} if rows else None


def below_rule(user) -> dict | None:
    """Participants of open programmes whose attendance so far is below the compliant
    share (for the facilitator's home page); None when there are none.

    Two queries: the participants first (none, most days, in most agencies), then those
    below the rule among them. With the case scope inside the query that filters on
    the three counted subqueries, PostgreSQL took 20 to 25 ms to plan it at 1,000,000
    cases, on every supervisor's home, even with no programme at all."""
    if is_instructor(user):
        return None
    ids = list(
        enrolments_for(user)
        .filter(status="enrolled", programme__closed_at__isnull=True)
        .order_by("programme__ends_on", "programme_id", "id")  # the soonest ending first
        .values_list("pk", flat=True)[:BELOW_RULE_SCAN]
    )
    if not ids:
        return None
    rows = list(
        with_compliance(Enrolment.objects.filter(pk__in=ids))
        .annotate(done=F("attended") + F("made_up"))
        .filter(held__gt=0, done__lt=F("held") * F("programme__compliant_share"))
        .select_related("programme", "case__client", "member")
        .order_by("programme__ends_on", "programme_id", "id")[:20]
    )
    for row in rows:
        row.compliance = compliance(row)
    return {"enrolments": rows} if rows else None
