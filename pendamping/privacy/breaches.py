"""The breach register's writes (UU 27/2022 art. 46): recording a breach, changing
it, finding the clients it touched, recording the letters sent, and the periodic
check of its 3×24-hour notification clock. The pages (breach_views.py) and the API
(breach_api.py) call these; each write is one transaction and leaves a BreachEvent.

The clients touched are found in the database, chunk by chunk: the processing log's
rows (or a user's cases) are read with an iterator and each chunk of client ids is
inserted at once, so a breach of 100,000 clients never holds them all in memory."""

from __future__ import annotations

import ipaddress
from datetime import date, datetime, timedelta
from typing import NamedTuple

from django.apps import apps
from django.core.exceptions import ValidationError
from django.db import connection, transaction
from django.db.models import Count, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from pendamping.accounts.access import membership_of
from pendamping.accounts.letterhead import next_letter_number, reserve_letter_numbers
from pendamping.concurrency import save_versioned
from pendamping.data_categories import DataCategory
from pendamping.inbox.services import notify

from .access import require_log_reader
from .breach_models import NOTIFY_HOURS, NOTIFY_SOON_HOURS, RemovalReason
from .models import AccessRecord, Breach, BreachClient, BreachEvent
from .requests import _officers

CLOCK_KIND = "breach_clock"
CHUNK = 1000
# at most this many ids chosen by hand in one go (the page's and the API's list)
CHOSEN_LIMIT = 1000
EDITABLE = ("title", "discovered_at", "occurred_from", "occurred_until", "description",
            "data_categories", "containment", "status")  # fmt: skip


def _clean(data: dict, now) -> dict:
    categories = data.get("data_categories")
    if categories is not None:
        unknown = set(categories) - set(DataCategory.values)
        if unknown or not categories:
            raise ValidationError({"data_categories": _("Pilih kategori data dari daftar.")})
        data["data_categories"] = [c for c in DataCategory.values if c in set(categories)]
    discovered = data.get("discovered_at")
    if discovered is not None and discovered > now + timedelta(minutes=5):
        raise ValidationError({"discovered_at": _("Waktu diketahui tidak boleh di masa depan.")})
    start, end = data.get("occurred_from"), data.get("occurred_until")
    if start and end and start > end:
        raise ValidationError({"occurred_until": _("Akhir kejadian harus setelah awalnya.")})
    if start and discovered and start > discovered:
        raise ValidationError({"occurred_from": _("Kejadian tidak dapat mulai setelah diketahui.")})
    for key in ("title", "description", "containment"):
        if key in data:
            data[key] = (data[key] or "").strip()
    if "title" in data and not data["title"]:
        raise ValidationError({"title": _("Isi judul singkat.")})
    if "description" in data and not data["description"]:
        raise ValidationError({"description": _("Tuliskan apa yang terjadi.")})
    return data


def _minute(moment):
    return moment.replace(second=0, microsecond=0)


def _event(breach, actor, kind, **data) -> None:
    BreachEvent.objects.create(breach=breach, by=actor, kind=kind, data=data)


@transaction.atomic
def breach_record(*, actor, title: str, description: str, data_categories: list[str],
                  discovered_at=None, occurred_from=None, occurred_until=None,
                  containment: str = "") -> Breach:  # fmt: skip
    """Register a breach discovered now (or at ``discovered_at``); its letters are due
    3×24 hours after the discovery."""
    require_log_reader(actor)
    now = timezone.now()
    data = _clean({"title": title, "description": description, "data_categories": data_categories,
                   "discovered_at": discovered_at or now, "occurred_from": occurred_from,
                   "occurred_until": occurred_until, "containment": containment}, now)  # fmt: skip
    breach = Breach.objects.create(
        agency_id=membership_of(actor).agency_id, recorded_by=actor,
        notify_due_at=data["discovered_at"] + timedelta(hours=NOTIFY_HOURS), **data,
    )  # fmt: skip
    _event(breach, actor, BreachEvent.Kind.RECORDED, categories=breach.data_categories)
    return breach


