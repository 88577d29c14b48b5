"""Rebuild the phonetic keys of names with "dz", now respelled "z" (Dzulkifli = Zulkifli)."""

from django.db import migrations

from pendamping.clients.names import name_keys


def forwards(apps, schema_editor):
    Client = apps.get_model("clients", "Client")
    ClientNameKey = apps.get_model("clients", "ClientNameKey")
    clients = Client.objects.filter(full_name__icontains="dz").only("id", "agency_id", "full_name")
    for client in clients.iterator(chunk_size=2000):
        ClientNameKey.objects.filter(client_id=client.pk).delete()
        ClientNameKey.objects.bulk_create(
            [
                ClientNameKey(client_id=client.pk, agency_id=client.agency_id, key=k)
                for k in name_keys(client.full_name)
            ]
        )


class Migration(migrations.Migration):
    dependencies = [("clients", "0005_import_run_status")]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
