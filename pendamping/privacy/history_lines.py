"""A breach's history in the reader's language: each BreachEvent's stored codes,
field names, counts and dates turned into one line when it is read."""

from __future__ import annotations

from datetime import date, datetime

from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from .breach_models import RemovalReason
from .models import Breach, BreachClient, BreachEvent


def _day(text: str) -> str:
    try:
        return date_format(date.fromisoformat(text), "j M Y")
    except (TypeError, ValueError):
        return ""


def _moment(text: str) -> str:
    try:
        return date_format(timezone.localtime(datetime.fromisoformat(text)), "j M Y H:i")
    except (TypeError, ValueError):
        return ""


def _labels() -> dict[str, str]:
    return {f.name: str(f.verbose_name) for f in Breach._meta.fields}


def line(event: BreachEvent) -> str:
    d, kind = event.data or {}, event.kind
    if kind == BreachEvent.Kind.CHANGED:
        labels = _labels()
        fields = ", ".join(labels.get(f, f) for f in d.get("fields", []))
        return _("Diubah: %(fields)s") % {"fields": fields}
    if kind == BreachEvent.Kind.CLIENTS_ADDED:
        source = dict(BreachClient.Source.choices).get(d.get("source"), "")
        text = _("%(n)s klien terdampak ditambahkan (%(source)s)") % {"n": d.get("added", 0),
                                                                      "source": source}  # fmt: skip
        if d.get("since"):
            text += " · " + _("periode %(a)s – %(b)s") % {"a": _moment(d["since"]),
                                                          "b": _moment(d.get("until", ""))}  # fmt: skip
        if d.get("address"):
            text += " · " + _("alamat %(ip)s") % {"ip": d["address"]}
        return text
    if kind == BreachEvent.Kind.CLIENT_REMOVED:
        reason = dict(RemovalReason.choices).get(d.get("reason"), "")
        text = _("Klien #%(pk)s dikeluarkan dari daftar terdampak: %(reason)s") % {
            "pk": d.get("client", ""), "reason": reason}  # fmt: skip
        if d.get("notified_on"):
            text += " · " + _("suratnya sudah dikirim %(day)s") % {"day": _day(d["notified_on"])}
        return text
    if kind == BreachEvent.Kind.CLIENT_NOTIFIED:
        return _("Surat ke klien #%(pk)s dikirim %(day)s") % {"pk": d.get("client", ""),
                                                               "day": _day(d.get("sent_on"))}  # fmt: skip
    if kind == BreachEvent.Kind.CLIENTS_NOTIFIED and d.get("skipped"):
        return _("Surat ke %(n)s klien dikirim %(day)s; %(skipped)s belum diterbitkan, dilewati") % {
            "n": d.get("count", 0), "day": _day(d.get("sent_on")), "skipped": d["skipped"]}  # fmt: skip
    if kind == BreachEvent.Kind.CLIENTS_NOTIFIED:
        return _("Surat ke %(n)s klien dikirim %(day)s") % {"n": d.get("count", 0),
                                                             "day": _day(d.get("sent_on"))}  # fmt: skip
    if kind == BreachEvent.Kind.AUTHORITY_NOTIFIED:
        return _("Surat ke lembaga PDP dikirim %(day)s") % {"day": _day(d.get("sent_on"))}
    if kind == BreachEvent.Kind.LETTER_ISSUED and d.get("to") == "authority":
        return _("Surat ke lembaga PDP diterbitkan, nomor %(number)s") % {
            "number": d.get("number", "")}  # fmt: skip
    if kind == BreachEvent.Kind.LETTER_ISSUED and d.get("to") == "clients":
        return ngettext(
            "%(n)s surat ke klien diterbitkan, nomor %(first)s sampai %(last)s",
            "%(n)s surat ke klien diterbitkan, nomor %(first)s sampai %(last)s",
            d.get("count", 0),
        ) % {"n": d.get("count", 0), "first": d.get("first", ""), "last": d.get("last", "")}
    if kind == BreachEvent.Kind.LETTER_ISSUED:
        return _("Surat ke klien #%(pk)s diterbitkan, nomor %(number)s") % {
            "pk": d.get("client", ""), "number": d.get("number", "")}  # fmt: skip
    return str(BreachEvent.Kind(kind).label) if kind in BreachEvent.Kind.values else kind


def event_lines(events) -> list[dict]:
    return [{"at": e.at, "by": e.by, "kind": e.get_kind_display(), "text": line(e)} for e in events]