@transaction.atomic
def breach_update(*, actor, breach: Breach, expected_version: int | None, **changes) -> Breach:
    """Change what is known of a breach (a closed one is not changed); the history
    names the fields changed, never their text."""
    require_log_reader(actor)
    if breach.is_closed:
        raise ValidationError(_("Kegagalan ini sudah ditutup."))
    unknown = set(changes) - set(EDITABLE)
    if unknown:
        raise ValidationError(_("Kolom tidak dikenal: %(f)s") % {"f": ", ".join(sorted(unknown))})
    if "status" in changes and changes["status"] not in Breach.Status.values:
        raise ValidationError({"status": _("Pilih status yang sah.")})
    changes = _clean(dict(changes), timezone.now())
    for key in ("discovered_at", "occurred_from", "occurred_until"):
        # a form shows minutes: the same minute is no change (the limit stays put)
        old, new = getattr(breach, key), changes.get(key)
        if old and new and _minute(old) == _minute(new):
            changes.pop(key)
    changed = sorted(k for k, v in changes.items() if getattr(breach, k) != v)
    if "discovered_at" in changed:
        changes["notify_due_at"] = changes["discovered_at"] + timedelta(hours=NOTIFY_HOURS)
    save_versioned(breach, expected_version, **changes)
    if changed:
        _event(breach, actor, BreachEvent.Kind.CHANGED, fields=changed, status=breach.status)
    return breach


# ---- the clients a breach touched --------------------------------------------------


def _insert(breach: Breach, ids: set[int], source: str) -> None:
    """Add the agency's clients among ``ids`` (others are ignored), once each."""
    Client = apps.get_model("clients", "Client")
    own = Client.objects.filter(agency_id=breach.agency_id, pk__in=ids).values_list("pk", flat=True)
    BreachClient.objects.bulk_create(
        [BreachClient(breach=breach, client_id=pk, source=source) for pk in own],
        ignore_conflicts=True,
    )


def _log_ids(rows):
    """Client ids from processing-log rows (their ``clients`` text), streamed."""
    for clients in rows.values_list("clients", flat=True).iterator(chunk_size=500):
        for part in clients.split(","):
            if part:
                yield int(part)


def _caseload_ids(agency_id: int, user_id: int):
    Case = apps.get_model("cases", "Case")
    rows = Case.objects.filter(agency_id=agency_id, assigned_worker_id=user_id,
                               deleted_at__isnull=True).values_list("client_id", flat=True)  # fmt: skip
    yield from rows.order_by("client_id").iterator(chunk_size=CHUNK)


def _period(since, until) -> None:
    if since is None or until is None:
        raise ValidationError({"since": _("Isi awal dan akhir periode.")})
    if since > until:
        raise ValidationError({"until": _("Akhir periode harus setelah awalnya.")})


def _member(agency_id: int, user_id) -> int:
    from pendamping.accounts.models import Membership

    if not user_id or not Membership.objects.filter(agency_id=agency_id, user_id=user_id).exists():
        raise ValidationError({"user_id": _("Pilih pengguna lembaga Anda.")})
    return int(user_id)


def _source_ids(breach: Breach, source: str, *, user_id, address, since, until, client_ids):
    agency_id = breach.agency_id
    if source == BreachClient.Source.CHOSEN:
        ids = sorted({int(x) for x in client_ids or []})
        if not ids:
            raise ValidationError({"client_ids": _("Isi nomor klien (ID), dipisah koma.")})
        if len(ids) > CHOSEN_LIMIT:
            raise ValidationError({"client_ids": _("Paling banyak %(n)s nomor sekaligus.")
                                   % {"n": CHOSEN_LIMIT}})  # fmt: skip
        Client = apps.get_model("clients", "Client")
        own = set(
            Client.objects.filter(agency_id=agency_id, pk__in=ids).values_list("pk", flat=True)
        )
        missing = [str(i) for i in ids if i not in own]
        if missing:
            raise ValidationError({"client_ids": _("Bukan klien lembaga Anda: %(ids)s")
                                   % {"ids": ", ".join(missing[:20])}})  # fmt: skip
        return iter(ids)
    if source == BreachClient.Source.CASELOAD:
        return _caseload_ids(agency_id, _member(agency_id, user_id))
    _period(since, until)
    rows = AccessRecord.objects.filter(agency_id=agency_id, at__gte=since, at__lte=until)
    if source == BreachClient.Source.USER_READS:
        return _log_ids(rows.filter(user_id=_member(agency_id, user_id)))
    if source == BreachClient.Source.ADDRESS_READS:
        return _log_ids(rows.filter(address=address))
    raise ValidationError({"source": _("Pilih cara menemukan klien terdampak.")})


def _address(text) -> str:
    """An IPv4 or IPv6 address written the way the log keeps it (the history holds
    only what was checked), else the field's error."""
    if not text:
        raise ValidationError({"address": _("Isi alamat jaringan (IP).")})
    try:
        found = ipaddress.ip_address(str(text).strip())
    except ValueError:
        found = None
    if found is None or getattr(found, "scope_id", None):
        raise ValidationError({"address": _("Alamat jaringan (IP) tidak sah: tulis alamat "
                                            "IPv4 atau IPv6, mis. 192.0.2.10.")})  # fmt: skip
    return str(found)


