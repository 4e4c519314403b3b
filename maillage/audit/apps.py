from django.apps import AppConfig


class AuditConfig(AppConfig):
    name = "maillage.audit"
    label = "audit"
