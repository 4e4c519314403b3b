"""Scheduling and invitations: a case's conferences, one conference, its invitations,
the invitees' answer link, and each user's calendar and feed."""

from django.urls import path

from . import views

urlpatterns = [
    path("case/<str:case_id>/", views.case_list, name="case_list"),
    path("case/<str:case_id>/new/", views.new, name="new"),
    path("calendar/", views.calendar, name="calendar"),
    path("calendar/feed/", views.calendar_feed, name="calendar_feed"),
    path("feed/<str:token>.ics", views.feed, name="feed"),
    path("answer/<str:token>/", views.answer, name="answer"),
    path("<uuid:conference_id>/", views.detail, name="detail"),
    path("<uuid:conference_id>/edit/", views.edit, name="edit"),
    path("<uuid:conference_id>/cancel/", views.cancel, name="cancel"),
    path("<uuid:conference_id>/invitations/", views.invite, name="invite"),
    path("<uuid:conference_id>/invitations/send/", views.send, name="send"),
]
