from django.apps import AppConfig


class CasesConfig(AppConfig):
    name = "rahai.cases"
    label = "cases"
