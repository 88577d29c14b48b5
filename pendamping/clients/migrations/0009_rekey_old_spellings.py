"""Rebuild every client's phonetic keys: old spellings read both ways (Chandra = Candra =
Tjandra, Wahjudin = Wahyudin, Jusuf = Yusuf), f = p, and a final d = t."""

from django.db import migrations

from pendamping.clients.rekey import rebuild_name_keys


def forwards(apps, schema_editor):
    rebuild_name_keys(apps.get_model("clients", "Client"), apps.get_model("clients", "ClientNameKey"))


class Migration(migrations.Migration):
    dependencies = [("clients", "0008_text_validators")]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
