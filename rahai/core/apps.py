from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "rahai.core"
    label = "core"
