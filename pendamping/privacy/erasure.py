"""Anonymising a client (UU 27/2022 art. 43), the one path of the page, the API and
``manage.py pdp_anonymise``.

``refusals(client)`` gives every reason the law keeps the record now: each app's
``hold`` (an open case, a mediation or a child's diversion in progress, a complaint
being handled) and an erasure already done. ``anonymise`` refuses on any of them;
otherwise, in one transaction, every app's ``erase`` runs (plugins.personal_data,
pendamping/erasure.py), cached API answers that name the client are dropped, an
``Erasure`` row records who, when, on what basis and why (never the data), and an
erasure request named by the admin is answered. Uploads are deleted when it commits.

SQLite keeps erased bytes in free pages and in its write-ahead log: every connection
runs with ``PRAGMA secure_delete=ON`` (settings.py), which zeroes what an UPDATE or
DELETE frees, and the erasure checkpoints the log (``wal_checkpoint(TRUNCATE)``)
once it commits. PostgreSQL keeps old row versions until VACUUM; ``pg_dump`` reads
only live rows, and README ("Erasure") tells the operator to vacuum and rotate
backups.
"""

from __future__ import annotations

import json
import logging
import time

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from pendamping import plugins
from pendamping.accounts.access import membership_of
from pendamping.accounts.models import IdempotentRequest, Role
from pendamping.erasure import MARKER, pseudonym
from pendamping.erasure import Erasure as Work

from . import restriction
from .erasure_models import Erasure
from .models import RequestAction, SubjectRequest

REASON_MAX = 500
CHECKPOINT_TRIES = 5
logger = logging.getLogger(__name__)


def require_eraser(user, client) -> None:
    """Only the admin of the client's agency anonymises (the page, API and command)."""
    m = membership_of(user)
    if m is None or m.role != Role.ADMIN or m.agency_id != client.agency_id:
        raise PermissionDenied(_("Hanya admin lembaga klien ini yang dapat menganonimkan klien."))


def identifiers(client) -> tuple[str, ...]:
    """The strings that must not remain anywhere: name, nickname, NIK, KK and phone."""
    values = (client.full_name, client.nickname, client.nik, client.kk_number, client.phone)
    return tuple(v.strip() for v in values if v and len(v.strip()) >= 3)


# name particles that are words of many texts, not of the client ("Ahmad bin Salim")
PARTICLES = {"bin", "binti", "bte", "van", "der", "den", "dan"}


def name_words(client) -> tuple[str, ...]:
    """The words of the client's name and nickname of at least 3 letters."""
    words = f"{client.full_name or ''} {client.nickname or ''}".replace(",", " ").split()
    return tuple(dict.fromkeys(w for w in words if len(w) >= 3 and w.casefold() not in PARTICLES))


def is_anonymised(client) -> bool:
    return Erasure.objects.filter(client_id=client.pk).exists()


def refusals(client) -> list[str]:
    """Why the client may not be anonymised now, in the reader's language ([]: may)."""
    if is_anonymised(client):
        return [_("Klien ini sudah dianonimkan.")]
    reasons = []
    for part in plugins.registry.personal_data():
        reasons += part.holds(client)
    return reasons


def _check_note(client, reason: str, note: str) -> str:
    """The coded reason is one of ``Erasure.Reason``; the note is optional, except for
    "other", and never names the client (it is kept for ever)."""
    if reason not in Erasure.Reason.values:
        raise ValidationError({"reason": _("Pilih alasan penghapusan.")})
    note = " ".join((note or "").split())
    if not note and reason == Erasure.Reason.OTHER:
        raise ValidationError({"note": _("Jelaskan alasan lainnya dalam catatan.")})
    if len(note) > REASON_MAX:
        raise ValidationError(
            {"note": _("Catatan paling banyak %(n)s karakter.") % {"n": REASON_MAX}}
        )
    folded = note.casefold()
    if any(text.casefold() in folded for text in identifiers(client)):
        raise ValidationError({"note": _(
            "Catatan tidak boleh memuat nama, NIK, nomor KK atau telepon klien: catatan "
            "penghapusan disimpan selamanya."
        )})  # fmt: skip
    return note


def _check_request(client, subject_request) -> None:
    if subject_request is None:
        return
    if (
        subject_request.client_id != client.pk
        or subject_request.kind != SubjectRequest.Kind.ERASURE
        or not subject_request.is_open
    ):
        raise ValidationError({"subject_request": _(
            "Permintaan ini bukan permintaan penghapusan yang masih terbuka untuk klien ini."
        )})  # fmt: skip


