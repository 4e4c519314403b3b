from django.apps import AppConfig


class ConsentConfig(AppConfig):
    name = "maillage.consent"
    label = "consent"
