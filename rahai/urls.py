from django.contrib import admin
from django.urls import include, path

urlpatterns = [
    path("i18n/", include("django.conf.urls.i18n")),
    path("admin/", admin.site.urls),
    path("accounts/", include("rahai.accounts.urls")),
    path("cases/", include("rahai.cases.urls")),
    path("persons/", include("rahai.people.urls")),
    path("audit/", include("rahai.audit.urls")),
    path("referrals/", include("rahai.referrals.urls")),
    path("committees/", include("rahai.committees.urls")),
    path("support/", include("rahai.support.urls")),
    path("services/", include("rahai.services_directory.urls")),
    path("consent/", include("rahai.consent.urls")),
    path("notifications/", include("rahai.notifications.urls")),
    path("linkage/", include("rahai.linkage.urls")),
    path("exchange/", include("rahai.exchange.urls")),
    path("insights/", include("rahai.insights.urls")),
    path("reports/", include("rahai.reports.urls")),
    path("api/", include("rahai.api.urls")),
    # Law and prosecution: /laws/ and a case's charges and hearings (its routes carry prefixes).
    path("", include("rahai.justice.urls")),
    path("", include("rahai.hotline.urls")),
    path("", include("rahai.core.urls")),
]

handler404 = "rahai.core.views.not_found"
handler500 = "rahai.core.views.server_error"