def _needles(texts) -> set[bytes]:
    """Each text as raw UTF-8 and as JSON writes it (``\\uXXXX`` escapes, or not)."""
    out = set()
    for text in texts:
        out.add(text.encode())
        out.add(json.dumps(text)[1:-1].encode())
        out.add(json.dumps(text, ensure_ascii=False)[1:-1].encode())
    return out


def _drop_cached_answers(client, work: Work) -> int:
    """API answers kept for Idempotency-Key retries (accounts.IdempotentRequest) that
    show the client, in every agency: a retry after the erasure gets no stale copy.
    Those that name the client by id go; those written before answers named their
    clients (``clients`` empty) are searched for the identifiers, as JSON holds them."""
    named = IdempotentRequest.objects.filter(clients__contains=f",{client.pk},")
    dropped = named.delete()[0]
    needles = _needles(work.identifiers)
    unnamed = IdempotentRequest.objects.filter(clients="")
    doomed = [
        pk
        for pk, body in unnamed.values_list("pk", "body").iterator()
        if any(n in bytes(body) for n in needles)
    ]
    if doomed:
        dropped += IdempotentRequest.objects.filter(pk__in=doomed).delete()[0]
    return dropped


def anonymise(client, *, actor, reason: str, basis: str, via: str, note: str = "",
              subject_request=None):  # fmt: skip
    """Anonymise ``client`` for a coded ``reason`` (``Erasure.Reason``) with an optional
    ``note``; PermissionDenied or ValidationError (``refusals`` under "__all__") before
    anything changes. Returns the ``Erasure`` row."""
    require_eraser(actor, client)
    note = _check_note(client, reason, note)
    if basis not in Erasure.Basis.values:
        raise ValidationError({"basis": _("Pilih dasar penghapusan.")})
    _check_request(client, subject_request)
    if basis == Erasure.Basis.REQUEST and subject_request is None:
        raise ValidationError({"subject_request": _("Sebutkan permintaan penghapusannya.")})
    # the law puts erasure above a restriction of processing (privacy/restriction.py)
    with restriction.bypass(), transaction.atomic():
        locked = type(client)._base_manager.select_for_update().get(pk=client.pk)
        refused = refusals(locked)
        if refused:
            raise ValidationError({"__all__": refused})
        work = Work(client_id=locked.pk, pseudonym=pseudonym(locked.pk),
                    identifiers=identifiers(locked), name_words=name_words(locked))  # fmt: skip
        for part in plugins.registry.personal_data():
            part.erase_client(locked, work)
        _drop_cached_answers(locked, work)
        record = Erasure.objects.create(
            agency_id=locked.agency_id, client=locked, by=actor, basis=basis, reason=reason,
            note=note, subject_request=subject_request, files_deleted=len(work.files), via=via,
            report=work.report,
        )  # fmt: skip
        if subject_request is not None:
            SubjectRequest.objects.filter(pk=subject_request.pk).update(
                status=SubjectRequest.Status.COMPLETED,
                response=_("Data klien telah dianonimkan."),
                responded_at=timezone.now(), responded_by=actor,
                version=F("version") + 1,
            )  # fmt: skip
            RequestAction.objects.create(request=subject_request, user=actor,
                                         action=RequestAction.Action.ERASED)  # fmt: skip
        if connection.vendor == "sqlite":
            transaction.on_commit(_checkpoint)
    restriction.forget()  # the client is read-only from now on
    client.refresh_from_db()
    return record


def report_lines(record) -> list[str]:
    """The erasure's report in the reader's language (the page's message, the command)."""
    lines = []
    if n := (record.report or {}).get("breaches"):
        lines.append(ngettext(
            "Nama klien diganti %(marker)s dalam %(n)s catatan kegagalan pelindungan data.",
            "Nama klien diganti %(marker)s dalam %(n)s catatan kegagalan pelindungan data.", n,
        ) % {"n": n, "marker": MARKER})  # fmt: skip
    return lines


def _checkpoint() -> None:
    """Copy the log into the database file and empty it (SQLite's WAL keeps the old
    pages otherwise). Only outside a transaction, which a checkpoint cannot run in."""
    if connection.in_atomic_block:
        return
    with connection.cursor() as cursor:
        for _attempt in range(CHECKPOINT_TRIES):
            # (busy, log pages, pages checkpointed): busy=1 when a reader held the log
            cursor.execute("PRAGMA wal_checkpoint(TRUNCATE)")
            busy, *_counts = cursor.fetchone()
            if not busy:
                return
            time.sleep(0.05)
    logger.warning(
        "SQLite WAL checkpoint after an erasure stayed busy %s times: the log may "
        "still hold erased pages until the next checkpoint",
        CHECKPOINT_TRIES,
    )
