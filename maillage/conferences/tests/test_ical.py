"""The iCalendar files, parsed back with a standard parser."""

from datetime import UTC, datetime

from icalendar import Calendar

from maillage.conferences import ical
from maillage.conferences.models import Conference, Invitation

from .test_schedule_base import ConferenceTestCase


class ConferenceEventTests(ConferenceTestCase):
    def setUp(self) -> None:
        super().setUp()
        self.conference = Conference(
            case=self.case,
            organiser=self.camille,
            starts_at=datetime(2030, 3, 4, 13, 30, tzinfo=UTC),
            duration_minutes=60,
            place="",
            video_link="https://meet.example/abc",
            ical_uid="fixed-uid@maillage",
            ical_sequence=2,
        )

    def event(self, method: str, **kwargs: object) -> tuple[Calendar, object]:
        content = ical.conference_event(
            self.conference, method=method, organiser_name="Camille Martin", **kwargs
        )
        calendar = Calendar.from_ical(content)
        (event,) = [c for c in calendar.walk() if c.name == "VEVENT"]
        return calendar, event

    def test_a_request_carries_uid_sequence_times_and_place(self):
        attendees = [
            Invitation(email="a@example.org", answer="yes"),
            Invitation(email="", answer="pending"),
            Invitation(email="b@example.org", answer="maybe"),
        ]
        calendar, event = self.event("REQUEST", attendees=attendees, language="nl")
        self.assertEqual(str(calendar["VERSION"]), "2.0")
        self.assertEqual(str(calendar["METHOD"]), "REQUEST")
        self.assertTrue(str(calendar["PRODID"]))
        self.assertEqual(str(event["UID"]), "fixed-uid@maillage")
        self.assertEqual(int(event["SEQUENCE"]), 2)
        self.assertEqual(event.decoded("DTSTART"), datetime(2030, 3, 4, 13, 30, tzinfo=UTC))
        self.assertEqual(event.decoded("DTEND"), datetime(2030, 3, 4, 14, 30, tzinfo=UTC))
        self.assertEqual(str(event["SUMMARY"]), "Overleg – Maillage")
        self.assertEqual(str(event["LOCATION"]), "https://meet.example/abc")
        self.assertEqual(str(event["ORGANIZER"]), "mailto:maillage@localhost")
        partstats = {str(a): str(a.params["PARTSTAT"]) for a in event["ATTENDEE"]}
        self.assertEqual(
            partstats, {"mailto:a@example.org": "ACCEPTED", "mailto:b@example.org": "TENTATIVE"}
        )
        self.assertIn("DTSTAMP", event)

    def test_a_cancellation_is_marked_cancelled(self):
        calendar, event = self.event("CANCEL", attendees=[])
        self.assertEqual(str(calendar["METHOD"]), "CANCEL")
        self.assertEqual(str(event["STATUS"]), "CANCELLED")
        self.assertEqual(str(event["SUMMARY"]), "Concertation – Maillage")

    def test_no_other_method_is_made(self):
        with self.assertRaises(ValueError):
            ical.conference_event(
                self.conference, method="PUBLISH", organiser_name="x", attendees=[]
            )

    def test_a_feed_publishes_each_conference_without_attendees(self):
        content = ical.feed([self.conference], language="en")
        calendar = Calendar.from_ical(content)
        self.assertEqual(str(calendar["METHOD"]), "PUBLISH")
        (event,) = [c for c in calendar.walk() if c.name == "VEVENT"]
        self.assertEqual(str(event["SUMMARY"]), "Case conference – Maillage")
        self.assertNotIn("ATTENDEE", event)
        self.assertNotIn(b"Secretname", content)
