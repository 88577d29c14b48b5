"""File services with neither a place nor an area under ServiceArea.EVERYWHERE."""

from django.db import migrations


def forwards(apps, schema_editor):
    Service = apps.get_model("broker", "Service")
    ServiceArea = apps.get_model("broker", "ServiceArea")
    ServiceAtLocation = apps.get_model("broker", "ServiceAtLocation")
    placed = ServiceAtLocation.objects.values("service_id")
    with_area = ServiceArea.objects.values("service_id")
    everywhere = Service.objects.exclude(pk__in=placed).exclude(pk__in=with_area)
    ServiceArea.objects.bulk_create(
        [ServiceArea(service_id=pk, code="*") for pk in everywhere.values_list("pk", flat=True)],
        batch_size=1000,
    )


def backwards(apps, schema_editor):
    apps.get_model("broker", "ServiceArea").objects.filter(code="*").delete()


class Migration(migrations.Migration):
    dependencies = [("broker", "0002_taxonomy")]

    operations = [migrations.RunPython(forwards, backwards)]
