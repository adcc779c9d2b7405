from django.apps import AppConfig


class PeopleConfig(AppConfig):
    name = "rahai.people"
    label = "people"
