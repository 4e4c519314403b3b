"""Referring from a case and from a request; what the consent lets through; emails."""

from django.core import mail
from django.core.exceptions import ValidationError

from maillage.audit.models import AuditEvent
from maillage.consent import actions as consent_actions
from maillage.intake.models import SupportRequest
from maillage.orientation import actions, content
from maillage.orientation.models import Referral, ReferralLink

from .base import HOUSING_NEED, MENTAL_SECRET, OrientationTestCase
from .fixtures import make_service


class ReferFromCaseTests(OrientationTestCase):
    def test_a_referral_sends_only_the_chosen_categories_the_consent_allows(self):
        referral = self.refer()
        text = content.as_text(referral.shared_content)
        self.assertIn("Rosalie Vandamme", text)
        self.assertIn(HOUSING_NEED, text)
        self.assertNotIn(MENTAL_SECRET, text)
        self.assertNotIn("0470 11 22 33", text)  # contact details were not chosen
        self.assertEqual(referral.shared_categories, ["identity", "housing"])
        self.assertEqual(referral.status, Referral.Status.SENT)
        self.assertEqual(referral.sent_to, "accueil@logement.example.org")
        self.assertEqual(referral.changes.get().status, "sent")

    def test_the_email_carries_a_link_and_nothing_of_the_file(self):
        self.refer()
        self.assertEqual(len(mail.outbox), 1)
        message = mail.outbox[0]
        self.assertEqual(message.to, ["accueil@logement.example.org"])
        self.assertIn("Service Logement Test", message.subject)
        for secret in (MENTAL_SECRET, HOUSING_NEED, "Vandamme", "Rosalie", "Un logement adapté"):
            self.assertNotIn(secret, message.body)
            self.assertNotIn(secret, message.subject)
        token = self.token_from(message)
        link = ReferralLink.objects.get()
        self.assertNotEqual(link.token_hash, token)  # only the hash is stored
        self.assertIn("Camille", message.body)  # the referring worker and her contact
        self.assertIn("camille@brusano.example.org", message.body)

    def test_a_category_the_consent_withholds_is_refused_and_nothing_is_sent(self):
        with self.assertRaises(ValidationError) as caught:
            self.refer(categories=["identity", "mental_health"])
        self.assertIn("categories", caught.exception.message_dict)
        self.assertFalse(Referral.objects.exists())
        self.assertEqual(mail.outbox, [])

    def test_without_a_consent_that_allows_sharing_only_the_need_goes(self):
        consent_actions.record_consent(self.case, by=self.camille, status="withdrawn")
        self.assertEqual(content.allowed_categories(case=self.case), [])
        with self.assertRaises(ValidationError):
            self.refer(categories=["identity"])
        referral = self.refer(categories=[])
        self.assertEqual(referral.shared_content, [])

    def test_the_person_must_have_agreed(self):
        with self.assertRaises(ValidationError) as caught:
            self.refer(person_agreed=False)
        self.assertIn("person_agreed", caught.exception.message_dict)

    def test_the_recipient_is_the_service_then_a_contact_then_the_organisation(self):
        contact = make_service("svc-b", email="", contact_email="contact@b.example.org")
        organisation = make_service("svc-c", email="", organization_email="info@c.example.org")
        nobody = make_service("svc-d", email="")
        self.assertEqual(self.refer(service=contact).sent_to, "contact@b.example.org")
        self.assertEqual(self.refer(service=organisation).sent_to, "info@c.example.org")
        with self.assertRaises(ValidationError) as caught:
            self.refer(service=nobody)
        self.assertIn("service", caught.exception.message_dict)

    def test_the_email_is_in_the_services_language(self):
        dutch = make_service("svc-nl", name="Huisvesting", languages=("nl",))
        referral = self.refer(service=dutch)
        self.assertEqual(referral.language, "nl")
        self.assertEqual(self.refer().language, "fr")

    def test_sending_is_audited(self):
        referral = self.refer()
        event = AuditEvent.objects.get(verb="referral.sent")
        self.assertEqual(event.part, "orientation")
        self.assertEqual(event.case_id, self.case.pk)
        self.assertEqual(event.target_id, str(referral.pk))


