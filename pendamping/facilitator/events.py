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
    return _("Program #%(programme)s · %(status)s") % {
        "programme": d.get("programme", ""),
        "status": _status(d.get("status", "")),
    }


ENROLLED = EventKind("programme_enrolled", gettext_lazy("Didaftarkan ke program"), _enrolment)
ENROLMENT_CHANGED = EventKind(
    "programme_enrolment_changed", gettext_lazy("Keikutsertaan program berubah"), _enrolment
)

plugins.event_kinds(ENROLLED, ENROLMENT_CHANGED)
