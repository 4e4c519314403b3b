from django.apps import AppConfig


class AgendaConfig(AppConfig):
    name = "maillage.agenda"
    label = "agenda"
