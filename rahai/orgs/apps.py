from django.apps import AppConfig


class OrgsConfig(AppConfig):
    name = "rahai.orgs"
    label = "orgs"
