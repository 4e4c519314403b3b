from django.apps import AppConfig


class PlansConfig(AppConfig):
    name = "maillage.plans"
    label = "plans"
