from django.apps import AppConfig


class AuditConfig(AppConfig):
    name = "rahai.audit"
    label = "audit"
