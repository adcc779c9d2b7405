from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReferralsConfig(AppConfig):
    name = "rahai.referrals"
    label = "referrals"
    verbose_name = _("Referrals and transfers")

    def ready(self) -> None:
        from rahai.referrals import notify  # noqa: F401 (registers the notification texts)
