from django.urls import path

from . import views

app_name = "cases"
urlpatterns = [
    path("", views.case_list, name="list"),
    path("<str:case_id>/", views.detail, name="detail"),
    path("<str:case_id>/phase/", views.advance_phase, name="advance_phase"),
    path("<str:case_id>/review/", views.review, name="review"),
    path("<str:case_id>/timeline/", views.timeline, name="timeline"),
    path("<str:case_id>/journal/", views.journal, name="journal"),
    path("<str:case_id>/journal/new/", views.journal_new, name="journal_new"),
    path("<str:case_id>/journal/<str:entry_id>/", views.journal_edit, name="journal_edit"),
    path("<str:case_id>/close/", views.close, name="close"),
    path("<str:case_id>/follow-up/", views.follow_up, name="follow_up"),
]
