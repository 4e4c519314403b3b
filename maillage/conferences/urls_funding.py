"""Funding: a conference's conditions, and the attendance export for funders."""

from django.urls import path

from . import funding_views

urlpatterns = [
    path("<uuid:conference_id>/funding/", funding_views.funding_check, name="funding_check"),
    path("funding/export/", funding_views.funding_export, name="funding_export"),
]
