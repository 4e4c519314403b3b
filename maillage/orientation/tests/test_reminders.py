"""Reminders: due, not due, no response after the last one, idempotent per day, once
even when two workers run them at once; a refusing mailbox delays only the email."""

from datetime import timedelta
from io import StringIO
from typing import Any
from unittest import mock

from django.core import mail
from django.core.mail.backends import locmem as locmem_backend
from django.core.management import call_command
from django.test import override_settings
from django.utils import timezone

from maillage import mail as outgoing
from maillage.audit.models import AuditEvent
from maillage.jobs.models import OutgoingEmail
from maillage.orientation import actions
from maillage.orientation.models import Referral

from .base import LINK, OrientationTestCase

NOTHING = {"reminded": 0, "no_response": 0}


@override_settings(REFERRAL_REMINDER_DAYS=7)
class ReminderTests(OrientationTestCase):
    def setUp(self) -> None:
        self.referral = self.refer()
        self.sent = timezone.now()
        mail.outbox.clear()

    def remind(self, **kwargs: Any) -> dict[str, int]:
        """One run of the daily job; its emails leave after its commits."""
        with self.captureOnCommitCallbacks(execute=True):
            return actions.send_reminders(**kwargs)

    def age(self, days: int) -> None:
        Referral.objects.filter(pk=self.referral.pk).update(
            status_changed_at=self.sent - timedelta(days=days)
        )

    def test_not_due_yet(self):
        self.age(3)
        self.assertEqual(self.remind(), NOTHING)
        self.assertEqual(mail.outbox, [])

    def test_due_reminds_the_service_with_a_fresh_link_and_tells_the_worker(self):
        self.age(8)
        self.assertEqual(self.remind(), {"reminded": 1, "no_response": 0})
        self.assertEqual(
            sorted(m.to[0] for m in mail.outbox),
            ["accueil@logement.example.org", "camille@brusano.example.org"],
        )
        service_mail = next(m for m in mail.outbox if m.to == ["accueil@logement.example.org"])
        self.assertRegex(service_mail.body, LINK)
        self.assertEqual(self.referral.links.count(), 2)
        self.referral.refresh_from_db()
        self.assertEqual(self.referral.reminder_count, 1)
        self.assertTrue(AuditEvent.objects.filter(verb="referral.reminded").exists())

    def test_idempotent_per_day(self):
        self.age(8)
        self.remind()
        self.assertEqual(self.remind(), NOTHING)
        out = StringIO()
        call_command("send_referral_reminders", stdout=out)
        self.assertIn("Referrals reminded: 0;", out.getvalue())
        self.referral.refresh_from_db()
        self.assertEqual(self.referral.reminder_count, 1)

    def test_no_response_after_the_last_reminder(self):
        self.age(8)
        now = timezone.now()
        for week in range(actions.max_reminders()):
            self.remind(now=now + timedelta(days=7 * week))
        self.referral.refresh_from_db()
        self.assertEqual(self.referral.reminder_count, 3)
        self.assertEqual(self.referral.status, "sent")
        mail.outbox.clear()
        counts = self.remind(now=now + timedelta(days=21))
        self.assertEqual(counts, {"reminded": 0, "no_response": 1})
        self.referral.refresh_from_db()
        self.assertEqual(self.referral.status, "no_response")
        self.assertEqual(self.referral.changes.last().via, "reminder")
        self.assertEqual([m.to for m in mail.outbox], [["camille@brusano.example.org"]])
        # Nothing more afterwards.
        self.assertEqual(
            self.remind(now=now + timedelta(days=60)),
            NOTHING,
        )

    def test_an_answered_referral_is_not_reminded(self):
        actions.update_status(self.referral, "accepted", via=self.camille)
        self.age(30)
        self.assertEqual(self.remind(), NOTHING)

    def test_two_workers_at_once_send_each_reminder_once(self):
        """The second worker listed the referral as due before the first reminded it."""
        self.age(8)
        remind_one = actions._remind
        other_worker: list[dict[str, int]] = []

        def other_worker_first(*args: Any, **kwargs: Any) -> str:
            if not other_worker:
                other_worker.append({})
                with mock.patch.object(actions, "_remind", remind_one):
                    other_worker[0] = actions.send_reminders()
            return remind_one(*args, **kwargs)

        with mock.patch.object(actions, "_remind", other_worker_first):
            counts = self.remind()
        self.assertEqual(other_worker, [{"reminded": 1, "no_response": 0}])
        self.assertEqual(counts, NOTHING)  # no longer due when this worker got to it
        self.assertEqual(
            sorted(m.to[0] for m in mail.outbox),
            ["accueil@logement.example.org", "camille@brusano.example.org"],
        )
        self.referral.refresh_from_db()
        self.assertEqual(self.referral.reminder_count, 1)
        self.assertEqual(AuditEvent.objects.filter(verb="referral.reminded").count(), 1)

    def test_the_worker_is_told_in_their_language(self):
        self.camille.language = "en"
        self.camille.save(update_fields=["language"])
        self.age(8)
        self.remind()
        notice = next(m for m in mail.outbox if m.to == ["camille@brusano.example.org"])
        self.assertEqual(notice.subject, "Service Logement Test was reminded of your referral")


class RefusingMailbox(locmem_backend.EmailBackend):
    """A mail server that refuses one address (the outside world, not our code)."""

    def send_messages(self, messages):
        if any("accueil@logement.example.org" in message.to for message in messages):
            raise OSError("mailbox unavailable")
        return super().send_messages(messages)


@override_settings(
    REFERRAL_REMINDER_DAYS=7,
    EMAIL_BACKEND="maillage.orientation.tests.test_reminders.RefusingMailbox",
)
class ReminderFailureTests(OrientationTestCase):
    def test_a_refusing_mailbox_delays_only_the_email_which_is_retried(self):
        with override_settings(EMAIL_BACKEND="django.core.mail.backends.locmem.EmailBackend"):
            referral = self.refer()
        Referral.objects.filter(pk=referral.pk).update(
            status_changed_at=timezone.now() - timedelta(days=8)
        )
        mail.outbox.clear()
        with self.captureOnCommitCallbacks(execute=True):
            self.assertEqual(actions.send_reminders(), {"reminded": 1, "no_response": 0})
        referral.refresh_from_db()
        self.assertEqual(referral.reminder_count, 1)
        self.assertEqual([m.to for m in mail.outbox], [["camille@brusano.example.org"]])
        waiting = OutgoingEmail.objects.get(about="referral.service.reminder")
        self.assertEqual(waiting.status, OutgoingEmail.Status.WAITING)
        self.assertIn("mailbox unavailable", waiting.last_error)
        # The next run reminds nobody again; the mail job retries the email.
        with self.captureOnCommitCallbacks(execute=True):
            self.assertEqual(actions.send_reminders(), NOTHING)
        with override_settings(EMAIL_BACKEND="django.core.mail.backends.locmem.EmailBackend"):
            outgoing.retry_due(now=timezone.now() + timedelta(minutes=2))
        waiting.refresh_from_db()
        self.assertEqual(waiting.status, OutgoingEmail.Status.SENT)
        self.assertRegex(mail.outbox[-1].body, LINK)
