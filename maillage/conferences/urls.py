"""Conference pages: scheduling and invitations, the meeting and its minutes, funding."""

from django.urls import path

from .views import funding, meeting, scheduling

app_name = "conferences"
urlpatterns = [
    # Scheduling and invitations; the invitees' answer link and the calendar feed.
    path("case/<uuid:case_id>/", scheduling.case_list, name="case_list"),
    path("case/<uuid:case_id>/new/", scheduling.new, name="new"),
    path("calendar/", scheduling.calendar, name="calendar"),
    path("calendar/feed/", scheduling.calendar_feed, name="calendar_feed"),
    path("feed/<str:token>.ics", scheduling.feed, name="feed"),
    path("answer/<str:token>/", scheduling.answer, name="answer"),
    path("<uuid:conference_id>/", scheduling.detail, name="detail"),
    path("<uuid:conference_id>/edit/", scheduling.edit, name="edit"),
    path("<uuid:conference_id>/cancel/", scheduling.cancel, name="cancel"),
    path("<uuid:conference_id>/invitations/", scheduling.invite, name="invite"),
    path("<uuid:conference_id>/invitations/send/", scheduling.send, name="send"),
    # The meeting and its minutes.
    path("<uuid:conference_id>/meeting/", meeting.meeting_page, name="meeting"),
    path(
        "<uuid:conference_id>/meeting/agenda/prepare/",
        meeting.agenda_prepare,
        name="agenda_prepare",
    ),
    path("<uuid:conference_id>/meeting/agenda/", meeting.agenda_item, name="agenda_item"),
    path("<uuid:conference_id>/meeting/attendance/", meeting.attendance, name="attendance"),
    path("<uuid:conference_id>/meeting/decisions/", meeting.decision_new, name="decision_new"),
    path(
        "<uuid:conference_id>/meeting/evaluations/<uuid:decision_id>/",
        meeting.evaluate,
        name="evaluate",
    ),
    path("<uuid:conference_id>/meeting/hold/", meeting.hold, name="hold"),
    path("<uuid:conference_id>/minutes/", meeting.minutes_preview, name="minutes"),
    path("<uuid:conference_id>/minutes/send/", meeting.minutes_send, name="minutes_send"),
    path("<uuid:conference_id>/minutes.pdf", meeting.minutes_pdf, name="minutes_pdf"),
    # Funding.
    path("<uuid:conference_id>/funding/", funding.funding_check, name="funding_check"),
    path("funding/export/", funding.funding_export, name="funding_export"),
]
