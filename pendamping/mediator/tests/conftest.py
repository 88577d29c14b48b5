"""Helpers for the mediator tests: a mediation of agency A between its client (with
the case) and a neighbour who is not a client, and frozen time."""

from datetime import date, datetime, time

import pytest
from django.utils import timezone

from pendamping.mediator import services


def open_mediation(f, *, kind="neighbours", issue="Batas tanah dan pagar", **screening):
    return services.mediation_open(
        actor=f.users["worker"], data={"kind": kind, "issue": issue, **screening},
        cases=[f.case],
    )  # fmt: skip


def with_parties(f, mediation, *, consent=True):
    worker = f.users["worker"]
    one = services.party_add(actor=worker, mediation=mediation, client=f.client,
                             data={"relationship": "Tetangga"})  # fmt: skip
    two = services.party_add(actor=worker, mediation=mediation,
                             data={"name": "Pak Darto", "relationship": "Tetangga",
                                   "contact": "0812"})  # fmt: skip
    if consent:
        for p in (one, two):
            services.party_consent(actor=worker, party=p, method="written")
    return one, two


def with_caucus(f, notes):
    """A mediation with its two parties (with_parties) and, today, a caucus with the
    first (the client) whose notes are `notes`: (mediation, one, two)."""
    m = open_mediation(f)
    one, two = with_parties(f, m)
    services.session_record(actor=f.users["worker"], mediation=m, kind="caucus",
                            held_on=timezone.localdate(), caucus_party=one, notes=notes)  # fmt: skip
    return m, one, two


@pytest.fixture
def frozen(monkeypatch):
    """Freeze django.utils.timezone.now (and so localdate) at a given day:
    ``frozen(date(2026, 3, 10))``; call again to move the clock."""

    def freeze(day: date):
        moment = timezone.make_aware(datetime.combine(day, time(10, 0)))
        monkeypatch.setattr(timezone, "now", lambda: moment)
        return moment

    return freeze
