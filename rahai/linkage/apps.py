from django.apps import AppConfig


class LinkageConfig(AppConfig):
    name = "rahai.linkage"
    label = "linkage"
    verbose_name = "Record linkage"
