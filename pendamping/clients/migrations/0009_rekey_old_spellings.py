"""Rebuild every client's phonetic keys: old spellings read both ways (Chandra = Candra =
Tjandra, Wahjudin = Wahyudin, Jusuf = Yusuf), f = p, and a final d = t.

Now a no-op: 0019_client_name_index writes every client's keys from the rules of the day
into the table that replaced ClientNameKey (rekey.py writes that table, not this one).
"""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("clients", "0008_text_validators")]

    operations = [migrations.RunPython(migrations.RunPython.noop, migrations.RunPython.noop)]
