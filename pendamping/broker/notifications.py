"""The lines of the broker's notifications (registered in plugin.py): referral
numbers, status codes, case numbers and taxonomy terms, never a client's name."""

from django.utils.translation import get_language, ngettext
from django.utils.translation import gettext as _

from .models import ReferralStatus


def _status(code: str) -> str:
    return str(ReferralStatus(code).label) if code in ReferralStatus.values else (code or "")


def referral_incoming(d: dict) -> str:
    return _("Rujukan %(number)s untuk lembaga Anda") % {"number": d.get("number", "")}


def referral_answered(d: dict) -> str:
    return _("Rujukan %(number)s · %(status)s") % {
        "number": d.get("number", ""),
        "status": _status(d.get("status", "")),
    }


def service_found(d: dict) -> str:
    term = d.get("term_en") if (get_language() or "").startswith("en") else d.get("term")
    return _("Kasus %(case)s · %(term)s") % {"case": d.get("case", ""), "term": term or ""}


def capacity_stale(d: dict) -> str:
    return ngettext(
        "%(count)d layanan lembaga Anda perlu diperbarui kapasitasnya",
        "%(count)d layanan lembaga Anda perlu diperbarui kapasitasnya",
        d.get("count", 0),
    ) % {"count": d.get("count", 0)}
