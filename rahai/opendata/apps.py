from django.apps import AppConfig


class OpendataConfig(AppConfig):
    name = "rahai.opendata"
    label = "opendata"
    verbose_name = "Open data"
