from django.apps import AppConfig


class CasefileConfig(AppConfig):
    name = "maillage.casefile"
    label = "casefile"
