"""Crisis alerts become notifications (kind ``hotline.crisis``): one header badge, one list."""

from django.db import migrations


def alerts_to_notifications(apps, schema_editor):
    Alert = apps.get_model("hotline", "Alert")
    Notification = apps.get_model("notifications", "Notification")
    for alert in Alert.objects.select_related("contact").iterator():
        key = f"crisis:{alert.contact_id}"
        if Notification.objects.filter(user_id=alert.user_id, key=key).exists():
            continue
        notification = Notification.objects.create(
            user_id=alert.user_id,
            kind="hotline.crisis",
            reference=alert.contact.reference,
            link=f"/hotline/contacts/{alert.contact_id}/",
            key=key,
            read_at=alert.read_at,
        )
        # auto_now_add set it to now; keep when the alert was raised.
        Notification.objects.filter(pk=notification.pk).update(created_at=alert.created_at)


class Migration(migrations.Migration):
    dependencies = [
        ("hotline", "0002_contact_submission_key"),
        ("notifications", "0001_initial"),
    ]

    operations = [
        migrations.RunPython(alerts_to_notifications, migrations.RunPython.noop),
        migrations.DeleteModel(name="Alert"),
    ]
