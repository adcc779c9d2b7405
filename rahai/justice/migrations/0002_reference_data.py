from django.db import migrations


def load(apps, schema_editor):
    from rahai.justice.reference import load_laws

    load_laws(
        apps.get_model("justice", "Law"),
        apps.get_model("justice", "Offence"),
        apps.get_model("geo", "Province"),
    )


class Migration(migrations.Migration):
    dependencies = [("justice", "0001_initial"), ("geo", "0002_reference_data")]
    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
