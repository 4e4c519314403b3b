"""One way out for every email: recorded with the change, sent by a job, retried, never
slowing or failing the user's request, delivered once."""

import socket
from datetime import timedelta

from django.core import mail as django_mail
from django.core.mail import EmailMessage
from django.db import transaction
from django.test import TestCase, override_settings
from django.utils import timezone

from maillage import mail
from maillage.jobs.models import OutgoingEmail

LOCMEM = "django.core.mail.backends.locmem.EmailBackend"
SMTP = "django.core.mail.backends.smtp.EmailBackend"


def closed_port() -> int:
    """A local port where no mail server listens: a real SMTP connection is refused."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def message(subject: str = "Invitation") -> EmailMessage:
    return EmailMessage(subject, "Bonjour", to=["someone@example.org"])


class MailTests(TestCase):
    def test_an_email_leaves_after_the_commit_and_keeps_no_content(self):
        with self.captureOnCommitCallbacks(execute=True):
            email = mail.send(message(), about="test.invitation")
            self.assertEqual(django_mail.outbox, [])  # not before the commit
        self.assertEqual([m.subject for m in django_mail.outbox], ["Invitation"])
        email.refresh_from_db()
        self.assertEqual(email.status, OutgoingEmail.Status.SENT)
        self.assertEqual((email.body, email.html, email.attachments), ("", "", []))
        self.assertEqual(email.to, ["someone@example.org"])

    def test_a_rolled_back_change_sends_nothing(self):
        with self.captureOnCommitCallbacks(execute=True):
            try:
                with transaction.atomic():
                    mail.send(message(), about="test.invitation")
                    raise RuntimeError
            except RuntimeError:
                pass
        self.assertEqual(django_mail.outbox, [])
        self.assertFalse(OutgoingEmail.objects.exists())

    def test_a_refusing_mail_server_is_retried_then_delivers_once(self):
        with override_settings(
            EMAIL_BACKEND=SMTP, EMAIL_HOST="127.0.0.1", EMAIL_PORT=closed_port()
        ):
            with self.captureOnCommitCallbacks(execute=True):
                email = mail.send(message(), about="test.invitation")  # the user's request
            email.refresh_from_db()
            self.assertEqual(email.status, OutgoingEmail.Status.WAITING)
            self.assertEqual(email.attempts, 1)
            self.assertIn("Refused", email.last_error)
            self.assertEqual(mail.retry_due(), 0)  # not yet due: back-off
        later = timezone.now() + timedelta(minutes=2)
        with override_settings(EMAIL_BACKEND=LOCMEM):  # the server is back
            self.assertEqual(mail.retry_due(now=later), 1)
            self.assertEqual(mail.retry_due(now=later + timedelta(hours=1)), 0)
            mail.deliver(str(email.pk))  # a second job for the same email: nothing
        self.assertEqual(len(django_mail.outbox), 1)
        email.refresh_from_db()
        self.assertEqual((email.status, email.attempts), (OutgoingEmail.Status.SENT, 2))

    def test_after_every_attempt_it_is_failed_for_an_administrator_to_see(self):
        port = closed_port()
        with override_settings(EMAIL_BACKEND=SMTP, EMAIL_HOST="127.0.0.1", EMAIL_PORT=port):
            email = mail.send(message(), about="test.invitation")
            now = timezone.now()
            for _ in range(len(mail.BACKOFF_MINUTES) + 1):
                OutgoingEmail.objects.filter(pk=email.pk).update(next_attempt_at=now)
                mail.retry_due(now=now)
        email.refresh_from_db()
        self.assertEqual(email.status, OutgoingEmail.Status.FAILED)
        self.assertEqual(mail.try_again(OutgoingEmail.objects.all()), 1)
        with override_settings(EMAIL_BACKEND=LOCMEM):
            mail.retry_due(now=timezone.now() + timedelta(seconds=1))
        self.assertEqual(len(django_mail.outbox), 1)

    def test_a_worker_that_died_while_sending_leaves_it_to_another(self):
        email = mail.send(message(), about="test.invitation")
        stale = timezone.now() - timedelta(seconds=1)
        OutgoingEmail.objects.filter(pk=email.pk).update(
            status=OutgoingEmail.Status.SENDING, next_attempt_at=stale
        )
        self.assertEqual(mail.deliver(str(email.pk)), "nothing to do")  # claimed elsewhere
        self.assertEqual(mail.retry_due(), 1)
        self.assertEqual(len(django_mail.outbox), 1)

    def test_html_and_attachments_travel_with_the_message(self):
        from django.core.mail import EmailMultiAlternatives

        rich = EmailMultiAlternatives("Minutes", "text", to=["a@example.org"])
        rich.attach_alternative("<p>html</p>", "text/html")
        rich.attach("minutes.pdf", b"%PDF-1.7 bytes", "application/pdf")
        with self.captureOnCommitCallbacks(execute=True):
            mail.send(rich, about="test.minutes")
        sent = django_mail.outbox[0]
        self.assertEqual(sent.alternatives[0][0], "<p>html</p>")
        self.assertEqual(sent.attachments[0][:2], ("minutes.pdf", b"%PDF-1.7 bytes"))

    @override_settings(SITE_URL="https://maillage.example.org/")
    def test_links_are_built_from_the_site_address(self):
        self.assertEqual(mail.site_url("/space/"), "https://maillage.example.org/space/")
