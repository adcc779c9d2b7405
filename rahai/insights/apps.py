from django.apps import AppConfig


class InsightsConfig(AppConfig):
    name = "rahai.insights"
    label = "insights"
    verbose_name = "Insights (aggregate statistics)"
