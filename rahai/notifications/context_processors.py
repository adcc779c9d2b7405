def unread_notifications(request):
    """The number of unread notifications, for the badge in the header."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    from rahai.notifications.services import unread_count

    return {"unread_notification_count": unread_count(user)}
