from django.apps import AppConfig


class TrainingConfig(AppConfig):
    name = "serikat.training"
    label = "training"
    verbose_name = "Training packages"
