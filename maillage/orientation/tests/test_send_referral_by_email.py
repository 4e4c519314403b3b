"""Sending a referral by email: the email leaves after the referral is saved, through the
mail job; a refusing mail server neither fails the referral nor loses the email."""

from datetime import timedelta

from django.core import mail
from django.test import override_settings
from django.utils import timezone

from maillage import mail as outgoing
from maillage.jobs.models import OutgoingEmail
from maillage.orientation.models import Referral

from .base import LINK, OrientationTestCase
from .test_reminders import RefusingMailbox

REFUSING = f"{RefusingMailbox.__module__}.{RefusingMailbox.__name__}"
FORM = {
    "channel": "email",
    "life_domain": "housing",
    "need": "Un logement adapté",
    "categories": ["identity", "housing"],
    "person_agreed": "on",
}


class SendReferralByEmailTests(OrientationTestCase):
    def setUp(self) -> None:
        self.url = f"/orientation/new/?service={self.service.pk}&case={self.case.pk}"
        self.login(self.camille)

    def test_the_email_leaves_after_the_commit_with_a_link_to_this_maillage(self):
        with (
            override_settings(SITE_URL="https://maillage.example.org/"),
            self.captureOnCommitCallbacks(execute=True),
        ):
            self.client.post(self.url, FORM)
            self.assertEqual(mail.outbox, [])  # not before the commit
        self.assertEqual([m.to for m in mail.outbox], [["accueil@logement.example.org"]])
        self.assertIn("https://maillage.example.org/orientation/answer/", mail.outbox[0].body)
        email = OutgoingEmail.objects.get()
        self.assertEqual(
            (email.about, email.status), ("referral.service.referral", OutgoingEmail.Status.SENT)
        )

    @override_settings(EMAIL_BACKEND=REFUSING)
    def test_a_refusing_mail_server_does_not_fail_the_referral_and_the_email_is_retried(self):
        with self.captureOnCommitCallbacks(execute=True):
            response = self.client.post(self.url, FORM)
        referral = Referral.objects.get()
        self.assertRedirects(response, f"/orientation/{referral.pk}/")
        self.assertEqual(referral.status, Referral.Status.SENT)
        self.assertEqual(mail.outbox, [])
        email = OutgoingEmail.objects.get()
        self.assertEqual(email.status, OutgoingEmail.Status.WAITING)
        self.assertEqual((email.attempts, email.to), (1, ["accueil@logement.example.org"]))
        self.assertIn("mailbox unavailable", email.last_error)
        self.assertIsNotNone(email.next_attempt_at)
        # The server is back: the next attempt delivers it, once.
        with override_settings(EMAIL_BACKEND="django.core.mail.backends.locmem.EmailBackend"):
            later = timezone.now() + timedelta(minutes=2)
            self.assertEqual(outgoing.retry_due(now=later), 1)
            self.assertEqual(outgoing.retry_due(now=later + timedelta(hours=1)), 0)
        self.assertEqual(len(mail.outbox), 1)
        self.assertRegex(mail.outbox[0].body, LINK)

    def test_a_refused_referral_records_no_email(self):
        with self.captureOnCommitCallbacks(execute=True):
            response = self.client.post(self.url, {**FORM, "person_agreed": ""})
        self.assertEqual(response.status_code, 200)
        self.assertFalse(OutgoingEmail.objects.exists())
        self.assertEqual(mail.outbox, [])
