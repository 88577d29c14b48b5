"""The line of a safety-flag notification (registered in plugin.py): the case
number and the instrument, never the answers."""

from django.utils.translation import gettext as _

from . import instruments


def safety_flag(d: dict) -> str:
    instrument = instruments.get(d.get("instrument", ""))
    title = instrument.short_title if instrument else d.get("instrument", "")
    return _("Kasus %(case)s · %(instrument)s") % {"case": d.get("case", ""), "instrument": title}
