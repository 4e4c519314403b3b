from django.apps import AppConfig


class ConferencesConfig(AppConfig):
    name = "maillage.conferences"
    label = "conferences"
