"""The casework kinds of timeline event, rendered in the reader's language.

Role modules register their own kinds from their `events.py`; a row stores data
(codes, numbers, ids), and these functions turn it into one line when it is read.
"""

from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _

from pendamping import plugins
from pendamping.plugins import EventKind

from .models import CaseEvent, ClosureReason, Need, RiskLevel, Stage


def label(choices, value) -> str:
    """The label of `value` in a TextChoices class, or the value itself if unknown."""
    return str(choices(value).label) if value in choices.values else (value or "")


def _stage_changed(d: dict) -> str:
    text = f"{label(Stage, d.get('from_stage'))} → {label(Stage, d.get('to_stage'))}"
    return text + (f" · {_('alasan')}: {d['reason']}" if d.get("reason") else "")


def _updated(d: dict) -> str:
    if d.get("risk_to"):
        risks = f"{label(RiskLevel, d.get('risk_from'))} → {label(RiskLevel, d.get('risk_to'))}"
        reason = f" · {_('alasan')}: {d['reason']}" if d.get("reason") else ""
        return f"{_('risiko')}: {risks}{reason}"
    return ""


def _closed(d: dict) -> str:
    return label(ClosureReason, d.get("reason")) + (f": {d['note']}" if d.get("note") else "")


def _need(d: dict) -> str:
    term = d.get("term_en") if (get_language() or "").startswith("en") else d.get("term")
    status = f" · {label(Need.Status, d['status'])}" if d.get("status") else ""
    return f"{term or ''}{status}"


def _opened(d: dict) -> str:
    """For whom, when someone else opened the case. Not the case number: the timeline is
    on the case's own page (``number`` stays in the data for exports and the API)."""
    if not d.get("worker"):
        return ""
    return _("kepada %(worker)s") % {"worker": d["worker"]}


K = CaseEvent.Kind
plugins.event_kinds(
    EventKind(K.OPENED, K.OPENED.label, _opened),
    EventKind(K.STAGE_CHANGED, K.STAGE_CHANGED.label, _stage_changed, free_text=("reason",)),
    EventKind(K.UPDATED, K.UPDATED.label, _updated, free_text=("reason",)),
    EventKind(
        K.ASSIGNED, K.ASSIGNED.label, lambda d: f"{d.get('previous', '')} → {d.get('worker', '')}"
    ),
    EventKind(K.NOTE_ADDED, K.NOTE_ADDED.label, lambda d: ""),
    EventKind(K.NOTE_EDITED, K.NOTE_EDITED.label, lambda d: ""),
    EventKind(K.NOTE_DELETED, K.NOTE_DELETED.label, lambda d: ""),
    EventKind(K.TASK_ADDED, K.TASK_ADDED.label, lambda d: d.get("title", ""), free_text=("title",)),
    EventKind(K.TASK_DONE, K.TASK_DONE.label, lambda d: d.get("title", ""), free_text=("title",)),
    EventKind(
        K.TASK_REOPENED, K.TASK_REOPENED.label, lambda d: d.get("title", ""), free_text=("title",)
    ),
    EventKind(K.CLOSED, K.CLOSED.label, _closed, free_text=("note",)),
    EventKind(K.REOPENED, K.REOPENED.label, lambda d: d.get("reason", ""), free_text=("reason",)),
    EventKind(K.DELETED, K.DELETED.label, lambda d: ""),
    EventKind(K.NEED_ADDED, K.NEED_ADDED.label, _need),
    EventKind(K.NEED_UPDATED, K.NEED_UPDATED.label, _need),
)

# An event whose kind no installed app registers (its module was removed) still shows.
UNKNOWN = EventKind("", gettext_lazy("Peristiwa"), lambda d: str(d.get("summary", "")))
