from django.apps import AppConfig


class DemoConfig(AppConfig):
    name = "rahai.demo"
    label = "demo"
