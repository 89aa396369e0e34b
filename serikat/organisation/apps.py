from django.apps import AppConfig


class OrganisationConfig(AppConfig):
    name = "serikat.organisation"
    label = "organisation"
    verbose_name = "Organisation"
