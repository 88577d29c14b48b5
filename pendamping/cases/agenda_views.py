"""The agenda: a day or a week of what is scheduled for the user, from every app's
``plugins.agenda_source`` (tasks and home visits, referral follow-ups, programme
sessions, mediation sessions and agreement terms, complaint deadlines); on screen,
printed (print stylesheet) and as a PDF.

The period is in the URL (``?view=week&date=2026-12-01``): dates, never personal data.
"""

from __future__ import annotations

import datetime

from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _

from pendamping import plugins
from pendamping.accounts import access
from pendamping.pdf import pdf_response

VIEWS = ("day", "week")
# the dates the agenda accepts: far enough either way, and safe for date arithmetic
FIRST_DAY = datetime.date(2000, 1, 1)
LAST_DAY = datetime.date(2099, 12, 31)


def period(request) -> tuple[str, datetime.date, datetime.date, datetime.date, list[str]]:
    """(view, anchor, start, end, errors) from the query string; bad values fall back
    to this week or today, with an error to show, never an error page."""
    errors = []
    view = request.GET.get("view") or "week"
    if view not in VIEWS:
        errors.append(_("Tampilan agenda tidak dikenal; menampilkan satu minggu."))
        view = "week"
    anchor = timezone.localdate()
    raw = request.GET.get("date")
    if raw:
        try:
            parsed = datetime.date.fromisoformat(raw)
        except ValueError:
            parsed = None
        if parsed is None or not FIRST_DAY <= parsed <= LAST_DAY:
            errors.append(
                _(
                    "Tanggal “%(value)s” tidak dapat dibaca (tulis TTTT-BB-HH); menampilkan hari ini."
                )
                % {"value": raw[:20]}
            )
        else:
            anchor = parsed
    if view == "day":
        return view, anchor, anchor, anchor, errors
    start = anchor - datetime.timedelta(days=anchor.weekday())
    return view, anchor, start, start + datetime.timedelta(days=6), errors


def _day_of(when) -> datetime.date:
    if isinstance(when, datetime.datetime):
        return timezone.localtime(when).date()
    return when


def _sort_key(entry: plugins.AgendaEntry):
    when = entry.when
    if isinstance(when, datetime.datetime):
        return (0, timezone.localtime(when).time())
    return (1, datetime.time.min)  # all-day entries after the timed ones


def agenda_days(user, start: datetime.date, end: datetime.date) -> list[dict]:
    """Every day from ``start`` to ``end`` with its entries, timed ones first."""
    by_day: dict[datetime.date, list] = {}
    for source in plugins.registry.agenda_sources():
        for entry in source.entries(user, start, end):
            day = _day_of(entry.when)
            if start <= day <= end:
                by_day.setdefault(day, []).append(entry)
    days = []
    day = start
    while day <= end:
        entries = sorted(by_day.get(day, []), key=_sort_key)
        timed = [
            (timezone.localtime(e.when).strftime("%H:%M") if isinstance(e.when, datetime.datetime)
             else "", e)
            for e in entries
        ]  # fmt: skip
        days.append({"date": day, "entries": timed, "today": day == timezone.localdate()})
        day += datetime.timedelta(days=1)
    return days


def _context(request):
    view, anchor, start, end, errors = period(request)
    step = datetime.timedelta(days=1 if view == "day" else 7)
    days = agenda_days(request.user, start, end)
    return {
        "view": view,
        "errors": errors,
        "anchor": anchor,
        "start": start,
        "end": end,
        "days": days,
        "count": sum(len(d["entries"]) for d in days),
        "previous": (anchor - step).isoformat() if anchor - step >= FIRST_DAY else "",
        "next": (anchor + step).isoformat() if anchor + step <= LAST_DAY else "",
        "today": timezone.localdate().isoformat(),
        "agency": access.agency_of(request.user),
    }


@login_required
def agenda(request):
    return render(request, "cases/agenda.html", _context(request))


@login_required
def agenda_pdf(request):
    context = _context(request)
    return pdf_response(
        request, "cases/agenda_pdf.html", context, f"agenda-{context['start'].isoformat()}.pdf"
    )
