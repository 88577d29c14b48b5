"""The statutory clocks of juvenile diversion (UU 11/2012 SPPA and PP 65/2015).

ONE table, so that a lawyer can check every length against its article: each clock
starts from a date entered on the mediation and stops at another. Lengths are in
calendar days ("hari"; the Act counts days, not working days). The same table is in
the README (Mediator).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from django.utils import timezone
from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class Clock:
    key: str
    label: object
    days: int
    starts: str  # the Mediation date field it runs from
    stops: str  # the date field that stops it
    article: str


CLOCKS = (
    # UU 11/2012 Art 29(1) (investigation: 7 days after the investigation starts),
    # Art 42(1) (prosecution: 7 days after the prosecutor receives the file),
    # Art 52(2) (court: 7 days after the judge is appointed).
    Clock("attempt", _("Diversi diupayakan"), 7, "level_started_on", "diversion_started_on",
          "UU 11/2012 Ps 29(1), 42(1), 52(2)"),
    # UU 11/2012 Art 29(2), 42(2), 52(3): the diversion process lasts at most 30 days
    # from its start, at each level.
    Clock("process", _("Proses diversi"), 30, "diversion_started_on", "agreement_reached_on",
          "UU 11/2012 Ps 29(2), 42(2), 52(3)"),
    # UU 11/2012 Art 12(2): the agreement goes to the district court within 3 days of
    # being reached, for its ruling (penetapan).
    Clock("agreement_sent", _("Kesepakatan diversi dikirim ke pengadilan"), 3,
          "agreement_reached_on", "agreement_sent_on", "UU 11/2012 Ps 12(2)"),
    # UU 11/2012 Art 28: a research report asked of Bapas is due within 3x24 hours of
    # the request. The social worker's social report (Art 27(2), Art 68) has no length
    # of its own in the Act; it is held to the same 3 days here (for a lawyer to check).
    Clock("social_report", _("Laporan sosial diserahkan"), 3, "social_report_requested_on",
          "social_report_sent_on", "UU 11/2012 Ps 28 (disamakan)"),
)  # fmt: skip

RUNNING_OUT_DAYS = 2  # a clock with this many days left or fewer shows on the home page

RUNNING, RUNNING_OUT, OVERDUE, MET, LATE = "running", "running_out", "overdue", "met", "late"
STATE_LABELS = {
    RUNNING: _("Berjalan"),
    RUNNING_OUT: _("Hampir habis"),
    OVERDUE: _("Lewat batas"),
    MET: _("Terpenuhi"),
    LATE: _("Terpenuhi terlambat"),
}


@dataclass(frozen=True)
class ClockState:
    clock: Clock
    started_on: date
    due_on: date
    stopped_on: date | None
    state: str
    days_left: int

    @property
    def state_label(self) -> str:
        return str(STATE_LABELS[self.state])

    @property
    def alarming(self) -> bool:
        return self.state in (RUNNING_OUT, OVERDUE)


def clock_states(mediation, today: date | None = None) -> list[ClockState]:
    """The clocks that have started on a diversion, in the table's order."""
    if not mediation.is_diversion:
        return []
    today = today or timezone.localdate()
    out = []
    for clock in CLOCKS:
        started = getattr(mediation, clock.starts)
        if started is None:
            continue
        due = started + timedelta(days=clock.days)
        stopped = getattr(mediation, clock.stops)
        if stopped is not None:
            state = MET if stopped <= due else LATE
        elif not mediation.is_open:
            continue
        elif today > due:
            state = OVERDUE
        elif (due - today).days <= RUNNING_OUT_DAYS:
            state = RUNNING_OUT
        else:
            state = RUNNING
        out.append(ClockState(clock, started, due, stopped, state, (due - today).days))
    return out
