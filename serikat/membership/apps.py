from django.apps import AppConfig


class MembershipConfig(AppConfig):
    name = "serikat.membership"
    label = "membership"
    verbose_name = "Membership"
