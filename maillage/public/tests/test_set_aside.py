"""Submissions the guard takes for spam are set aside, answered as if all went well;
intake releases them into the queue (received when sent) or purges them."""

from datetime import timedelta
from unittest import mock

from django.utils import timezone

from maillage.audit.models import AuditEvent
from maillage.guard import gate
from maillage.intake.models import SupportRequest
from maillage.public import actions
from maillage.public.models import PublicSubmission
from maillage.testing import MaillageTestCase

from .base import api_body, body

SPAM = gate.Verdict(spam=True, reasons=["links"])


class SetAsideTests(MaillageTestCase):
    def test_spam_is_answered_as_usual_and_does_not_enter_the_queue(self):
        with mock.patch.object(gate, "check", return_value=SPAM):
            response = self.client.post(
                "/api/v1/public/requests", api_body("brusano"), content_type="application/json"
            )
        self.assertEqual(response.status_code, 201)
        self.assertIsNotNone(response.json()["answer_due"])
        submission = PublicSubmission.objects.get()
        self.assertIs(submission.spam, True)
        self.assertIsNone(submission.support_request)
        self.assertFalse(SupportRequest.objects.exists())
        status = self.client.get(response.json()["status_url"].split("testserver")[-1])
        self.assertEqual(status.status_code, 200)
        self.assertEqual(status.context["state"], "received")

    def test_the_page_form_sets_spam_aside_too(self):
        with mock.patch.object(gate, "check", return_value=SPAM):
            from .test_public_form import posted

            response = self.client.post("/public/request/", posted())
        self.assertEqual(response.status_code, 302)
        self.assertFalse(SupportRequest.objects.exists())

    def test_intake_releases_it_with_the_deadline_from_when_it_was_sent(self):
        sent = timezone.now() - timedelta(hours=5)
        submission, _token, _how = actions.submit(
            body("brusano"), language="fr", spam=True, now=sent
        )
        self.login(self.ines)
        page = self.client.get("/public/set-aside/")
        self.assertContains(page, "Un accompagnement pour reprendre pied.")
        response = self.client.post(f"/public/set-aside/{submission.pk}/release/")
        self.assertEqual(response.status_code, 302)
        request = SupportRequest.objects.get()
        self.assertEqual(request.received_at, sent)
        self.assertEqual(request.answer_due, sent + timedelta(hours=48))
        self.assertEqual(request.channel, "public_form")
        self.assertTrue(AuditEvent.objects.filter(verb="public.submission_released").exists())
        self.assertNotContains(self.client.get("/public/set-aside/"), "reprendre pied")

    def test_intake_purges_it_and_its_link_is_gone(self):
        submission, token, _how = actions.submit(body("brusano"), language="fr", spam=True)
        self.login(self.ines)
        self.client.post(f"/public/set-aside/{submission.pk}/purge/")
        self.assertFalse(PublicSubmission.objects.exists())
        self.assertTrue(AuditEvent.objects.filter(verb="public.submission_purged").exists())
        self.client.logout()
        self.assertEqual(self.client.get(f"/public/request/status/{token}/").status_code, 404)

    def test_another_team_neither_sees_nor_releases_it(self):
        submission, _token, _how = actions.submit(body("brusano"), language="fr", spam=True)
        self.login(self.bob)
        self.assertEqual(self.client.get("/public/set-aside/").status_code, 403)
        self.assertEqual(
            self.client.post(f"/public/set-aside/{submission.pk}/release/").status_code, 403
        )
        self.assertFalse(SupportRequest.objects.exists())

    def test_the_intake_page_shows_where_requests_came_from(self):
        submission, _token, _how = actions.submit(body("brusano"), language="fr")
        self.login(self.ines)
        queue = self.client.get("/requests/?tab=open", HTTP_ACCEPT_LANGUAGE="en")
        self.assertContains(queue, "via public request form")
        self.assertContains(queue, "Public requests set aside")
        detail = self.client.get(
            f"/requests/{submission.support_request_id}/", HTTP_ACCEPT_LANGUAGE="en"
        )
        self.assertContains(detail, "What the requester wrote in the public form")
        self.assertContains(detail, "Elle ne sort plus de chez elle depuis un mois.")


class SetAsideListTests(MaillageTestCase):
    def test_the_list_says_why_in_words_and_its_reading_is_audited(self):
        actions.submit(body("brusano"), language="fr", spam=True, spam_reasons=["hidden_field"])
        self.login(self.ines)
        page = self.client.get("/public/set-aside/")
        self.assertContains(page, "le champ que seuls les robots remplissent était rempli")
        self.assertNotContains(page, "hidden_field")
        self.assertTrue(
            AuditEvent.objects.filter(
                verb="public.set_aside_listed", actor_id=self.ines.pk
            ).exists()
        )
        self.login(self.bob)  # another team's case manager
        self.assertEqual(self.client.get("/public/set-aside/").status_code, 403)
