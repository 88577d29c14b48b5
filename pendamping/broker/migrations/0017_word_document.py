# The directory's word index keeps its weighted tsvector in a column on PostgreSQL
# (``document``, written by a trigger), with the GIN index on that column instead of on
# the expression: the search's rank read the expression again for every match (each
# row's four columns parsed anew), and planning the long expression took 6 to 12 ms
# of a 13 ms query at 100,000 services. And the words gain their sound keys
# (textindex.sound_keys, the client search's phonetic keys), so that Santoso finds
# Sentosa and Setiawan finds Setyawan: every row of both tables is written again.
#
# SQLite keeps its FTS5 tables (0011, 0015); its ``document`` column stays empty. The
# column is nullable without a default, so SQLite adds it with ALTER TABLE and the
# FTS5 triggers on these tables stay in place.

from django.db import migrations, models

from pendamping.broker.textindex import (
    COLUMNS,
    PROVIDER_COLUMNS,
    PROVIDER_WEIGHTS,
    WEIGHTS,
    DocumentField,
    document_vector,
    provider_vector,
)

TABLES = {
    # table: (columns, weights, the old expression index and its expression)
    "broker_servicetext": (COLUMNS, WEIGHTS, "service_text_fts", document_vector),
    "broker_providertext": (
        PROVIDER_COLUMNS,
        PROVIDER_WEIGHTS,
        "provider_text_fts",
        provider_vector,
    ),
}
MODELS = {"broker_servicetext": "ServiceText", "broker_providertext": "ProviderText"}


def vector_sql(columns, weights, row: str = "") -> str:
    return " || ".join(
        f"setweight(to_tsvector('simple', coalesce({row}{c}, '')), '{w}')"
        for c, w in zip(columns, weights, strict=True)
    )


def create(apps, schema_editor):
    """The triggers that write ``document`` and its index, in place of the expression
    indexes. The index is made before the words are written again (next), not after:
    made after updating the rows in the same transaction, it would be unusable to every
    query while any older transaction runs on the server (``indcheckxmin``)."""
    if schema_editor.connection.vendor != "postgresql":
        return
    for table, (columns, weights, old_index, _vector) in TABLES.items():
        schema_editor.execute(f"DROP INDEX IF EXISTS {old_index}")
        schema_editor.execute(
            f"CREATE FUNCTION {table}_document() RETURNS trigger LANGUAGE plpgsql AS $$ "
            f"BEGIN NEW.document := {vector_sql(columns, weights, 'NEW.')}; RETURN NEW; END $$"
        )
        schema_editor.execute(
            f"CREATE TRIGGER {table}_document BEFORE INSERT OR UPDATE ON {table} "
            f"FOR EACH ROW EXECUTE FUNCTION {table}_document()"
        )
        schema_editor.execute(f"CREATE INDEX {table}_document ON {table} USING gin (document)")


def drop(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    from django.contrib.postgres.indexes import GinIndex

    for table, (_columns, _weights, old_index, vector) in TABLES.items():
        schema_editor.execute(f"DROP TRIGGER {table}_document ON {table}")
        schema_editor.execute(f"DROP FUNCTION {table}_document()")
        schema_editor.execute(f"DROP INDEX {table}_document")
        model = apps.get_model("broker", MODELS[table])
        schema_editor.add_index(model, GinIndex(vector(), name=old_index))


def rewrite_words(apps, schema_editor):
    """Every row of the word index written again from its service or provider, with
    the sound keys (one statement per row, sent in batches: 100,000 services take
    about a minute)."""
    from collections import defaultdict

    from pendamping.broker.textindex import provider_texts, provider_values, text_values

    Organization = apps.get_model("broker", "Organization")
    Location = apps.get_model("broker", "Location")
    Service = apps.get_model("broker", "Service")
    ProviderText = apps.get_model("broker", "ProviderText")
    locations = defaultdict(list)
    for loc in Location.objects.select_related("region").order_by("pk").iterator(2000):
        locations[loc.organization_id].append(loc)
    orgs = Organization.objects.only("name", "alternate_name", "description").in_bulk()
    texts = {pk: provider_texts(org, locations[pk]) for pk, org in orgs.items()}
    rows = [
        (*provider_values(orgs[org_id], locations[org_id]).values(), pk)
        for pk, org_id in ProviderText.objects.values_list("pk", "organization_id")
    ]
    _write(schema_editor, "broker_providertext", PROVIDER_COLUMNS, rows)
    services = (
        Service.objects.filter(search_text__isnull=False)
        .only("organization_id", "name", "alternate_name", "description", "eligibility_description")
        .annotate(text_id=models.F("search_text__id"))
        .order_by("pk")
    )
    rows = []
    for service in services.iterator(2000):
        rows.append(
            (*text_values(service, *texts[service.organization_id]).values(), service.text_id)
        )
        if len(rows) == 2000:
            _write(schema_editor, "broker_servicetext", COLUMNS, rows)
    _write(schema_editor, "broker_servicetext", COLUMNS, rows)


def _write(schema_editor, table: str, columns, rows: list) -> None:
    sets = ", ".join(f"{c} = %s" for c in columns)
    with schema_editor.connection.cursor() as cursor:
        cursor.executemany(f"UPDATE {table} SET {sets} WHERE id = %s", rows)
    rows.clear()


class Migration(migrations.Migration):
    dependencies = [("broker", "0016_service_stale")]

    operations = [
        migrations.AddField("servicetext", "document", DocumentField()),
        migrations.AddField("providertext", "document", DocumentField()),
        migrations.RunPython(create, drop),
        migrations.RunPython(rewrite_words, migrations.RunPython.noop),
    ]
