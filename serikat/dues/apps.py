from django.apps import AppConfig


class DuesConfig(AppConfig):
    name = "serikat.dues"
    label = "dues"
    verbose_name = "Dues"
