"""The outside bodies' own time limits, in one table (README: Advocate).

Each row: (body, step code, working days after the previous step's due date, or
after filing for the first step). Source: SP4N-LAPOR!'s handling rules as the team's
GLOSSARY records them ("Outside complaint channels": verified and forwarded within
3 working days, follow-up within 5 working days, closed 10 working days after a
follow-up without reply); the regulation behind them is the national public-service
complaints guideline (PermenPANRB No. 62 Tahun 2018), to be checked against its text
whenever it changes. Bodies without a row here have no limit the product counts.
"""

from __future__ import annotations

import datetime

from django.utils.translation import gettext_lazy as _

from . import clock

LIMITS: dict[str, list[tuple[str, int]]] = {
    "sp4n_lapor": [("verify_forward", 3), ("follow_up", 5), ("close_without_reply", 10)],
}

STEP_LABELS = {
    "verify_forward": _("Diverifikasi dan diteruskan"),
    "follow_up": _("Ditindaklanjuti instansi"),
    "close_without_reply": _("Ditutup bila tidak ada tanggapan"),
}


def due_dates(body: str, filed_on: datetime.date, days_off=frozenset()) -> list[dict]:
    """Each step of the body's clock with its due date, in order."""
    out, day = [], filed_on
    for step, days in LIMITS.get(body, []):
        day = clock.add_working_days(day, days, days_off=days_off)
        out.append({"step": step, "label": STEP_LABELS[step], "days": days, "due": day})
    return out
