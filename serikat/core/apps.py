from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "serikat.core"
    label = "core"
    verbose_name = "Serikat core"
