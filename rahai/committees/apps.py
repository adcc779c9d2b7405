from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CommitteesConfig(AppConfig):
    name = "rahai.committees"
    label = "committees"
    verbose_name = _("Committees")

    def ready(self) -> None:
        from rahai.committees import notify  # noqa: F401 (registers the notification texts)