@transaction.atomic
def affected_add(*, actor, breach: Breach, source: str, user_id=None, address=None,
                 since: datetime | None = None, until: datetime | None = None,
                 client_ids=None) -> int:  # fmt: skip
    """Add the clients the breach touched, found by ``source``; returns how many were
    new. Chunked: at most CHUNK ids are held at a time."""
    require_log_reader(actor)
    if breach.is_closed:
        raise ValidationError(_("Kegagalan ini sudah ditutup."))
    if source == BreachClient.Source.ADDRESS_READS:
        address = _address(address)
    ids = _source_ids(breach, source, user_id=user_id, address=address, since=since,
                      until=until, client_ids=client_ids)  # fmt: skip
    before = breach.affected.count()
    chunk: set[int] = set()
    for pk in ids:
        chunk.add(pk)
        if len(chunk) >= CHUNK:
            _insert(breach, chunk, source)
            chunk = set()
    if chunk:
        _insert(breach, chunk, source)
    added = breach.affected.count() - before
    _event(breach, actor, BreachEvent.Kind.CLIENTS_ADDED, source=source, added=added,
           user=user_id, address=address or "", since=since.isoformat() if since else "",
           until=until.isoformat() if until else "")  # fmt: skip
    return added


@transaction.atomic
def affected_remove(*, actor, breach: Breach, affected: BreachClient, reason: str) -> None:
    """Take a client added by mistake off the breach's list. The history keeps who,
    when, the client's number, how they had been found, the day of a letter already
    sent and the reason's code, never text."""
    require_log_reader(actor)
    if breach.is_closed:
        raise ValidationError(_("Kegagalan ini sudah ditutup."))
    if reason not in RemovalReason.values:
        raise ValidationError({"reason": _("Pilih alasan mengeluarkan klien.")})
    if affected.breach_id != breach.pk:
        raise ValidationError({"client_id": _("Klien ini tidak ada dalam daftar terdampak.")})
    _event(breach, actor, BreachEvent.Kind.CLIENT_REMOVED, client=affected.client_id,
           source=affected.source, reason=reason,
           notified_on=affected.notified_on.isoformat() if affected.notified_on else "")  # fmt: skip
    affected.delete()


def _sent_on(value: date | None) -> date:
    today = timezone.localdate()
    value = value or today
    if value > today:
        raise ValidationError({"sent_on": _("Tanggal kirim tidak boleh di masa depan.")})
    return value


@transaction.atomic
def client_notified(*, actor, breach: Breach, affected: BreachClient, sent_on=None) -> None:
    """Record the day the client's letter was sent: an issued letter only (a letter
    without its number was never sent)."""
    require_log_reader(actor)
    sent_on = _sent_on(sent_on)
    if affected.notified_on:
        raise ValidationError(_("Surat untuk klien ini sudah dicatat terkirim."))
    if not affected.letter_number:
        raise ValidationError(_("Terbitkan surat ini (beri nomor) sebelum mencatatnya terkirim."))
    affected.notified_on = sent_on
    affected.save(update_fields=["notified_on"])
    _event(breach, actor, BreachEvent.Kind.CLIENT_NOTIFIED, client=affected.client_id,
           sent_on=sent_on.isoformat())  # fmt: skip


class Notified(NamedTuple):
    count: int  # issued letters now recorded as sent
    skipped: int  # letters not sent yet that are not issued either (left as they are)


@transaction.atomic
def clients_notified(*, actor, breach: Breach, sent_on=None) -> Notified:
    """Record every issued letter not yet recorded as sent on ``sent_on`` (one UPDATE);
    letters not issued yet are skipped and counted. Nothing issued to record is an error."""
    require_log_reader(actor)
    sent_on = _sent_on(sent_on)
    unsent = breach.affected.filter(notified_on__isnull=True)
    count = unsent.exclude(letter_number="").update(notified_on=sent_on)
    skipped = unsent.filter(letter_number="").count()
    if not count:
        raise ValidationError(
            _("Tidak ada surat terbit yang belum dicatat terkirim; terbitkan suratnya dulu.")
            if skipped else _("Semua surat ke klien sudah dicatat terkirim.")
        )  # fmt: skip
    _event(breach, actor, BreachEvent.Kind.CLIENTS_NOTIFIED, count=count, skipped=skipped,
           sent_on=sent_on.isoformat())  # fmt: skip
    return Notified(count, skipped)


