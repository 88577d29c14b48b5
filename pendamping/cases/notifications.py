"""The lines of the notifications casework raises (registered in plugin.py): a task
assigned to the reader, a task of theirs overdue. Rows hold the case number and the
due date, never the task's wording (it may name people)."""

from datetime import date

from django.utils.formats import date_format
from django.utils.translation import gettext as _


def _due(d: dict) -> str:
    try:
        return date_format(date.fromisoformat(d.get("due", "")), "j M Y")
    except (TypeError, ValueError):
        return ""


def task_assigned(d: dict) -> str:
    return _("Kasus %(case)s · tenggat %(due)s") % {"case": d.get("case", ""), "due": _due(d)}


def task_overdue(d: dict) -> str:
    return _("Kasus %(case)s · lewat tenggat %(due)s") % {
        "case": d.get("case", ""),
        "due": _due(d),
    }
