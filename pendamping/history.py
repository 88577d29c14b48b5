"""Append-only rows: history that is written once and never changed (DESIGN.md).

Case events, assessment versions, instrument administrations, ecomap snapshots,
goal reviews and motivation check-ins all use this. On PostgreSQL a trigger in
each app's migrations refuses UPDATE and DELETE as well.
"""

from django.db import models


class AppendOnlyError(Exception):
    """Someone tried to change or delete a history row."""


class AppendOnlyQuerySet(models.QuerySet):
    """Bulk UPDATE and DELETE are refused like single-row ones."""

    def update(self, **kwargs):
        raise AppendOnlyError(f"{self.model.__name__} rows are append-only.")

    def delete(self):
        raise AppendOnlyError(f"{self.model.__name__} rows are append-only.")


class AppendOnlyModel(models.Model):
    """A row written once by a service, then only read."""

    objects = AppendOnlyQuerySet.as_manager()

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        if self.pk is not None and not kwargs.get("force_insert"):
            raise AppendOnlyError(f"{type(self).__name__} rows are append-only.")
        kwargs["force_insert"] = True
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise AppendOnlyError(f"{type(self).__name__} rows are append-only.")
