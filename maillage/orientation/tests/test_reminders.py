"""Reminders: due, not due, no response after the last one, idempotent per day."""

from datetime import timedelta
from io import StringIO

from django.core import mail
from django.core.mail.backends import locmem as locmem_backend
from django.core.management import call_command
from django.test import override_settings
from django.utils import timezone

from maillage.audit.models import AuditEvent
from maillage.orientation import actions
from maillage.orientation.models import Referral

from .base import LINK, OrientationTestCase


@override_settings(REFERRAL_REMINDER_DAYS=7)
class ReminderTests(OrientationTestCase):
    def setUp(self) -> None:
        self.referral = self.refer()
        self.sent = timezone.now()
        mail.outbox.clear()

    def age(self, days: int) -> None:
        Referral.objects.filter(pk=self.referral.pk).update(
            status_changed_at=self.sent - timedelta(days=days)
        )

    def test_not_due_yet(self):
        self.age(3)
        self.assertEqual(actions.send_reminders(), {"reminded": 0, "no_response": 0, "failed": 0})
        self.assertEqual(mail.outbox, [])

    def test_due_reminds_the_service_with_a_fresh_link_and_tells_the_worker(self):
        self.age(8)
        self.assertEqual(actions.send_reminders(), {"reminded": 1, "no_response": 0, "failed": 0})
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
        actions.send_reminders()
        self.assertEqual(actions.send_reminders(), {"reminded": 0, "no_response": 0, "failed": 0})
        out = StringIO()
        call_command("send_referral_reminders", stdout=out)
        self.assertIn("0", out.getvalue())
        self.referral.refresh_from_db()
        self.assertEqual(self.referral.reminder_count, 1)

    def test_no_response_after_the_last_reminder(self):
        self.age(8)
        now = timezone.now()
        for week in range(actions.max_reminders()):
            actions.send_reminders(now=now + timedelta(days=7 * week))
        self.referral.refresh_from_db()
        self.assertEqual(self.referral.reminder_count, 3)
        self.assertEqual(self.referral.status, "sent")
        mail.outbox.clear()
        counts = actions.send_reminders(now=now + timedelta(days=21))
        self.assertEqual(counts, {"reminded": 0, "no_response": 1, "failed": 0})
        self.referral.refresh_from_db()
        self.assertEqual(self.referral.status, "no_response")
        self.assertEqual(self.referral.changes.last().via, "reminder")
        self.assertEqual([m.to for m in mail.outbox], [["camille@brusano.example.org"]])
        # Nothing more afterwards.
        self.assertEqual(
            actions.send_reminders(now=now + timedelta(days=60)),
            {"reminded": 0, "no_response": 0, "failed": 0},
        )

    def test_an_answered_referral_is_not_reminded(self):
        actions.update_status(self.referral, "accepted", via=self.camille)
        self.age(30)
        self.assertEqual(actions.send_reminders(), {"reminded": 0, "no_response": 0, "failed": 0})


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
    def test_a_refusing_mailbox_records_nothing_and_leaves_it_for_the_next_run(self):
        with override_settings(EMAIL_BACKEND="django.core.mail.backends.locmem.EmailBackend"):
            referral = self.refer()
        Referral.objects.filter(pk=referral.pk).update(
            status_changed_at=timezone.now() - timedelta(days=8)
        )
        self.assertEqual(actions.send_reminders(), {"reminded": 0, "no_response": 0, "failed": 1})
        referral.refresh_from_db()
        self.assertEqual(referral.reminder_count, 0)
        self.assertFalse(AuditEvent.objects.filter(verb="referral.reminded").exists())
