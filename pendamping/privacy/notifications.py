"""The line of the data-subject request clock's notification (registered in plugin.py):
the row holds the request's number, kind code, state and limit ("what": its kind), never the client."""

from datetime import datetime

from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from .models import SubjectRequest


def request_clock(d: dict) -> str:
    try:
        due = date_format(timezone.localtime(datetime.fromisoformat(d.get("due", ""))), "j M Y H:i")
    except (TypeError, ValueError):
        due = ""
    kinds = dict(SubjectRequest.Kind.choices)
    values = {"pk": d.get("request", ""), "kind": kinds.get(d.get("what"), ""), "due": due}
    if d.get("state") == "overdue":
        return _("Permintaan subjek data #%(pk)s (%(kind)s) lewat batas %(due)s") % values
    return _("Permintaan subjek data #%(pk)s (%(kind)s) berakhir %(due)s") % values


def retention_due(d: dict) -> str:
    count = int(d.get("count") or 0)
    return ngettext(
        "%(count)s klien sudah melewati masa retensi dan menunggu persetujuan penghapusan",
        "%(count)s klien sudah melewati masa retensi dan menunggu persetujuan penghapusan",
        count,
    ) % {"count": f"{count}+" if d.get("capped") else count}
