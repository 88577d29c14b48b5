"""The outside bodies' own time limits, in one table (README: Advocate, "Outside
bodies' time limits", with the source of each row and what is not known).

Each row: (body, step code, working days after filing). Shipped rows:

- SP4N-LAPOR!: verified and forwarded within 3 working days, followed up within 5
  more, closed 10 working days after that without a reply. Source: the team's
  GLOSSARY ("Outside complaint channels"); the first two also in LAPOR!'s own
  published procedure (its FAQ; the app's description). They are the operator's
  service rules: the text of PermenPANRB No. 62 Tahun 2018 said to hold them was not
  found, so no article is cited, and the 10-day closing has no published text found.
- Ombudsman RI, Komnas HAM, KPAI, DPRD: none shipped. UU 37/2008, UU 39/1999,
  UU 35/2014 with Perpres 61/2016 and UU 23/2014 were searched for a limit that runs
  from the day a complaint is filed; none was found (the Ombudsman's 60 days of
  Pasal 38 ayat (2) run from a Rekomendasi, not from filing). The product counts none
  rather than invent one. An agency that has its own source enters the limit
  (``FilingLimit``, the complaint settings page, with the source); an agency's rows
  for a body replace the shipped ones for it.
"""

from __future__ import annotations

import datetime

from django.utils.translation import gettext_lazy as _

from . import clock

LIMITS: dict[str, list[tuple[str, int]]] = {
    "sp4n_lapor": [("verify_forward", 3), ("follow_up", 8), ("close_without_reply", 18)],
}

STEP_LABELS = {
    "verify_forward": _("Diverifikasi dan diteruskan"),
    "follow_up": _("Ditindaklanjuti instansi"),
    "close_without_reply": _("Ditutup bila tidak ada tanggapan"),
}


def agency_table(agency_id: int) -> dict[str, list[tuple[str, str, int]]]:
    """The agency's own limits by body: (step code, label, working days after filing)."""
    from .models import FilingLimit

    table: dict[str, list[tuple[str, str, int]]] = {}
    for row in FilingLimit.objects.alive().filter(agency_id=agency_id).order_by("days", "id"):
        table.setdefault(row.body, []).append((f"limit:{row.pk}", row.label, row.days))
    return table


def steps_of(body: str, table=None) -> list[tuple[str, str, int]]:
    if table and body in table:
        return table[body]
    return [(step, STEP_LABELS[step], days) for step, days in LIMITS.get(body, [])]


def due_dates(body: str, filed_on: datetime.date, days_off=frozenset(), table=None) -> list[dict]:
    """Each step of the body's clock with its due date, in order; ``table`` is the
    agency's own (``agency_table``)."""
    return [
        {"step": step, "label": label, "days": days,
         "due": clock.add_working_days(filed_on, days, days_off=days_off)}
        for step, label, days in steps_of(body, table)
    ]  # fmt: skip
