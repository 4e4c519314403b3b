"""Invitation emails: the meeting's date, time, place and the case manager's name, in
the invitee's language, with an iCalendar file. Never the person's name nor anything
of the case: mail travels in the clear. They leave through `maillage.mail`."""

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import formats, timezone, translation

from maillage import mail

from . import ical
from .models import Conference, Invitation


def answer_url(invitation: Invitation) -> str:
    """The invitee's personal answer link, absolute (`MAILLAGE_SITE_URL`)."""
    return mail.site_url(reverse("conferences:answer", kwargs={"token": invitation.token}))


def invitation_message(
    invitation: Invitation,
    *,
    conference: Conference,
    method: str,
    manager: str,
    reason: str = "",
) -> EmailMultiAlternatives:
    """The email to one invitee: a first invitation, an update or a cancellation."""
    language = invitation.language or "fr"
    link = answer_url(invitation)
    kind = _kind(invitation, conference, method)
    with translation.override(language):
        context = {
            **meeting_facts(conference),
            "kind": kind,
            "manager": manager,
            "answer_url": link,
            "reason": reason,
            "name": ical.MEETING_NAMES.get(language, ical.MEETING_NAMES["fr"]),
        }
        subject = render_to_string("conferences/email_subject.txt", context).strip()
        body = render_to_string("conferences/email_invitation.txt", context)
        calendar = ical.conference_event(
            conference,
            method=method,
            organiser_name=manager,
            attendees=[invitation],
            language=language,
            description=link if method == "REQUEST" else "",
        )
    message = EmailMultiAlternatives(
        subject=" ".join(subject.split()),
        body=body,
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[invitation.email],
    )
    message.attach("invitation.ics", calendar, "text/calendar")
    return message


def meeting_facts(conference: Conference) -> dict[str, object]:
    """Date, time, duration and place, formatted in the active language."""
    starts = timezone.localtime(conference.starts_at)
    return {
        "day": formats.date_format(starts, "l j F Y"),
        "time": formats.time_format(starts, "H:i"),
        "duration": conference.duration_minutes,
        "place": conference.place,
        "video_link": conference.video_link,
    }


def _kind(invitation: Invitation, conference: Conference, method: str) -> str:
    if method == "CANCEL":
        return "cancel"
    if invitation.sent_at is not None and invitation.sent_sequence != conference.ical_sequence:
        return "update"
    return "invitation"
