"""Conference emails leave through `maillage.mail`: recorded with the change, sent by a
job after the commit. A refusing mail server never fails the user's request, and the
email waits to be tried again with its calendar file or PDF."""

from typing import Any

from django.core import mail
from django.core.mail.backends.base import BaseEmailBackend
from django.test import override_settings

from maillage.jobs.models import OutgoingEmail

from .test_meeting_base import MeetingTestCase
from .test_schedule_base import ConferenceTestCase

REFUSING = "maillage.conferences.tests.test_mail_queue.RefusingBackend"


class RefusingBackend(BaseEmailBackend):
    """A mail server that refuses every message."""

    def send_messages(self, email_messages: Any) -> int:
        raise ConnectionRefusedError("the mail server is down")


class InvitationQueueTests(ConferenceTestCase):
    def setUp(self) -> None:
        super().setUp()
        self.conference = self.plan()
        self.url = f"/conferences/{self.conference.pk}/invitations/"

    @override_settings(EMAIL_BACKEND=REFUSING)
    def test_a_refusing_mail_server_leaves_the_invitations_waiting_for_a_retry(self):
        self.login(self.camille)
        with self.captureOnCommitCallbacks(execute=True):
            response = self.client.post(self.url, {"actors": [self.gp.pk], "send": "on"})
        self.assertRedirects(response, f"/conferences/{self.conference.pk}/")
        email = OutgoingEmail.objects.get()
        self.assertEqual(email.about, "conference.invitation")
        self.assertEqual(email.to, ["janssens@mm-midi.example"])
        self.assertEqual((email.status, email.attempts), (OutgoingEmail.Status.WAITING, 1))
        self.assertIn("ConnectionRefusedError", email.last_error)
        self.assertEqual(email.attachments[0]["filename"], "invitation.ics")
        self.assertIsNotNone(self.conference.invitations.get().sent_at)

    def test_the_calendar_file_survives_the_queue(self):
        self.invite_and_send(self.conference, self.gp)
        (message,) = mail.outbox
        ((filename, content, mimetype),) = message.attachments
        self.assertEqual((filename, mimetype), ("invitation.ics", "text/calendar"))
        self.assertIsInstance(content, str)  # a text part again, as it was built
        self.assertTrue(content.startswith("BEGIN:VCALENDAR"))
        calendar, event = self.ics_of(message)
        self.assertEqual(str(event["UID"]), self.conference.ical_uid)

    def test_a_cancellation_is_recorded_as_such(self):
        self.invite_and_send(self.conference, self.gp)
        self.login(self.camille)
        with self.captureOnCommitCallbacks(execute=True):
            self.client.post(
                f"/conferences/{self.conference.pk}/cancel/",
                {"cancel-reason": "Salle indisponible."},
            )
        self.assertEqual(
            sorted(OutgoingEmail.objects.values_list("about", "status")),
            [("conference.cancellation", "sent"), ("conference.invitation", "sent")],
        )


class MinutesQueueTests(MeetingTestCase):
    @override_settings(EMAIL_BACKEND=REFUSING)
    def test_a_refusing_mail_server_leaves_the_minutes_waiting_for_a_retry(self):
        self.full_record()
        self.hold()
        self.login(self.camille)
        url = f"/conferences/{self.conference.pk}/minutes/"
        with self.captureOnCommitCallbacks(execute=True):
            response = self.client.post(f"{url}send/")
        self.assertRedirects(response, url, fetch_redirect_response=False)
        emails = list(OutgoingEmail.objects.filter(about="conference.minutes"))
        self.assertEqual(len(emails), 3)
        for email in emails:
            self.assertEqual((email.status, email.attempts), (OutgoingEmail.Status.WAITING, 1))
            self.assertTrue(email.html)
            self.assertEqual(email.attachments[0]["mimetype"], "application/pdf")
        self.assertEqual(self.conference.deliveries.count(), 3)
