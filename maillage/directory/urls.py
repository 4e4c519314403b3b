"""Mounted at /directory/ (the HSDS API is under /api/v1/directory/); the coverage of the
territory joins these under the same names from orientation (see maillage/urls.py)."""

from django.urls import path

from . import views

app_name = "directory"
urlpatterns = [
    path("", views.search, name="search"),
    path("services/<str:service_id>/", views.service_page, name="service"),
    path("services/<str:service_id>/history/", views.history, name="history"),
    path("services/<str:service_id>/suggest/", views.suggest, name="suggest"),
    path("services/<str:service_id>/edit/", views.edit, name="edit"),
    path("suggestions/", views.suggestions, name="suggestions"),
    path("suggestions/<int:suggestion_id>/review/", views.review, name="review"),
]
