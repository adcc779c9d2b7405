from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_POST

from rahai.notifications.models import Notification
from rahai.notifications.services import mark_read


@login_required
def notification_list(request):
    notifications = Notification.objects.filter(user=request.user)[:200]
    return render(request, "notifications/list.html", {"notifications": notifications})


@login_required
@require_POST
def notification_open(request, notification_id: int):
    """Mark one notification read and follow its link (only to a page of this site)."""
    notification = get_object_or_404(Notification, pk=notification_id, user=request.user)
    mark_read(request.user, [notification.pk])
    link = notification.link
    if not link or not url_has_allowed_host_and_scheme(link, allowed_hosts=None):
        return redirect("notifications:list")
    return redirect(link)


@login_required
@require_POST
def notification_read_all(request):
    mark_read(request.user)
    return redirect("notifications:list")
