from django.apps import AppConfig


class IntakeConfig(AppConfig):
    name = "maillage.intake"
    label = "intake"
