"""Recompute every client's phonetic name keys after the rules in names.py change.

Used by the data migration that ships a rule change (and the one that made the index,
``0019_client_name_index``) and by `manage.py rebuild_name_keys` (for a database
restored from an older dump). Takes the models as arguments so a migration can pass
its historical ones.
"""

from django.db import transaction

from .nameindex import index_text

BATCH = 2000


def rebuild_name_keys(
    client_model, index_model, *, batch: int = BATCH, only_indexed: bool = False
) -> int:
    """Rewrite the name index row of every client, a batch of clients per transaction;
    the count. ``only_indexed``: only the rows there are (an erased client has none,
    and gets none)."""
    done = 0
    last = 0
    clients = client_model.objects.all()
    if only_indexed:
        clients = clients.filter(name_index__isnull=False)
    while True:
        rows = list(
            clients.filter(pk__gt=last)
            .order_by("pk")
            .values_list("pk", "agency_id", "full_name")[:batch]
        )
        if not rows:
            return done
        with transaction.atomic():
            # a derived index, not the client's file: no signals (a delete() sends
            # pre_delete per row, and the restriction check answers each with a query)
            old = index_model.objects.filter(client_id__in=[pk for pk, _, _ in rows])
            old._raw_delete(old.db)
            index_model.objects.bulk_create(
                [
                    index_model(client_id=pk, agency_id=agency_id, keys=index_text(full_name))
                    for pk, agency_id, full_name in rows
                ],
                batch_size=5000,
            )
        done += len(rows)
        last = rows[-1][0]
