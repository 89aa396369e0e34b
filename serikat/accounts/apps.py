from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "serikat.accounts"
    label = "accounts"
    verbose_name = "Accounts"
