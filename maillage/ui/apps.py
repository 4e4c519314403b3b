from django.apps import AppConfig


class UiConfig(AppConfig):
    name = "maillage.ui"
    label = "ui"
