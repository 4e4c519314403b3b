"""The meeting and its minutes: /conferences/<conference_id>/meeting/…, …/minutes/…"""

from django.urls import path

from . import meeting_views as views

urlpatterns = [
    path("<uuid:conference_id>/meeting/", views.meeting_page, name="meeting"),
    path(
        "<uuid:conference_id>/meeting/agenda/prepare/",
        views.agenda_prepare,
        name="agenda_prepare",
    ),
    path("<uuid:conference_id>/meeting/agenda/", views.agenda_item, name="agenda_item"),
    path("<uuid:conference_id>/meeting/attendance/", views.attendance, name="attendance"),
    path("<uuid:conference_id>/meeting/decisions/", views.decision_new, name="decision_new"),
    path(
        "<uuid:conference_id>/meeting/evaluations/<uuid:decision_id>/",
        views.evaluate,
        name="evaluate",
    ),
    path("<uuid:conference_id>/meeting/hold/", views.hold, name="hold"),
    path("<uuid:conference_id>/minutes/", views.minutes_preview, name="minutes"),
    path("<uuid:conference_id>/minutes/send/", views.minutes_send, name="minutes_send"),
    path("<uuid:conference_id>/minutes.pdf", views.minutes_pdf, name="minutes_pdf"),
]
