"""Helpers for the motivator tests: goals, reviews, check-ins and steps on a case."""

from datetime import timedelta
from xml.dom.minidom import parseString

from django.utils import timezone

from pendamping.motivator import services

LEVELS = {
    "level_minus_2": "Tidak mencari kerja",
    "level_minus_1": "Menanyakan lowongan",
    "level_0": "Melamar ke dua bengkel",
    "level_plus_1": "Diterima magang",
    "level_plus_2": "Diterima bekerja tetap",
}


def add_goal(f, statement="Bekerja di bengkel", *, weight=1.0, baseline=-1, actor=None):
    return services.goal_add(
        actor=actor or f.users["worker"],
        case=f.case,
        data=LEVELS
        | {
            "statement": statement,
            "weight": weight,
            "baseline_level": baseline,
            "target_date": timezone.localdate() + timedelta(days=90),
        },
    )


def review(f, goal, level, *, days_ago=0, note=""):
    return services.goal_review(
        actor=f.users["worker"],
        goal=goal,
        level=level,
        reviewed_on=timezone.localdate() - timedelta(days=days_ago),
        note=note,
    )


def checkin(f, *, days_ago=0, **scores):
    values = {"intention": 5, "determination": 5, "spirit": 5, "importance": 5, "confidence": 5}
    return services.checkin_add(
        actor=f.users["worker"],
        case=f.case,
        checked_on=timezone.localdate() - timedelta(days=days_ago),
        **(values | scores),
    )


def svgs(html: str) -> list[str]:
    """Every <svg> in the page, each parsed as XML (raises when one is not valid)."""
    found = []
    start = html.find("<svg")
    while start != -1:
        end = html.index("</svg>", start) + len("</svg>")
        parseString(html[start:end])
        found.append(html[start:end])
        start = html.find("<svg", end)
    return found
