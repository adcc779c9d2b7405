from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "rahai.accounts"
    label = "accounts"
