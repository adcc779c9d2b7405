from django.db import migrations

ROLES = [
    "hotline_operator",
    "caseworker",
    "investigator",
    "prosecutor",
    "supervisor",
    "analyst",
    "administrator",
    "auditor",
]


def create_roles(apps, schema_editor):
    Role = apps.get_model("accounts", "Role")
    for code in ROLES:
        Role.objects.get_or_create(code=code)


class Migration(migrations.Migration):
    dependencies = [("accounts", "0002_initial")]
    operations = [migrations.RunPython(create_roles, migrations.RunPython.noop)]
