"""Every existing unit gets its first dated version: what it is today, from the registry's epoch
(nothing is known of its earlier names). Reversible: the reverse removes those versions."""

import datetime

from django.db import migrations

EPOCH = datetime.date(1945, 8, 19)


def versions_create(apps, schema_editor):
    Unit = apps.get_model("commendations", "Unit")
    UnitVersion = apps.get_model("commendations", "UnitVersion")
    UnitVersion.objects.bulk_create(
        UnitVersion(
            unit_id=unit.pk,
            code=unit.code,
            name=unit.name,
            kind=unit.kind,
            parent_id=unit.parent_id,
            valid_from=EPOCH,
        )
        for unit in Unit.objects.filter(versions__isnull=True)
    )


def versions_remove(apps, schema_editor):
    UnitVersion = apps.get_model("commendations", "UnitVersion")
    UnitVersion.objects.filter(event__isnull=True, valid_from=EPOCH).delete()


class Migration(migrations.Migration):
    dependencies = [("commendations", "0009_units_registry")]

    operations = [migrations.RunPython(versions_create, versions_remove)]
