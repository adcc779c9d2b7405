from django.apps import AppConfig


class ReportsConfig(AppConfig):
    name = "rahai.reports"
    label = "reports"
    verbose_name = "Reports (national statistics)"
