"""Mounted at cases/<case_id>/plan/: every view receives `case_id`."""

from django.urls import path

from . import views

app_name = "plans"
urlpatterns = [
    path("", views.plan, name="plan"),
    path("print/", views.print_plan, name="print"),
    path("goals/new/", views.goal_new, name="goal_new"),
    path("goals/<uuid:goal_id>/", views.goal_edit, name="goal_edit"),
    path("actions/new/", views.action_new, name="action_new"),
    path("actions/<uuid:action_id>/", views.action_edit, name="action_edit"),
    path("actions/<uuid:action_id>/status/", views.action_status, name="action_status"),
    path("crisis/", views.crisis, name="crisis"),
    path("crisis/edit/", views.crisis_edit, name="crisis_edit"),
    path("crisis/print/", views.crisis_print, name="crisis_print"),
    path("crisis/v<int:version>/", views.crisis_version, name="crisis_version"),
]
