"""Recompute every client's phonetic name keys after the rules in names.py change.

Used by the data migration that ships a rule change and by `manage.py
rebuild_name_keys` (for a database restored from an older dump). Takes the models
as arguments so a migration can pass its historical ones.
"""

from django.db import transaction

from .names import name_keys

BATCH = 2000


def rebuild_name_keys(client_model, key_model, *, batch: int = BATCH) -> int:
    """Rewrite the keys of every client, a batch of clients per transaction; the count."""
    done = 0
    last = 0
    while True:
        rows = list(
            client_model.objects.filter(pk__gt=last)
            .order_by("pk")
            .values_list("pk", "agency_id", "full_name")[:batch]
        )
        if not rows:
            return done
        with transaction.atomic():
            key_model.objects.filter(client_id__in=[pk for pk, _, _ in rows]).delete()
            key_model.objects.bulk_create(
                [
                    key_model(client_id=pk, agency_id=agency_id, key=key)
                    for pk, agency_id, full_name in rows
                    for key in name_keys(full_name)
                ],
                batch_size=5000,
            )
        done += len(rows)
        last = rows[-1][0]
