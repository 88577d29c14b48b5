# The directory's word index (broker/textindex.py): the table, the database's own
# full-text index behind it, and the rows of the services already there.
#
# On SQLite the FTS5 table follows broker_servicetext through triggers: a later
# migration that remakes broker_servicetext on SQLite (an AlterField) drops them and
# must create them again (``sqlite_fts``).

import django.db.models.deletion
from django.db import migrations, models

from pendamping.broker.textindex import BM25_WEIGHTS, COLUMNS, FTS_TABLE, document_vector

GIN_NAME = "service_text_fts"
_COLS = ", ".join(COLUMNS)
_NEW = ", ".join(f"new.{c}" for c in COLUMNS)
_OLD = ", ".join(f"old.{c}" for c in COLUMNS)
SQLITE_FTS = [
    f"CREATE VIRTUAL TABLE {FTS_TABLE} USING fts5({_COLS}, content='broker_servicetext', "
    "content_rowid='id', prefix='2 3')",
    f"CREATE TRIGGER broker_servicetext_fts_ai AFTER INSERT ON broker_servicetext BEGIN "
    f"INSERT INTO {FTS_TABLE}(rowid, {_COLS}) VALUES (new.id, {_NEW}); END",
    f"CREATE TRIGGER broker_servicetext_fts_ad AFTER DELETE ON broker_servicetext BEGIN "
    f"INSERT INTO {FTS_TABLE}({FTS_TABLE}, rowid, {_COLS}) VALUES ('delete', old.id, {_OLD}); END",
    f"CREATE TRIGGER broker_servicetext_fts_au AFTER UPDATE ON broker_servicetext BEGIN "
    f"INSERT INTO {FTS_TABLE}({FTS_TABLE}, rowid, {_COLS}) VALUES ('delete', old.id, {_OLD}); "
    f"INSERT INTO {FTS_TABLE}(rowid, {_COLS}) VALUES (new.id, {_NEW}); END",
    f"INSERT INTO {FTS_TABLE}({FTS_TABLE}) VALUES ('rebuild')",
]
assert len(BM25_WEIGHTS) == len(COLUMNS)


def _gin():
    from django.contrib.postgres.indexes import GinIndex

    return GinIndex(document_vector(), name=GIN_NAME)


def full_text_index(apps, schema_editor):
    model = apps.get_model("broker", "ServiceText")
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.add_index(model, _gin())
    elif schema_editor.connection.vendor == "sqlite":
        for sql in SQLITE_FTS:
            schema_editor.execute(sql)


def drop_full_text_index(apps, schema_editor):
    model = apps.get_model("broker", "ServiceText")
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.remove_index(model, _gin())
    elif schema_editor.connection.vendor == "sqlite":
        for suffix in ("ai", "ad", "au"):
            schema_editor.execute(f"DROP TRIGGER broker_servicetext_fts_{suffix}")
        schema_editor.execute(f"DROP TABLE {FTS_TABLE}")


def index_services(apps, schema_editor):
    from pendamping.broker.textindex import text_values

    Service = apps.get_model("broker", "Service")
    ServiceText = apps.get_model("broker", "ServiceText")
    rows = [
        ServiceText(service_id=s.pk, **text_values(s, s.organization.name))
        for s in Service.objects.select_related("organization").iterator(chunk_size=2000)
    ]
    ServiceText.objects.bulk_create(rows, batch_size=2000)


class Migration(migrations.Migration):

    dependencies = [
        ('broker', '0010_referral_letter_number'),
    ]

    operations = [
        migrations.CreateModel(
            name='ServiceText',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('name', models.TextField(blank=True)),
                ('provider', models.TextField(blank=True)),
                ('description', models.TextField(blank=True)),
                ('eligibility', models.TextField(blank=True)),
                ('service', models.OneToOneField(on_delete=django.db.models.deletion.CASCADE, related_name='search_text', to='broker.service')),
            ],
        ),
        migrations.RunPython(full_text_index, drop_full_text_index),
        migrations.RunPython(index_services, migrations.RunPython.noop),
    ]
