"""Mounted at persons/<person_id>/records/ (see maillage/urls.py)."""

from django.urls import path

from . import views

app_name = "records"
urlpatterns = [
    path("export.json", views.export_json, name="export_json"),
    path("export.pdf", views.export_pdf, name="export_pdf"),
    path("identity/", views.identity, name="identity"),
]
