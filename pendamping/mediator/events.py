"""The mediator's kinds of timeline event on the linked cases: neutral facts only
(a mediation opened, a session held, an agreement reached, a term complied with, a
mediation closed), stored as codes and ids. Never what a party said, a perception,
or anything of a caucus; a session's kind is not stored either (that a party met the
mediator alone is the caucus's own business)."""

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from pendamping import plugins
from pendamping.plugins import EventKind


def _choice(choices, code: str) -> str:
    return str(choices(code).label) if code in choices.values else code


def _opened(d: dict) -> str:
    from .models import Kind

    return _("Mediasi #%(mediation)s · %(kind)s") % {
        "mediation": d.get("mediation", ""), "kind": _choice(Kind, d.get("mediation_kind", "")),
    }  # fmt: skip


def _session(d: dict) -> str:
    return _("Mediasi #%(mediation)s · sesi dilaksanakan") % {"mediation": d.get("mediation", "")}


def _agreement(d: dict) -> str:
    from .models import Outcome

    return _("Mediasi #%(mediation)s · %(outcome)s · %(terms)s butir") % {
        "mediation": d.get("mediation", ""), "outcome": _choice(Outcome, d.get("outcome", "")),
        "terms": d.get("terms", 0),
    }  # fmt: skip


def _complied(d: dict) -> str:
    return _("Mediasi #%(mediation)s · butir kesepakatan dipatuhi") % {
        "mediation": d.get("mediation", "")
    }


def _closed(d: dict) -> str:
    from .models import Outcome

    return _("Mediasi #%(mediation)s · %(outcome)s") % {
        "mediation": d.get("mediation", ""), "outcome": _choice(Outcome, d.get("outcome", "")),
    }  # fmt: skip


OPENED = EventKind("mediation_opened", gettext_lazy("Mediasi dibuka"), _opened)
SESSION_HELD = EventKind("mediation_session_held", gettext_lazy("Sesi mediasi"), _session)
AGREEMENT_REACHED = EventKind(
    "mediation_agreement_reached", gettext_lazy("Kesepakatan mediasi dicapai"), _agreement
)
TERM_COMPLIED = EventKind(
    "mediation_term_complied", gettext_lazy("Butir kesepakatan dipatuhi"), _complied
)
CLOSED = EventKind("mediation_closed", gettext_lazy("Mediasi ditutup"), _closed)

plugins.event_kinds(OPENED, SESSION_HELD, AGREEMENT_REACHED, TERM_COMPLIED, CLOSED)
