from django.db import migrations


def load(apps, schema_editor):
    from rahai.geo.reference import load_reference

    load_reference(
        apps.get_model("geo", "Province"),
        apps.get_model("geo", "District"),
        apps.get_model("geo", "Country"),
    )


class Migration(migrations.Migration):
    dependencies = [("geo", "0001_initial")]
    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