class ReferPagesTests(OrientationTestCase):
    def test_from_a_case_the_form_offers_only_allowed_categories(self):
        self.login(self.camille)
        url = f"/orientation/new/?service={self.service.pk}&case={self.case.pk}"
        page = self.client.get(url)
        self.assertEqual(page.status_code, 200)
        self.assertContains(page, 'name="categories" value="housing"')
        self.assertNotContains(page, 'name="categories" value="mental_health"')
        response = self.client.post(
            url,
            {
                "channel": "email",
                "life_domain": "housing",
                "need": "Un logement adapté",
                "categories": ["identity", "mental_health"],
                "person_agreed": "on",
            },
        )
        self.assertEqual(response.status_code, 200)  # mental health is not a choice
        self.assertFalse(Referral.objects.exists())
        response = self.client.post(
            url,
            {
                "channel": "email",
                "life_domain": "housing",
                "need": "Un logement adapté",
                "person_agreed": "on",
            },
        )
        referral = Referral.objects.get()
        self.assertRedirects(response, f"/orientation/{referral.pk}/")

    def test_from_a_request_the_referral_answers_the_request_orient(self):
        self.login(self.ines)
        url = f"/orientation/new/?service={self.service.pk}&request={self.open_request.pk}"
        page = self.client.get(url)
        self.assertContains(page, 'name="categories" value="identity"')
        self.assertNotContains(page, 'name="categories" value="housing"')
        self.client.post(
            url,
            {
                "channel": "email",
                "need": "Un toit",
                "categories": ["identity"],
                "person_agreed": "on",
            },
        )
        referral = Referral.objects.get()
        self.assertIsNone(referral.case)
        self.assertIn("Omar Berrada", content.as_text(referral.shared_content))
        self.open_request.refresh_from_db()
        self.assertEqual(self.open_request.status, SupportRequest.Status.ANSWERED)
        self.assertEqual(self.open_request.decision.kind, "orient")
        self.assertEqual(self.open_request.decision.orient_target, "Service Logement Test")
        # The request page lists it.
        self.assertContains(
            self.client.get(f"/requests/{self.open_request.pk}/"), "Service Logement Test"
        )

    def test_the_request_page_links_to_the_directory(self):
        self.login(self.ines)
        page = self.client.get(f"/requests/{self.open_request.pk}/")
        self.assertContains(page, f"/directory/?request={self.open_request.pk}")

    def test_others_may_not_orient(self):
        url = f"/orientation/new/?service={self.service.pk}&case={self.case.pk}"
        self.assertEqual(self.login(self.bob).get(url).status_code, 404)
        self.assertEqual(self.login(self.olivier, self.client_class()).get(url).status_code, 403)
        self.assertEqual(
            self.login(self.camille, self.client_class())
            .get(f"/orientation/new/?service=nope&case={self.case.pk}")
            .status_code,
            404,
        )

    def test_the_case_shows_its_orientations(self):
        referral = self.refer()
        self.login(self.noor)
        page = self.client.get(f"/orientation/cases/{self.case.pk}/")
        self.assertContains(page, "Service Logement Test")
        self.assertContains(page, f"/directory/?case={self.case.pk}")
        overview = self.client.get(f"/cases/{self.case.pk}/")
        self.assertContains(overview, f"/orientation/{referral.pk}/")
        self.assertEqual(
            AuditEvent.objects.filter(verb="case.viewed", part="orientation").count(), 1
        )

    def test_reading_a_referral_is_audited(self):
        referral = self.refer()
        self.login(self.noor)
        self.assertContains(self.client.get(f"/orientation/{referral.pk}/"), HOUSING_NEED)
        event = AuditEvent.objects.get(verb="referral.viewed")
        self.assertEqual((event.part, event.case_id), ("orientation", self.case.pk))
        self.assertEqual(
            self.login(self.bob, self.client_class())
            .get(f"/orientation/{referral.pk}/")
            .status_code,
            404,
        )

    def test_the_worker_records_an_answer_given_by_phone(self):
        referral = self.refer()
        self.login(self.camille)
        response = self.client.post(
            f"/orientation/{referral.pk}/status/",
            {"status": "accepted", "reason": "", "version": referral.version},
        )
        self.assertRedirects(response, f"/orientation/{referral.pk}/")
        referral.refresh_from_db()
        self.assertEqual(referral.status, "accepted")
        change = referral.changes.last()
        self.assertEqual((change.via, change.by), ("worker", self.camille))
        stale = self.client.post(
            f"/orientation/{referral.pk}/status/",
            {"status": "completed", "version": 1},
        )
        referral.refresh_from_db()
        self.assertEqual(referral.status, "accepted")
        self.assertEqual(stale.status_code, 200)


class HelperTests(OrientationTestCase):
    def test_allowed_categories_from_a_request(self):
        self.assertEqual(
            content.allowed_categories(support_request=self.open_request), ["identity", "contact"]
        )
        self.assertEqual(actions.band_of_age(30), "25-64")
        self.assertEqual(actions.band_of_age(5), "0-11")
        self.assertEqual(actions.band_of_age(80), "65+")
