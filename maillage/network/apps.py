from django.apps import AppConfig


class NetworkConfig(AppConfig):
    name = "maillage.network"
    label = "network"
