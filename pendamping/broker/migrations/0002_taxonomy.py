from django.db import migrations


def load_taxonomy(apps, schema_editor):
    from pendamping.taxonomy.terms import load

    load(apps.get_model("broker", "TaxonomyTerm"))


class Migration(migrations.Migration):
    dependencies = [("broker", "0001_initial")]

    operations = [migrations.RunPython(load_taxonomy, migrations.RunPython.noop)]
