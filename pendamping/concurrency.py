"""Optimistic concurrency for editable records (DESIGN.md: concurrent edits)."""

from django.db import models
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class ConflictError(Exception):
    """Someone else saved the record since this user loaded it."""

    message = _(
        "Data ini sudah diubah orang lain sejak Anda membukanya. "
        "Muat ulang halaman, periksa perubahannya, lalu simpan lagi."
    )

    def __str__(self) -> str:
        return str(self.message)


def save_versioned(obj: models.Model, expected_version: int | None, **changes) -> None:
    """Write `changes` to `obj` only if its version is still `expected_version`.

    One conditional UPDATE: the row's version must match, and goes up by one.
    Raises ConflictError when it does not match (a stale form or API payload).
    """
    from pendamping.processing import check_write

    check_write(obj)
    if expected_version is None:
        expected_version = obj.version
    fields = {f.name for f in obj._meta.concrete_fields}
    if "updated_at" in fields:
        changes.setdefault("updated_at", timezone.now())
    updated = (
        type(obj)
        ._base_manager.filter(pk=obj.pk, version=expected_version)
        .update(version=F("version") + 1, **changes)
    )
    if not updated:
        raise ConflictError()
    for name, value in changes.items():
        setattr(obj, name, value)
    obj.version = expected_version + 1
