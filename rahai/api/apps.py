from django.apps import AppConfig


class ApiConfig(AppConfig):
    name = "rahai.api"
    label = "api"