def notified_message(done: Notified) -> str:
    """What the officer is told after "all sent" (the page's message)."""
    text = ngettext("%(n)s surat dicatat terkirim.", "%(n)s surat dicatat terkirim.",
                    done.count) % {"n": done.count}  # fmt: skip
    if done.skipped:
        text += " " + ngettext(
            "%(n)s surat dilewati karena belum diterbitkan.",
            "%(n)s surat dilewati karena belum diterbitkan.", done.skipped,
        ) % {"n": done.skipped}  # fmt: skip
    return text


@transaction.atomic
def authority_notified(*, actor, breach: Breach, sent_on=None) -> None:
    require_log_reader(actor)
    sent_on = _sent_on(sent_on)
    if breach.authority_notified_on:
        raise ValidationError(_("Surat ke lembaga PDP sudah dicatat terkirim."))
    if not breach.authority_letter_number:
        raise ValidationError(
            _("Terbitkan surat ke lembaga PDP (beri nomor) sebelum mencatatnya terkirim.")
        )
    if sent_on < timezone.localtime(breach.discovered_at).date():
        raise ValidationError({"sent_on": _("Tanggal kirim sebelum kegagalan diketahui.")})
    breach.authority_notified_on = sent_on
    breach.save(update_fields=["authority_notified_on"])
    _event(breach, actor, BreachEvent.Kind.AUTHORITY_NOTIFIED, sent_on=sent_on.isoformat())


LETTER_KIND = "PDP"


def _letter_fields(affected: BreachClient | None) -> tuple[str, str]:
    if affected is not None:
        return "letter_number", "letter_issued_on"
    return "authority_letter_number", "authority_letter_issued_on"


def letter_state(breach: Breach, affected: BreachClient | None = None) -> dict:
    """The letter to ``affected`` (or to the authority) as its PDF shows it: its number
    and date once issued; a draft (no number, today's date) before."""
    number_field, day_field = _letter_fields(affected)
    row = affected or breach
    number = getattr(row, number_field)
    return {"number": number, "is_draft": not number,
            "letter_date": getattr(row, day_field) or timezone.localdate()}  # fmt: skip


@transaction.atomic
def letter_issue(*, actor, breach: Breach, affected: BreachClient | None = None) -> str:
    """Issue the breach's letter to ``affected`` (or to the authority): it takes the
    agency's next letter number (its letter-number pattern) and today's date, once;
    the history records who issued which letter under which number. Opening the PDF
    before shows a draft and takes no number. The row is locked, so two officers
    issuing at once give one number and the second is told it is already issued."""
    require_log_reader(actor)
    if affected is not None and affected.breach_id != breach.pk:
        raise ValidationError({"client_id": _("Klien ini tidak ada dalam daftar terdampak.")})
    number_field, day_field = _letter_fields(affected)
    row = affected or breach
    locked = type(row).objects.select_for_update().get(pk=row.pk)
    if getattr(locked, number_field):
        raise ValidationError(_("Surat ini sudah diterbitkan dengan nomor %(number)s.")
                              % {"number": getattr(locked, number_field)})  # fmt: skip
    today = timezone.localdate()
    number = next_letter_number(breach.agency, LETTER_KIND, today)
    type(row).objects.filter(pk=row.pk).update(**{number_field: number, day_field: today})
    setattr(row, number_field, number)
    setattr(row, day_field, today)
    _event(breach, actor, BreachEvent.Kind.LETTER_ISSUED, number=number,
           to="client" if affected is not None else "authority",
           client=affected.client_id if affected is not None else None)  # fmt: skip
    return number


class Issued(NamedTuple):
    count: int
    first: str
    last: str


def _number_sql(parts: list[str]) -> tuple[str, list[str]]:
    """SQL for the letter number of ``ranked.seq``: the pattern's parts around each
    sequence number, which is written with at least three digits (format_number)."""
    seq = ("CASE WHEN ranked.seq < 10 THEN '00' || CAST(ranked.seq AS TEXT) "
           "WHEN ranked.seq < 100 THEN '0' || CAST(ranked.seq AS TEXT) "
           "ELSE CAST(ranked.seq AS TEXT) END")  # fmt: skip
    return f" || {seq} || ".join(["%s"] * len(parts)), parts


