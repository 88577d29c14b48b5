"""Abstract bases for the editable records of every app (DESIGN.md).

- ``Versioned``: a ``version`` that every save goes up by one; a stale save is refused
  (``pendamping.concurrency.save_versioned``, HTTP 409 in the API).
- ``SoftDeleted``: ``deleted_at``; deleted rows vanish from every list through
  ``objects.alive()`` and stay for the history that points at them.
- ``VersionedRecord``: both.
"""

from django.db import models


class SoftDeleteQuerySet(models.QuerySet):
    def alive(self):
        return self.filter(deleted_at__isnull=True)


class Versioned(models.Model):
    version = models.PositiveIntegerField(default=1)

    class Meta:
        abstract = True


class SoftDeleted(models.Model):
    deleted_at = models.DateTimeField(null=True, blank=True)

    objects = SoftDeleteQuerySet.as_manager()

    class Meta:
        abstract = True


class VersionedRecord(Versioned, SoftDeleted):
    class Meta:
        abstract = True
