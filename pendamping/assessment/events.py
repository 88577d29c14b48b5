"""The assessment's kinds of timeline event (pendamping/plugins.py)."""

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from pendamping import plugins
from pendamping.charts import number
from pendamping.plugins import EventKind

from . import instruments


def _assessment(d: dict) -> str:
    if "new_needs" not in d:  # written before events stored their numbers
        return str(d.get("summary", ""))
    text = _("Versi %(n)s") % {"n": d.get("number", "")}
    if d["new_needs"]:
        text += " · " + ngettext(
            "%(count)s kebutuhan baru", "%(count)s kebutuhan baru", d["new_needs"]
        ) % {"count": d["new_needs"]}
    return text


def _instrument(d: dict) -> str:
    instrument = instruments.get(d.get("instrument", ""))
    if instrument is None:  # an agency's instrument that is no longer installed
        return str(d.get("summary", "")) or f"{d.get('instrument', '')}: {d.get('score', '')}"
    bands = {b.code: b.label for b in instrument.bands}
    flags = {f.code: f.label for f in instrument.flags}
    score = d.get("score", "")
    text = f"{instrument.short_title}: {number(score) if isinstance(score, float) else score}"
    if d.get("band") in bands:
        text += f" · {bands[d['band']]}"
    for code in d.get("flags") or []:
        text += f" · ⚠ {flags.get(code, code)}"
    return text


def _ecomap(d: dict) -> str:
    if "systems" not in d:  # written before events stored their numbers
        return str(d.get("summary", ""))
    return _("Ekomap versi %(n)s · %(count)s sistem") % {
        "n": d.get("ecomap", ""),
        "count": d["systems"],
    }


def _safety_action(d: dict) -> str:
    instrument = instruments.get(d.get("instrument", ""))
    if instrument is None:
        return str(d.get("flag", ""))
    flags = {f.code: f.label for f in instrument.flags}
    return f"{instrument.short_title} · ⚠ {flags.get(d.get('flag'), d.get('flag', ''))}"


ASSESSMENT_SAVED = EventKind("assessment_saved", gettext_lazy("Asesmen disimpan"), _assessment)
INSTRUMENT_SCORED = EventKind("instrument_scored", gettext_lazy("Instrumen diskor"), _instrument)
ECOMAP_SAVED = EventKind("ecomap_saved", gettext_lazy("Ekomap disimpan"), _ecomap)

SAFETY_ACTION_RECORDED = EventKind(
    "safety_action_recorded", gettext_lazy("Tindakan atas tanda bahaya dicatat"), _safety_action
)

plugins.event_kinds(ASSESSMENT_SAVED, INSTRUMENT_SCORED, ECOMAP_SAVED, SAFETY_ACTION_RECORDED)
