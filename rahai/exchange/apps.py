from django.apps import AppConfig


class ExchangeConfig(AppConfig):
    name = "rahai.exchange"
    label = "exchange"
    verbose_name = "Exchange with partners"
