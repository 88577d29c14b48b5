"""The facilitator's kinds of timeline event: enrolment changes, stored as codes and
ids and rendered in the reader's language."""

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from pendamping import plugins
from pendamping.plugins import EventKind


def _status(code: str) -> str:
    from .models import EnrolmentStatus

    return str(EnrolmentStatus(code).label) if code in EnrolmentStatus.values else code


def _enrolment(d: dict) -> str:
    text = _("Program #%(programme)s · %(status)s") % {
        "programme": d.get("programme", ""),
        "status": _status(d.get("status", "")),
    }
    if d.get("member_name"):  # a member of a group client, on the group's case
        text += " · " + _("anggota: %(name)s") % {"name": d["member_name"]}
    return text


ENROLLED = EventKind("programme_enrolled", gettext_lazy("Didaftarkan ke program"), _enrolment)
ENROLMENT_CHANGED = EventKind(
    "programme_enrolment_changed", gettext_lazy("Keikutsertaan program berubah"), _enrolment
)


def _progress(d: dict) -> str:
    from pendamping.cases.models import ProgressNote as CaseNote

    role = d.get("practice_role", "")
    roles = dict(CaseNote.PracticeRole.choices)
    return _("Program #%(programme)s · sesi #%(session)s · %(role)s") % {
        "programme": d.get("programme", ""),
        "session": d.get("session", ""),
        "role": roles.get(role, role),
    }


# Step 4: the facilitator's progress note (its text stays in the facilitator's table).
PROGRESS_NOTED = EventKind(
    "programme_progress_noted", gettext_lazy("Catatan perkembangan program"), _progress
)


def _completed(d: dict) -> str:
    return _(
        "Program #%(programme)s · %(status)s · hadir %(attended)s + ganti %(made_up)s "
        "dari %(held)s sesi"
    ) % {
        "programme": d.get("programme", ""),
        "status": _status(d.get("status", "")),
        "attended": d.get("attended", 0),
        "made_up": d.get("made_up", 0),
        "held": d.get("held", 0),
    }


# The programme was closed: the participant's completion from attendance and the rule.
COMPLETED = EventKind(
    "programme_completion", gettext_lazy("Kelulusan program tercatat"), _completed
)

plugins.event_kinds(ENROLLED, ENROLMENT_CHANGED, PROGRESS_NOTED, COMPLETED)
