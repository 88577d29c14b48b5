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
    starts: str  # the date field it runs from
    stops: str  # the date field that stops it
    article: str
    on: str = "level"  # whose fields: a DiversionLevel's ("level") or the Mediation's


CLOCKS = (
    # Per level (DiversionLevel): each level of a juvenile case has its own.
    # UU 11/2012 Ps 29(1) (penyidikan: 7 days after the investigation starts),
    # Ps 42(1) (penuntutan: 7 days after the prosecutor receives the file from the
    # investigator), Ps 52(2) (pemeriksaan di pengadilan: 7 days after the chief judge
    # appoints the judge).
    Clock("attempt", _("Diversi diupayakan"), 7, "started_on", "diversion_started_on",
          "UU 11/2012 Ps 29(1), 42(1), 52(2)"),
    # UU 11/2012 Ps 29(2), 42(2), 52(3): the diversion process lasts at most 30 days
    # from its start, at each level.
    Clock("process", _("Proses diversi"), 30, "diversion_started_on", "agreement_reached_on",
          "UU 11/2012 Ps 29(2), 42(2), 52(3)"),
    # UU 11/2012 Ps 12(2): the agreement goes to the district court within 3 days of
    # being reached, for its ruling (penetapan).
    Clock("agreement_sent", _("Kesepakatan diversi dikirim ke pengadilan"), 3,
          "agreement_reached_on", "agreement_sent_on", "UU 11/2012 Ps 12(2)"),
    # UU 11/2012 Ps 14(3)-(4): an agreement not carried out in its time is reported
    # to the official responsible at that level, who must act on the report within
    # 7 days at most (the case goes on: Ps 13 huruf b).
    Clock("followed_up", _("Kesepakatan tidak dilaksanakan: ditindaklanjuti"), 7,
          "failure_reported_on", "followed_up_on", "UU 11/2012 Ps 14(4)"),
    # Per mediation. UU 11/2012 Ps 28: Bapas hands its research report (penelitian
    # kemasyarakatan) to the investigator within 3x24 hours of the request. The
    # social worker's social report (laporan sosial, Ps 27(3)) has no length of its
    # own in the Act; it is BORROWED from Ps 28 here (for a lawyer to check). A lead:
    # PP 65/2015 (on diversion at the investigation) appears to give the Pekerja
    # Sosial Profesional's social report the same 3x24 hours from the investigator's
    # request; its article was not verified.
    Clock("social_report", _("Laporan sosial diserahkan"), 3, "social_report_requested_on",
          "social_report_sent_on", "UU 11/2012 Ps 28 (dipinjam)", on="mediation"),
)  # fmt: skip
LEVEL_CLOCKS = tuple(c for c in CLOCKS if c.on == "level")
MEDIATION_CLOCKS = tuple(c for c in CLOCKS if c.on == "mediation")

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
    level: object = None  # the DiversionLevel of a level clock

    @property
    def state_label(self) -> str:
        return str(STATE_LABELS[self.state])

    @property
    def alarming(self) -> bool:
        return self.state in (RUNNING_OUT, OVERDUE)


def _state(clock: Clock, record, *, running: bool, today: date, level=None):
    started = getattr(record, clock.starts)
    if started is None:
        return None
    due = started + timedelta(days=clock.days)
    stopped = getattr(record, clock.stops)
    if stopped is not None:
        state = MET if stopped <= due else LATE
    elif not running:
        return None
    elif today > due:
        state = OVERDUE
    elif (due - today).days <= RUNNING_OUT_DAYS:
        state = RUNNING_OUT
    else:
        state = RUNNING
    return ClockState(clock, started, due, stopped, state, (due - today).days, level)


def levels_of(mediation) -> list:
    """The mediation's live levels in order (prefetch ``levels`` to read them once)."""
    return [lv for lv in mediation.levels.all() if lv.deleted_at is None]


def level_clocks(mediation, level, today: date | None = None) -> list[ClockState]:
    """The clocks of one level. Once the level has a result, a clock not stopped no
    longer runs, except the one for an agreement not carried out."""
    today = today or timezone.localdate()
    out = []
    for clock in LEVEL_CLOCKS:
        running = mediation.is_open and (not level.result or clock.key == "followed_up")
        state = _state(clock, level, running=running, today=today, level=level)
        if state is not None:
            out.append(state)
    return out


def clock_states(mediation, today: date | None = None) -> list[ClockState]:
    """The clocks that have started on a diversion: each level's in the table's order,
    then the mediation's own (the social report)."""
    if not mediation.is_diversion:
        return []
    today = today or timezone.localdate()
    out = []
    for level in levels_of(mediation):
        out += level_clocks(mediation, level, today)
    for clock in MEDIATION_CLOCKS:
        state = _state(clock, mediation, running=mediation.is_open, today=today)
        if state is not None:
            out.append(state)
    return out
