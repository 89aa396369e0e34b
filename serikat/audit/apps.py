from django.apps import AppConfig


class AuditConfig(AppConfig):
    name = "serikat.audit"
    label = "audit"
    verbose_name = "Audit"
