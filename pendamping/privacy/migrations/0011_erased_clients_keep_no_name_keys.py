# An erasure deletes the client's row of the name index (clients/personal.py), but the
# fill of clients 0019 wrote a row for every client, erased ones included: the keys of
# their pseudonym. Those rows go again; backwards nothing needs undoing.

from django.db import migrations


def forwards(apps, schema_editor):
    Erasure = apps.get_model("privacy", "Erasure")
    ClientNameIndex = apps.get_model("clients", "ClientNameIndex")
    rows = ClientNameIndex.objects.filter(client_id__in=Erasure.objects.values("client_id"))
    rows._raw_delete(rows.db)  # a derived index: no signals, one statement


class Migration(migrations.Migration):
    dependencies = [
        ("clients", "0020_name_keys_one_letter_prefixes"),
        ("privacy", "0010_erasure_report"),
    ]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
