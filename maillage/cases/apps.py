from django.apps import AppConfig


class CasesConfig(AppConfig):
    name = "maillage.cases"
    label = "cases"
