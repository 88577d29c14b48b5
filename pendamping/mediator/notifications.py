"""The lines of the mediator's notifications (registered in plugin.py): an agreement
term not complied with a week after its due date, a diversion clock at its end. Rows
hold the mediation's id, the clock's key and the dates, never a party or a term's
wording."""

from datetime import date

from django.utils.formats import date_format
from django.utils.translation import gettext as _

from .clocks import CLOCKS


def _day(d: dict, key: str) -> str:
    try:
        return date_format(date.fromisoformat(d.get(key, "")), "j M Y")
    except (TypeError, ValueError):
        return ""


def term_escalated(d: dict) -> str:
    return _("Mediasi #%(mediation)s · butir kesepakatan lewat tenggat %(due)s") % {
        "mediation": d.get("mediation", ""),
        "due": _day(d, "due"),
    }


def diversion_clock(d: dict) -> str:
    from .models import Level

    label = next((str(c.label) for c in CLOCKS if c.key == d.get("clock")), d.get("clock", ""))
    if d.get("level") in Level.values:  # a level's clock names its level
        label = f"{Level(d['level']).label} · {label}"
    if d.get("state") == "overdue":
        line = _("Mediasi #%(mediation)s · %(clock)s · lewat batas %(due)s")
    else:
        line = _("Mediasi #%(mediation)s · %(clock)s · berakhir %(due)s")
    return line % {"mediation": d.get("mediation", ""), "clock": label, "due": _day(d, "due")}
