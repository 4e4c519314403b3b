"""Mounted at the root: the public signal under /public/signal/, the analysts' figures
under /screening/."""

from django.urls import path

from . import views

app_name = "screening"
urlpatterns = [
    path("public/signal/", views.questions, name="questions"),
    path("public/signal/record/", views.record, name="record"),
    path("public/signal/recorded/", views.recorded, name="recorded"),
    path("screening/figures/", views.figures_page, name="figures"),
]
