"""iCalendar files of case conferences (RFC 5545/5546), built with `icalendar`.

Pure functions: give them the conference and what to show; they query nothing. A file
names the meeting "Concertation – Maillage" (in the reader's language) with its time
and place, never the person or anything of the case: calendars travel in the clear.
One UID for the meeting's whole life; SEQUENCE grows with each update.
"""

from collections.abc import Iterable
from datetime import UTC, datetime, timedelta

from django.conf import settings
from django.utils import timezone
from icalendar import Calendar, Event, vCalAddress, vText

from maillage.links import is_safe_link

from .models import Conference, Invitation

PRODID = "-//Maillage//Case conferences//FR"
# The meeting's name in each language (the brief's wording, not a catalogue entry, so
# that invitees read it in their language whatever the state of the translations).
MEETING_NAMES = {"fr": "Concertation", "nl": "Overleg", "en": "Case conference"}
PARTSTAT = {
    Invitation.Answer.PENDING: "NEEDS-ACTION",
    Invitation.Answer.YES: "ACCEPTED",
    Invitation.Answer.NO: "DECLINED",
    Invitation.Answer.MAYBE: "TENTATIVE",
}


def summary(language: str = "fr") -> str:
    return f"{MEETING_NAMES.get(language, MEETING_NAMES['fr'])} – Maillage"


def conference_event(
    conference: Conference,
    *,
    method: str,
    organiser_name: str,
    attendees: Iterable[Invitation],
    language: str = "fr",
    description: str = "",
    now: datetime | None = None,
) -> bytes:
    """A VCALENDAR with one VEVENT: a REQUEST (invitation or update) or a CANCEL.

    Attendees are given by address only (their names could say who cares for the
    person); send each invitee a file with themself alone.
    """
    if method not in ("REQUEST", "CANCEL"):
        raise ValueError(f"Unknown iTIP method {method!r}")
    calendar = _calendar(method)
    event = _event(conference, language=language, description=description, now=now)
    organiser = vCalAddress(f"mailto:{settings.DEFAULT_FROM_EMAIL}")
    organiser.params["CN"] = vText(organiser_name)
    event.add("organizer", organiser)
    for invitation in attendees:
        if not invitation.email:
            continue
        attendee = vCalAddress(f"mailto:{invitation.email}")
        attendee.params["ROLE"] = vText("REQ-PARTICIPANT")
        attendee.params["PARTSTAT"] = vText(PARTSTAT.get(invitation.answer, "NEEDS-ACTION"))
        attendee.params["RSVP"] = vText("TRUE")
        event.add("attendee", attendee, encode=False)
    if method == "CANCEL" or conference.status == Conference.Status.CANCELLED:
        event.add("status", "CANCELLED")
    else:
        event.add("status", "CONFIRMED")
    calendar.add_component(event)
    return calendar.to_ical()


def feed(conferences: Iterable[Conference], *, language: str = "fr") -> bytes:
    """A subscribable calendar (METHOD:PUBLISH) of conferences, without attendees."""
    calendar = _calendar("PUBLISH")
    calendar.add("x-wr-calname", summary(language))
    now = timezone.now()
    for conference in conferences:
        calendar.add_component(_event(conference, language=language, now=now))
    return calendar.to_ical()


def _calendar(method: str) -> Calendar:
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", method)
    return calendar


def _event(
    conference: Conference,
    *,
    language: str,
    description: str = "",
    now: datetime | None = None,
) -> Event:
    starts = conference.starts_at.astimezone(UTC)
    event = Event()
    event.add("uid", conference.ical_uid)
    event.add("sequence", conference.ical_sequence)
    event.add("dtstamp", (now or timezone.now()).astimezone(UTC))
    event.add("dtstart", starts)
    event.add("dtend", starts + timedelta(minutes=conference.duration_minutes))
    event.add("summary", summary(language))
    video_link = conference.video_link if is_safe_link(conference.video_link) else ""
    event.add("location", conference.place or video_link)
    if video_link:
        event.add("url", video_link)
    if description:
        event.add("description", description)
    return event