@transaction.atomic
def letters_issue_all(*, actor, breach: Breach) -> Issued:
    """Issue every letter to the breach's clients not issued yet, in one transaction:
    in client-number order they take consecutive numbers of the agency's year (one
    block reserved at once, so no number is given twice) and today's date. A bounded
    number of queries whatever the number of clients: the unissued rows are locked
    (a single issue meanwhile waits, then finds its letter issued), the block is taken
    from the counter, and one UPDATE numbers them all. The history records it as one
    issue: the count, the first and last numbers and the clients in number order."""
    require_log_reader(actor)
    Breach.objects.select_for_update().filter(pk=breach.pk).first()  # one "issue all" at a time
    clients = list(breach.affected.select_for_update().filter(letter_number="")
                   .order_by("client_id").values_list("client_id", flat=True))  # fmt: skip
    if not clients:
        raise ValidationError(_("Semua surat ke klien sudah diterbitkan."))
    today = timezone.localdate()
    before, parts = reserve_letter_numbers(breach.agency, LETTER_KIND, today, len(clients))
    number, params = _number_sql(parts)
    table = connection.ops.quote_name(BreachClient._meta.db_table)
    with connection.cursor() as cursor:
        cursor.execute(
            f"UPDATE {table} SET letter_number = {number}, letter_issued_on = %s "
            f"FROM (SELECT id, %s + ROW_NUMBER() OVER (ORDER BY client_id) AS seq FROM {table} "
            f"WHERE breach_id = %s AND letter_number = '') AS ranked "
            f"WHERE {table}.id = ranked.id",
            [*params, today, before, breach.pk],
        )  # fmt: skip
        if cursor.rowcount != len(clients):  # the rows are locked: never, but never silently
            raise ValidationError(_("Surat berubah saat diterbitkan; coba lagi."))
    numbers = dict(breach.affected.filter(client_id__in={clients[0], clients[-1]})
                   .values_list("client_id", "letter_number"))  # fmt: skip
    first, last = numbers[clients[0]], numbers[clients[-1]]
    _event(breach, actor, BreachEvent.Kind.LETTER_ISSUED, to="clients", count=len(clients),
           first=first, last=last, clients=clients)  # fmt: skip
    return Issued(len(clients), first, last)


# ---- the clock ------------------------------------------------------------------------


def with_counts(queryset):
    """Breaches annotated with their affected clients, the letters not yet sent, those
    not issued yet, and those issued and not yet sent (what "all sent" records)."""
    unsent = Q(affected__notified_on__isnull=True)
    return queryset.annotate(
        affected_count=Count("affected", distinct=True),
        unnotified=Count("affected", filter=unsent, distinct=True),
        unissued=Count("affected", filter=Q(affected__letter_number=""), distinct=True),
        issued_unsent=Count(
            "affected", filter=unsent & ~Q(affected__letter_number=""), distinct=True
        ),
    )


def escalate_due(now=None) -> dict[str, int]:
    """Tell each agency's officer and admins, once per state, of every breach whose
    letters are due within NOTIFY_SOON_HOURS or overdue. Idempotent (dedupe key)."""
    now = now or timezone.now()
    due = with_counts(Breach.objects.exclude(status=Breach.Status.CLOSED).filter(
        notify_due_at__lte=now + timedelta(hours=NOTIFY_SOON_HOURS)))  # fmt: skip
    due = list(due.only("pk", "agency_id", "notify_due_at", "status", "authority_notified_on"))
    officers = _officers({b.agency_id for b in due})
    told = {"soon": 0, "overdue": 0}
    for b in due:
        state = b.clock(now, unnotified=b.unnotified)
        if state not in told:
            continue
        new = notify(
            officers.get(b.agency_id, []), CLOCK_KIND,
            url=reverse("breach_detail", kwargs={"pk": b.pk}), target=b,
            dedupe=f"{b.pk}:{state}", breach=b.pk, state=state, due=b.notify_due_at.isoformat(),
        )  # fmt: skip
        told[state] += len(new)
    return told


def clock_line(d: dict) -> str:
    """The inbox line of the clock (the row holds the breach's number, state, limit)."""
    try:
        due = date_format(timezone.localtime(datetime.fromisoformat(d.get("due", ""))), "j M Y H:i")
    except (TypeError, ValueError):
        due = ""
    values = {"pk": d.get("breach", ""), "due": due}
    if d.get("state") == "overdue":
        return _("Pemberitahuan kegagalan pelindungan data #%(pk)s lewat batas %(due)s") % values
    return _("Pemberitahuan kegagalan pelindungan data #%(pk)s berakhir %(due)s") % values
