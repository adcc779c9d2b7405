from datetime import timedelta

from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.templatetags.static import static
from django.utils import timezone
from django.views.decorators.http import require_safe

from rahai.accounts.models import RoleCode
from rahai.cases.access import visible_cases
from rahai.cases.models import CaseStatus, Sensitivity
from rahai.committees.selectors import my_actions
from rahai.justice.access import upcoming_hearings
from rahai.referrals.selectors import home_referrals


@require_safe
def favicon(request):
    """Browsers ask for /favicon.ico whatever the page links to: send them to the SVG icon
    (a temporary redirect, so a new icon's file name is followed)."""
    response = redirect(static("rahai/favicon.svg"))
    response["Cache-Control"] = "public, max-age=86400"
    return response


@login_required
def home(request):
    """What needs the user's attention today."""
    user = request.user
    context = {
        "works_cases": user.works_cases,
        "supervising": user.has_role(RoleCode.SUPERVISOR),
        # Committee action items are the organisation's, whatever the user's role.
        "committee_actions": list(my_actions(user)[:10]),
    }
    if user.works_cases:
        cases = visible_cases(user).select_related("district__province", "owner")
        # Supervisors watch their whole jurisdiction; everyone else their organisation's cases.
        mine = (
            cases
            if user.has_role(RoleCode.SUPERVISOR)
            else cases.filter(owner_id=user.organisation_id)
        )
        stale_before = timezone.now() - timedelta(days=30)
        context.update(
            {
                "active_count": mine.filter(status=CaseStatus.ACTIVE).count(),
                "follow_up": mine.filter(status=CaseStatus.FOLLOW_UP).order_by("updated_at")[:10],
                "stale": mine.filter(
                    status=CaseStatus.ACTIVE, updated_at__lt=stale_before
                ).order_by("updated_at")[:10],
                "shared_with_us": cases.filter(
                    shares__organisation_id=user.organisation_id, shares__revoked_at__isnull=True
                ).order_by("-shares__created_at")[:10],
                "restricted": cases.filter(sensitivity=Sensitivity.RESTRICTED).order_by(
                    "-updated_at"
                )[:10],
                "recent": mine.order_by("-updated_at")[:10],
            }
        )
        context.update(home_referrals(user))
        context["hearings"] = list(upcoming_hearings(user)[:10])
    return render(request, "core/home.html", context)


def not_found(request, exception=None):
    return render(request, "core/404.html", status=404)


def server_error(request):
    # No context: nothing from the failed request (and so no personal data) reaches the page.
    return render(request, "core/500.html", status=500)
