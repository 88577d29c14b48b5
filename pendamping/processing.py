"""Restriction of processing (UU 27/2022 art. 41), the part below the apps.

A restricted client's file can be read but not changed or shared. Apps do not check
it themselves: every write of a model linked to a client (its ``save()`` and
``delete()``, and ``concurrency.save_versioned``) and every export (``pdf.py``,
``spreadsheets.py``) passes through here, and the privacy app, subscribed to these
hooks through the registry, refuses what concerns a restricted client by raising
``ProcessingRestricted``: a ``PermissionDenied``, so the pages answer 403 with the
reason and the API 403 with the reason in ``detail``. An anonymised client is a permanent restriction:
``ClientAnonymised``, the same check with its own reason."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext_lazy as _

from pendamping import plugins

WRITE_HOOK = "before_write"
SHARE_HOOK = "before_share"


class ProcessingRestricted(PermissionDenied):
    """The client's processing is restricted: read only, no change, no sharing."""

    message = _(
        "Pemrosesan data klien ini dibatasi atas permintaan subjek data (UU 27/2022 "
        "Pasal 41): berkasnya dapat dibaca, tetapi tidak dapat diubah, dirujuk, "
        "diekspor, atau dibagikan sampai pembatasan dicabut."
    )

    def __init__(self, client_id: int | None = None):
        self.client_id = client_id
        super().__init__(str(self.message))

    def __str__(self) -> str:
        return str(self.message)


class ClientAnonymised(ProcessingRestricted):
    """The client was anonymised (UU 27/2022 art. 43): a permanent restriction, the
    file stays as the erasure left it."""

    message = _(
        "Klien ini sudah dianonimkan (UU 27/2022 Pasal 43): berkasnya hanya dapat dibaca "
        "dan tidak dapat diubah, ditambah, atau dibuka kembali."
    )


def check_write(instance) -> None:
    """Refuse the write of ``instance`` when it concerns a restricted client."""
    plugins.emit(WRITE_HOOK, instance=instance)


def checked(instances) -> list:
    """``instances`` as a list, each checked like a save (for ``bulk_create``, which
    sends no signal)."""
    rows = list(instances)
    for row in rows:
        check_write(row)
    return rows


def check_share(context: dict | None = None) -> None:
    """Refuse an export (PDF, spreadsheet) of the current request when it shows a
    restricted client: one loaded by the request, or a record in ``context``."""
    plugins.emit(SHARE_HOOK, context=context or {})
