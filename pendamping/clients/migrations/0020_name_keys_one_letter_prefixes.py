# Every key's one-letter prefix gets its marked word too ("k0" for Koko, "s0" for Siti;
# clients/nameindex.py): a one-letter prefix was a prefix query of the full-text index,
# which merges the lists of every word that begins with that letter. The rows there
# are rewritten from the clients' names (an erased client has none); backwards nothing
# needs undoing (the old search asked for such a prefix by a prefix query, which the
# extra words do not disturb).

from django.db import migrations


def rebuild(apps, schema_editor):
    from pendamping.clients.rekey import rebuild_name_keys

    rebuild_name_keys(
        apps.get_model("clients", "Client"),
        apps.get_model("clients", "ClientNameIndex"),
        only_indexed=True,
    )


class Migration(migrations.Migration):

    dependencies = [
        ('clients', '0019_client_name_index'),
    ]

    operations = [
        migrations.RunPython(rebuild, migrations.RunPython.noop),
    ]
