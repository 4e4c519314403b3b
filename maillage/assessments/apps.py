from django.apps import AppConfig


class AssessmentsConfig(AppConfig):
    name = "maillage.assessments"
    label = "assessments"
