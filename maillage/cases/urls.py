"""The case pages of this app; maillage/casefile/urls.py joins them with the overview,
the timeline and closing under the `cases` namespace."""

from django.urls import path

from . import views

urlpatterns = [
    path("", views.case_list, name="list"),
    path("<uuid:case_id>/phase/", views.advance_phase, name="advance_phase"),
    path("<uuid:case_id>/review/", views.review, name="review"),
    path("<uuid:case_id>/journal/", views.journal, name="journal"),
    path("<uuid:case_id>/journal/new/", views.journal_new, name="journal_new"),
    path("<uuid:case_id>/journal/<uuid:entry_id>/", views.journal_edit, name="journal_edit"),
    path("<uuid:case_id>/follow-up/", views.follow_up, name="follow_up"),
]
