# The providers' own rows of the directory's word index (broker/textindex.py), so that a
# provider without services is found: the table, its full-text index (a GIN index on
# PostgreSQL, an FTS5 table kept by triggers on SQLite, as 0011_service_text made for
# the services), the rows of the providers already there, and the services' provider
# column written again with the provider's other name and places.

import django.db.models.deletion
from django.db import migrations, models

from pendamping.broker.textindex import (
    PROVIDER_COLUMNS,
    PROVIDER_FTS_TABLE,
    provider_vector,
    sqlite_fts,
)

GIN_NAME = "provider_text_fts"
TABLE = "broker_providertext"


def _gin():
    from django.contrib.postgres.indexes import GinIndex

    return GinIndex(provider_vector(), name=GIN_NAME)


def full_text_index(apps, schema_editor):
    model = apps.get_model("broker", "ProviderText")
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.add_index(model, _gin())
    elif schema_editor.connection.vendor == "sqlite":
        for sql in sqlite_fts(TABLE, PROVIDER_FTS_TABLE, PROVIDER_COLUMNS):
            schema_editor.execute(sql)


def drop_full_text_index(apps, schema_editor):
    model = apps.get_model("broker", "ProviderText")
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.remove_index(model, _gin())
    elif schema_editor.connection.vendor == "sqlite":
        for suffix in ("ai", "ad", "au"):
            schema_editor.execute(f"DROP TRIGGER {PROVIDER_FTS_TABLE}_{suffix}")
        schema_editor.execute(f"DROP TABLE {PROVIDER_FTS_TABLE}")


def index_providers(apps, schema_editor):
    from pendamping.broker.textindex import provider_texts, provider_values, words

    Organization = apps.get_model("broker", "Organization")
    ProviderText = apps.get_model("broker", "ProviderText")
    ServiceText = apps.get_model("broker", "ServiceText")
    orgs = Organization.objects.prefetch_related("locations__region")
    for org in orgs.iterator(chunk_size=500):
        locations = list(org.locations.all())
        ProviderText.objects.create(organization_id=org.pk, **provider_values(org, locations))
        ServiceText.objects.filter(service__organization_id=org.pk).update(
            provider=words(*provider_texts(org, locations))
        )


class Migration(migrations.Migration):

    dependencies = [
        ('broker', '0014_merge_directory_import'),
    ]

    operations = [
        migrations.CreateModel(
            name='ProviderText',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('name', models.TextField(blank=True)),
                ('place', models.TextField(blank=True)),
                ('description', models.TextField(blank=True)),
                ('organization', models.OneToOneField(on_delete=django.db.models.deletion.CASCADE, related_name='search_text', to='broker.organization')),
            ],
        ),
        migrations.RunPython(full_text_index, drop_full_text_index),
        migrations.RunPython(index_providers, migrations.RunPython.noop),
    ]
