"""Every conference email's subject and plain text read names as typed: an apostrophe,
an ampersand, quotes or a "<" never come out as HTML entities (`&#x27;`, `&amp;`…),
while the HTML part of the minutes stays escaped."""

import re
from datetime import timedelta

from django.core import mail
from django.utils import timezone

from maillage.conferences import actions, delivery, meeting

from .test_meeting_base import MeetingTestCase, days

TRICKY = 'O\'Brien & "Fils" <b>'
PLACE = 'Salle d\'attente & "B" <2>'
REASON = 'L\'animatrice & "son" <remplaçant> sont absents'
ENTITY = re.compile(r"&(#\d+|#x[0-9a-f]+|[a-z]+);", re.IGNORECASE)


class PlainTextEmailTests(MeetingTestCase):
    def setUp(self) -> None:
        super().setUp()
        self.camille.first_name = "Camille"
        self.camille.last_name = TRICKY
        self.camille.save()
        self.gp.name = f"Martine {TRICKY}"
        self.gp.organisation = f"Maison médicale {TRICKY}"
        self.gp.save()
        self.person.email = "louis@example.org"  # the person's version: names in full
        self.person.save()

    def assert_plain(self, message) -> None:
        for part in (message.subject, message.body):
            self.assertIsNone(ENTITY.search(part), part)

    def sent(self) -> list:
        messages = list(mail.outbox)
        self.assertTrue(messages)
        mail.outbox.clear()
        return messages

    def test_invitations_updates_and_cancellations(self):
        conference = actions.schedule_conference(
            self.case,
            by=self.camille,
            starts_at=timezone.now() + timedelta(days=7),
            duration_minutes=60,
            place=PLACE,
            video_link="https://meet.example/room?id=1&pwd=2",
        )
        actions.invite(conference, by=self.camille, actors=[self.gp, self.psychiatrist])
        with self.captureOnCommitCallbacks(execute=True):
            actions.send_invitations(conference, by=self.camille)
        for message in self.sent():
            self.assert_plain(message)
            self.assertIn(PLACE, message.body)
            self.assertIn(TRICKY, message.body)  # the case manager's name
            self.assertIn("?id=1&pwd=2", message.body)
        with self.captureOnCommitCallbacks(execute=True):
            actions.update_conference(
                conference, by=self.camille, version=conference.version, place=f"{PLACE} bis"
            )
        for message in self.sent():
            self.assert_plain(message)
            self.assertIn(f"{PLACE} bis", message.body)
        with self.captureOnCommitCallbacks(execute=True):
            actions.cancel_conference(conference, by=self.camille, reason=REASON)
        for message in self.sent():
            self.assert_plain(message)
            self.assertIn(REASON, message.body)

    def test_minutes(self):
        self.item(f"Logement {TRICKY}", "plan", f"Notes {TRICKY}")
        self.decide(
            f"Appeler {TRICKY}", owner=self.gp, how=TRICKY, with_whom=TRICKY, due_on=days(7)
        )
        self.present(self.person, self.gp, self.psychiatrist, self.cpas)
        meeting.record_attendance(
            self.invitation(self.cpas),
            meeting.AttendanceData("present", represents=f"CPAS {TRICKY}"),
            by=self.camille,
            version=None,
        )
        self.conference.place = PLACE
        self.conference.save()
        self.hold()
        with self.captureOnCommitCallbacks(execute=True):
            delivery.send_minutes(self.conference, by=self.camille)
        messages = self.sent()
        self.assertEqual(len(messages), 4)
        for message in messages:
            self.assert_plain(message)
            self.assertIn(PLACE, message.body)
            self.assertIn(f"Martine {TRICKY}", message.body)
            self.assertIn(f"CPAS {TRICKY}", message.body)
            html = message.alternatives[0][0]
            self.assertNotIn("<b>", html)
            self.assertIn("&lt;b&gt;", html)
        [gp] = [m for m in messages if m.to == ["peeters@example.org"]]
        self.assertIn(f"- Appeler {TRICKY}", gp.body)
        self.assertIn(f"Notes {TRICKY}", gp.body)
