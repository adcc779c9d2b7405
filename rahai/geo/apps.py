from django.apps import AppConfig


class GeoConfig(AppConfig):
    name = "rahai.geo"
    label = "geo"
