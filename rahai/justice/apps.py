from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class JusticeConfig(AppConfig):
    name = "rahai.justice"
    label = "justice"
    verbose_name = _("Law and prosecution")

    def ready(self) -> None:
        from rahai.justice import reminders  # noqa: F401 (registers the reminder's text)
