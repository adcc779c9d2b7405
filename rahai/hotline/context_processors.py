def unread_alerts(request):
    """The number of unread alerts, for the badge in the header (in-app crisis alerts)."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    from rahai.hotline.models import Alert

    return {"unread_alert_count": Alert.objects.filter(user=user, read_at__isnull=True).count()}
