# One row of name keys per client (ClientNameIndex) with the database's full-text index
# behind it, in place of a row per key (ClientNameKey): a GIN index on the keys'
# tsvector on PostgreSQL, an FTS5 table kept by triggers on SQLite (pendamping/
# textsearch.py). The rows are filled from the clients before the index is built (one
# build, not an update per row); the table of keys goes, nothing reads it any more.

import django.db.models.deletion
from django.db import migrations, models

from pendamping.textsearch import drop_sqlite_fts, sqlite_fts

GIN_NAME = "client_name_fts"
TABLE = "clients_clientnameindex"
NAME_FTS_TABLE = "clients_clientnameindex_fts"  # models.NAME_FTS_TABLE


def _gin():
    from django.contrib.postgres.indexes import GinIndex
    from django.contrib.postgres.search import SearchVector

    # the expression of models.name_vector(), which the search names
    return GinIndex(SearchVector("keys", config="simple"), name=GIN_NAME)


def full_text_index(apps, schema_editor):
    model = apps.get_model("clients", "ClientNameIndex")
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.add_index(model, _gin())
    elif schema_editor.connection.vendor == "sqlite":
        # no prefix index: the rows hold their keys' prefixes (clients/nameindex.py)
        for sql in sqlite_fts(TABLE, NAME_FTS_TABLE, ["keys"], rowid="client_id", prefix=""):
            schema_editor.execute(sql)


def drop_full_text_index(apps, schema_editor):
    model = apps.get_model("clients", "ClientNameIndex")
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.remove_index(model, _gin())
    elif schema_editor.connection.vendor == "sqlite":
        for sql in drop_sqlite_fts(NAME_FTS_TABLE):
            schema_editor.execute(sql)


def fill(apps, schema_editor):
    from pendamping.clients.rekey import rebuild_name_keys

    rebuild_name_keys(apps.get_model("clients", "Client"), apps.get_model("clients", "ClientNameIndex"))


def fill_old_keys(apps, schema_editor):
    """Backwards: a row per key again, from the clients that have an index row (an
    erased client has none, and gets none back)."""
    from pendamping.clients.names import name_keys

    ClientNameIndex = apps.get_model("clients", "ClientNameIndex")
    ClientNameKey = apps.get_model("clients", "ClientNameKey")
    rows = ClientNameIndex.objects.values_list("client_id", "agency_id", "client__full_name")
    ClientNameKey.objects.bulk_create(
        (
            ClientNameKey(client_id=pk, agency_id=agency_id, key=key)
            for pk, agency_id, full_name in rows.iterator(chunk_size=2000)
            for key in name_keys(full_name)
        ),
        batch_size=5000,
    )


class Migration(migrations.Migration):

    dependencies = [
        ('accounts', '0007_idempotent_request_clients'),
        ('clients', '0018_nik_and_region_indexes'),
    ]

    operations = [
        migrations.CreateModel(
            name='ClientNameIndex',
            fields=[
                ('client', models.OneToOneField(on_delete=django.db.models.deletion.CASCADE, primary_key=True, related_name='name_index', serialize=False, to='clients.client')),
                ('keys', models.TextField(blank=True)),
                ('agency', models.ForeignKey(db_constraint=False, db_index=False, on_delete=django.db.models.deletion.CASCADE, related_name='+', to='accounts.agency')),
            ],
        ),
        migrations.RunPython(fill, fill_old_keys),
        migrations.RunPython(full_text_index, drop_full_text_index),
        migrations.DeleteModel(name='ClientNameKey'),
    ]
