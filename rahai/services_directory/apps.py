from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ServicesDirectoryConfig(AppConfig):
    name = "rahai.services_directory"
    label = "services_directory"
    verbose_name = _("Service directory")
