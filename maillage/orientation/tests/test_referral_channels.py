"""A referral made by phone, in person or by letter: no email, no link, no reminder; the
worker records the service's answer (at once, or later on the referral's page)."""

from datetime import timedelta

from django.core import mail
from django.core.exceptions import ValidationError
from django.utils import timezone

from maillage.audit.models import AuditEvent
from maillage.directory.models import Phone
from maillage.orientation import actions
from maillage.orientation.models import Referral, ReferralLink

from .base import OrientationTestCase
from .fixtures import make_service


class ReferByPhoneTests(OrientationTestCase):
    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        cls.no_email = make_service("svc-no-email", name="Maison de quartier", email="")
        Phone.objects.create(id="phone-no-email", service=cls.no_email, number="02 511 22 33")

    def test_a_service_without_email_is_oriented_to_by_phone(self):
        referral = self.refer(service=self.no_email, channel="phone")
        self.assertEqual(
            (referral.channel, referral.sent_to, referral.status), ("phone", "", "sent")
        )
        self.assertEqual(mail.outbox, [])
        self.assertFalse(ReferralLink.objects.exists())
        change = referral.changes.get()
        self.assertEqual((change.status, change.via, change.by), ("sent", "worker", self.camille))
        event = AuditEvent.objects.get(verb="referral.sent")
        self.assertIn("channel", event.changes)
        self.assertEqual(event.part, "orientation")

    def test_by_email_a_service_without_email_is_still_refused(self):
        with self.assertRaises(ValidationError) as caught:
            self.refer(service=self.no_email, channel="email")
        self.assertIn("service", caught.exception.message_dict)
        self.assertFalse(Referral.objects.exists())

    def test_the_answer_given_during_the_call_is_recorded_at_once(self):
        referral = self.refer(
            service=self.no_email,
            channel="in_person",
            answer="waiting_list",
            answer_reason="Six semaines",
        )
        self.assertEqual(
            (referral.status, referral.status_reason), ("waiting_list", "Six semaines")
        )
        self.assertEqual(
            [(c.status, c.via, c.by) for c in referral.changes.all()],
            [("sent", "worker", self.camille), ("waiting_list", "worker", self.camille)],
        )
        self.assertTrue(AuditEvent.objects.filter(verb="referral.waiting_list").exists())

    def test_a_refusal_needs_its_reason_and_nothing_is_recorded_without_it(self):
        with self.assertRaises(ValidationError) as caught:
            self.refer(service=self.no_email, channel="phone", answer="refused")
        self.assertIn("answer_reason", caught.exception.message_dict)
        self.assertFalse(Referral.objects.exists())
        referral = self.refer(
            service=self.no_email, channel="phone", answer="refused", answer_reason="Complet"
        )
        self.assertEqual(referral.status, "refused")

    def test_an_answer_or_a_channel_out_of_the_list_is_refused(self):
        for fields, key in (
            ({"channel": "email", "answer": "accepted"}, "answer"),
            ({"channel": "phone", "answer": "completed"}, "answer"),
            ({"channel": "pigeon"}, "channel"),
        ):
            with self.assertRaises(ValidationError) as caught:
                self.refer(service=self.no_email, **fields)
            self.assertIn(key, caught.exception.message_dict)
        self.assertFalse(Referral.objects.exists())
        self.assertEqual(mail.outbox, [])

    def test_the_worker_records_the_answer_later_and_nobody_is_reminded(self):
        referral = self.refer(service=self.no_email, channel="letter")
        later = timezone.now() + timedelta(days=60)
        for _ in range(5):
            self.assertEqual(actions.send_reminders(now=later)["reminded"], 0)
        referral.refresh_from_db()
        self.assertEqual((referral.status, referral.reminder_count), ("sent", 0))
        actions.update_status(referral, "accepted", via=self.noor, version=referral.version)
        referral.refresh_from_db()
        self.assertEqual(referral.status, "accepted")
        self.assertEqual(referral.changes.last().by, self.noor)
        self.assertEqual(mail.outbox, [])

    def test_an_emailed_referral_is_still_reminded(self):
        self.refer()
        later = timezone.now() + timedelta(days=8)
        self.assertEqual(actions.send_reminders(now=later)["reminded"], 1)


class ReferByPhonePageTests(OrientationTestCase):
    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        cls.no_email = make_service("svc-no-email", name="Maison de quartier", email="")
        Phone.objects.create(id="phone-no-email", service=cls.no_email, number="02 511 22 33")

    def url(self) -> str:
        return f"/orientation/new/?service={self.no_email.pk}&case={self.case.pk}"

    def test_the_page_offers_the_other_ways_and_the_phone_number(self):
        self.login(self.camille)
        page = self.client.get(self.url(), HTTP_ACCEPT_LANGUAGE="en")
        self.assertEqual(page.status_code, 200)
        self.assertNotContains(page, 'name="channel" value="email"')
        self.assertContains(page, 'name="channel" value="phone"')
        self.assertContains(page, 'href="tel:025112233"')
        self.assertContains(page, "No email address in the directory")

    def test_a_referral_by_phone_with_its_answer_reads_back_on_its_page(self):
        self.login(self.camille)
        response = self.client.post(
            self.url(),
            {
                "channel": "phone",
                "life_domain": "housing",
                "need": "Un logement adapté",
                "person_agreed": "on",
                "answer": "accepted",
                "answer_reason": "Premier rendez-vous lundi",
            },
            HTTP_ACCEPT_LANGUAGE="en",
        )
        referral = Referral.objects.get()
        self.assertRedirects(response, f"/orientation/{referral.pk}/")
        page = self.client.get(f"/orientation/{referral.pk}/", HTTP_ACCEPT_LANGUAGE="en")
        self.assertContains(page, "by phone")
        self.assertContains(page, "Premier rendez-vous lundi")
        self.assertContains(page, "Record the service's answer")
        self.assertNotContains(page, "Reminders")
        self.assertEqual(mail.outbox, [])

    def test_a_refusal_without_reason_names_the_field_and_keeps_what_was_typed(self):
        self.login(self.camille)
        response = self.client.post(
            self.url(),
            {
                "channel": "phone",
                "life_domain": "housing",
                "need": "Un logement adapté au fauteuil",
                "person_agreed": "on",
                "answer": "refused",
            },
            HTTP_ACCEPT_LANGUAGE="en",
        )
        self.assertEqual(response.status_code, 200)
        self.assertContains(response, "Give the reason of the refusal.")
        self.assertContains(response, "Un logement adapté au fauteuil")
        self.assertRegex(response.content.decode(), r'value="refused"[^>]*checked')
        self.assertFalse(Referral.objects.exists())

    def test_the_worker_records_the_answer_later_on_the_referrals_page(self):
        referral = self.refer(service=self.no_email, channel="phone")
        self.login(self.noor)
        response = self.client.post(
            f"/orientation/{referral.pk}/status/",
            {"status": "refused", "reason": "Hors zone", "version": referral.version},
        )
        self.assertRedirects(response, f"/orientation/{referral.pk}/")
        referral.refresh_from_db()
        self.assertEqual((referral.status, referral.status_reason), ("refused", "Hors zone"))
        self.assertTrue(AuditEvent.objects.filter(verb="referral.refused").exists())
