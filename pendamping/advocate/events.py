"""The advocate's kinds of timeline event on a linked case: stored as the complaint's
id and stage or decision codes, rendered in the reader's language."""

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from pendamping import plugins
from pendamping.plugins import EventKind


def _label(choices_name: str, code: str) -> str:
    from . import models

    choices = getattr(models, choices_name)
    return str(choices(code).label) if code in choices.values else code


def _linked(d: dict) -> str:
    return _("Pengaduan #%(complaint)s") % {"complaint": d.get("complaint", "")}


def _stage(d: dict) -> str:
    return _("Pengaduan #%(complaint)s: %(from)s → %(to)s") % {
        "complaint": d.get("complaint", ""),
        "from": _label("Stage", d.get("from", "")),
        "to": _label("Stage", d.get("to", "")),
    }


def _decided(d: dict) -> str:
    return _("Pengaduan #%(complaint)s: %(decision)s") % {
        "complaint": d.get("complaint", ""),
        "decision": _label("Decision", d.get("decision", "")),
    }


LINKED = EventKind("complaint_linked", gettext_lazy("Pengaduan dikaitkan"), _linked)
STAGE = EventKind("complaint_stage", gettext_lazy("Tahap pengaduan berubah"), _stage)
DECIDED = EventKind("complaint_decided", gettext_lazy("Pengaduan diputuskan"), _decided)

plugins.event_kinds(LINKED, STAGE, DECIDED)
