from django.apps import AppConfig


class SearchConfig(AppConfig):
    name = "maillage.search"
    label = "search"
