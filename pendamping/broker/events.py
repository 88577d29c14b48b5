"""The broker's kinds of timeline event (pendamping/plugins.py)."""

from django.utils.translation import gettext_lazy as _

from pendamping import plugins
from pendamping.cases.events import label
from pendamping.plugins import EventKind

from .models import ReferralStatus


def _status(d: dict) -> str:
    text = f"{d.get('referral', '')} · {d.get('service', '')}: "
    text += f"{label(ReferralStatus, d.get('from'))} → {label(ReferralStatus, d.get('to'))}"
    return text + (f" · {d['reason']}" if d.get("reason") else "")


REFERRAL_CREATED = EventKind(
    "referral_created",
    _("Rujukan dibuat"),
    lambda d: f"{d.get('referral', '')} · {d.get('service', '')}",
)
REFERRAL_STATUS = EventKind(
    "referral_status", _("Status rujukan berubah"), _status, free_text=("reason",)
)

plugins.event_kinds(REFERRAL_CREATED, REFERRAL_STATUS)
