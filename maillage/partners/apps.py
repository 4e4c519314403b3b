from django.apps import AppConfig


class PartnersConfig(AppConfig):
    name = "maillage.partners"
    label = "partners"
