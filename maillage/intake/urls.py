"""The request pages; maillage/casefile/urls.py adds the answer (it opens the case)
under the `intake` namespace."""

from django.urls import path

from . import views

urlpatterns = [
    path("", views.queue, name="queue"),
    path("new/", views.new, name="new"),
    path("new/duplicates/", views.duplicates, name="duplicates"),
    path("<uuid:request_id>/", views.detail, name="detail"),
    path("<uuid:request_id>/facts/", views.facts, name="facts"),
    path("<uuid:request_id>/override/", views.override, name="override"),
    path("<uuid:request_id>/assign/", views.assign, name="assign"),
]
