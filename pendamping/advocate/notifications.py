"""The lines of the advocate's notifications (registered in plugin.py): a breached
complaint escalated to the supervisor or the agency's admins, a complaint given to a
worker. Rows hold the tracking code, the tier and the deadline, never the complainant
or the subject of the complaint."""

from datetime import datetime

from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _


def _when(d: dict) -> str:
    try:
        moment = datetime.fromisoformat(d.get("deadline", ""))
    except (TypeError, ValueError):
        return ""
    return date_format(timezone.localtime(moment), "j M Y H:i")


def complaint_escalated(d: dict) -> str:
    return _("Pengaduan %(code)s · lewat batas waktu %(deadline)s") % {
        "code": d.get("code", ""),
        "deadline": _when(d),
    }


def complaint_assigned(d: dict) -> str:
    return _("Pengaduan %(code)s · batas waktu %(deadline)s") % {
        "code": d.get("code", ""),
        "deadline": _when(d),
    }


def filing_limit_passed(d: dict) -> str:
    from datetime import date

    from django.utils.formats import date_format

    from .models import Body

    try:
        due = date_format(date.fromisoformat(d.get("due", "")), "j M Y")
    except (TypeError, ValueError):
        due = ""
    body = str(Body(d["body"]).label) if d.get("body") in Body.values else ""
    return _("Pengaduan %(code)s · %(body)s belum menjawab, batas %(due)s") % {
        "code": d.get("code", ""),
        "body": body,
        "due": due,
    }
