"""The motivator's kinds of timeline event (pendamping/plugins.py).

Events written before this module stored a ready summary in Bahasa Indonesia; they
still show it. New ones store the numbers and render them in the reader's language.
"""

from django.utils.formats import number_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from pendamping import plugins
from pendamping.plugins import EventKind

from .models import signed


def _text(d: dict) -> str:
    return str(d.get("summary", ""))


def _goal_updated(d: dict) -> str:
    if d.get("deleted") and "goal_text" in d:
        return _("Dihapus: %(goal)s") % {"goal": d["goal_text"]}
    return d.get("goal_text") or _text(d)


def _goal_reviewed(d: dict) -> str:
    if "goal_text" not in d:
        return _text(d)
    t = number_format(d.get("t_score", 0), 1)
    return f"{d['goal_text']} · {_('Level')} {signed(d.get('level', 0))} · T={t}"


def _checkin(d: dict) -> str:
    if "intention" not in d:
        return _text(d)
    return _("Niat %(i)s · Tekad %(d)s · Semangat %(s)s · Penting %(imp)s · Yakin %(c)s") % {
        "i": d["intention"],
        "d": d.get("determination", ""),
        "s": d.get("spirit", ""),
        "imp": d.get("importance", ""),
        "c": d.get("confidence", ""),
    }


# a goal's or a step's words, written into events before they stored numbers
TEXT = ("summary", "goal_text")

GOAL_ADDED = EventKind("goal_added", gettext_lazy("Tujuan ditetapkan"), _text, free_text=TEXT)
GOAL_UPDATED = EventKind(
    "goal_updated", gettext_lazy("Tujuan diubah"), _goal_updated, free_text=TEXT
)
GOAL_REVIEWED = EventKind(
    "goal_reviewed", gettext_lazy("Capaian tujuan dinilai"), _goal_reviewed, free_text=TEXT
)
CHECKIN_ADDED = EventKind("checkin_added", gettext_lazy("Motivasi dicek"), _checkin, free_text=TEXT)
ACTION_STEP_ADDED = EventKind(
    "action_step_added", gettext_lazy("Langkah aksi dicatat"), _text, free_text=TEXT
)
ACTION_STEP_DONE = EventKind(
    "action_step_done", gettext_lazy("Hasil langkah aksi dicatat"), _text, free_text=TEXT
)
BREAKTHROUGH = EventKind("breakthrough", gettext_lazy("Terobosan"), _text, free_text=TEXT)

plugins.event_kinds(
    GOAL_ADDED,
    GOAL_UPDATED,
    GOAL_REVIEWED,
    CHECKIN_ADDED,
    ACTION_STEP_ADDED,
    ACTION_STEP_DONE,
    BREAKTHROUGH,
)
