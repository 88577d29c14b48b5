"""The audit trail of an agency's settings, written once for every app that keeps
settings (privacy: the officer's and admin's; advocate: the complaint settings): who,
when, what, and the values before and after. Settings hold no client data.

``SettingChangeBase`` is abstract: each app keeps its own table (its rows stay where
they are) and adds what it names a change by (``what``, and the advocate's
``action`` and ``object_id``). Append-only, as every history (history.py): each app's
migration puts the triggers on its table."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone

from pendamping.history import AppendOnlyModel


class SettingChangeBase(AppendOnlyModel):
    agency = models.ForeignKey("accounts.Agency", on_delete=models.PROTECT, related_name="+")
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    before = models.JSONField(default=dict)
    after = models.JSONField(default=dict)
    at = models.DateTimeField(default=timezone.now)

    class Meta:
        abstract = True
        ordering = ["-at", "-pk"]

    def __str__(self) -> str:
        return f"{self.agency_id} · {self.what} · {self.at:%Y-%m-%d %H:%M}"

    @classmethod
    def log(cls, *, actor, agency_id: int, what: str, before: dict | None = None,
            after: dict | None = None, only_changed: bool = False, **more):  # fmt: skip
        """One row of the change: the values before and after. With ``only_changed``,
        only the fields of ``after`` whose value changed, and no row when none did."""
        before, after = before or {}, after or {}
        if only_changed:
            changed = sorted(k for k in after if before.get(k) != after[k])
            if not changed:
                return None
            before = {k: before.get(k) for k in changed}
            after = {k: after[k] for k in changed}
        return cls.objects.create(agency_id=agency_id, actor=actor, what=what, before=before,
                                  after=after, **more)  # fmt: skip
