"""The private status page: what the requester wrote, the state, the answer — and
nothing else; an unknown or altered link is a 404. The requester is emailed the answer
in their language."""

import re

from django.core import mail

from maillage.audit.models import AuditEvent
from maillage.casefile import actions as casefile_actions
from maillage.cases import actions as case_actions
from maillage.intake import actions as intake_actions
from maillage.orientation import actions as orientation_actions
from maillage.orientation.tests.fixtures import make_service
from maillage.public import actions
from maillage.public.models import PublicSubmission
from maillage.testing import MaillageTestCase

from .base import body


class StatusPageTests(MaillageTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.submission, cls.token, _how = actions.submit(body("brusano"), language="fr")
        cls.url = f"/public/request/status/{cls.token}/"

    def request(self):
        return self.submission.support_request

    def test_an_unknown_or_altered_link_is_a_404(self):
        altered = self.token[:-1] + ("A" if self.token[-1] != "A" else "B")
        for token in (altered, "nothing", "x" * 150, self.token.upper()):
            with self.subTest(token=token[:12]):
                self.assertEqual(
                    self.client.get(f"/public/request/status/{token}/").status_code, 404
                )

    def test_a_new_request_is_received_and_shows_what_was_written(self):
        page = self.client.get(self.url, HTTP_ACCEPT_LANGUAGE="en")
        self.assertEqual(page.context["state"], "received")
        self.assertContains(page, "Un accompagnement pour reprendre pied.")
        self.assertContains(page, "Marie Aidant")
        self.assertNotContains(page, "The answer")

    def test_assigning_or_changing_the_facts_makes_it_being_examined(self):
        intake_actions.assign_request(self.request(), by=self.ines, worker=self.camille)
        self.assertEqual(self.client.get(self.url).context["state"], "examined")

    def test_facts_corrected_by_the_team_are_examined_but_not_shown(self):
        request = self.request()
        intake_actions.update_facts(
            request, by=self.ines, facts={"living_situation": "institution"}, version=None
        )
        page = self.client.get(self.url, HTTP_ACCEPT_LANGUAGE="en")
        self.assertEqual(page.context["state"], "examined")
        self.assertContains(page, "at home")
        self.assertNotContains(page, "in an institution")

    def test_a_refusal_shows_its_reason(self):
        casefile_actions.answer_request(
            self.request(), by=self.ines, kind="refuse", reason="Hors de notre territoire."
        )
        page = self.client.get(self.url, HTTP_ACCEPT_LANGUAGE="en")
        self.assertEqual(page.context["state"], "answered")
        self.assertContains(page, "Your request is refused.")
        self.assertContains(page, "Hors de notre territoire.")

    def test_an_orientation_names_the_service_and_how_to_reach_it(self):
        service = make_service("svc-public", name="Maison Médicale Test")
        service.url = "https://maison.example.org"
        service.save()
        orientation_actions.refer_from_request(
            by=self.ines,
            support_request=self.request(),
            service=service,
            need="Un suivi médical",
            reason="Plus proche de chez elle",
            channel="phone",
            person_agreed=True,
        )
        page = self.client.get(self.url, HTTP_ACCEPT_LANGUAGE="en")
        self.assertContains(page, "The team orients you to Maison Médicale Test.")
        self.assertContains(page, "accueil@logement.example.org")
        self.assertContains(page, "https://maison.example.org")

    def test_nothing_added_by_the_team_nor_other_requesters_is_shown(self):
        request = self.request()
        intake_actions.override_outcome(
            request, by=self.ines, outcome="eligible", justification="SECRET-OVERRIDE", version=None
        )
        intake_actions.add_requester(
            request,
            by=self.ines,
            requester=intake_actions.RequesterData(
                kind="professional", name="OTHER-REQUESTER", organisation="CPAS"
            ),
        )
        casefile_actions.answer_request(
            request, by=self.ines, kind="accept", case_workers=[self.camille]
        )
        case_actions.add_journal_entry(
            request.case, by=self.camille, kind="note", text="SECRET-JOURNAL"
        )
        page = self.client.get(self.url, HTTP_ACCEPT_LANGUAGE="en")
        self.assertContains(page, "Your request is accepted.")
        for secret in ("SECRET-OVERRIDE", "OTHER-REQUESTER", "SECRET-JOURNAL", "Camille", "CPAS"):
            self.assertNotContains(page, secret)

    def test_each_read_is_audited_as_anonymous(self):
        self.client.get(self.url)
        event = AuditEvent.objects.get(verb="public.status_viewed")
        self.assertIsNone(event.actor_id)
        self.assertEqual(event.target_id, str(self.submission.pk))


class AnswerEmailTests(MaillageTestCase):
    def test_the_answer_is_emailed_once_in_the_language_of_the_submission(self):
        with self.captureOnCommitCallbacks(execute=True):
            submission, _token, _how = actions.submit(body("bru-stars"), language="nl")
        mail.outbox.clear()
        with self.captureOnCommitCallbacks(execute=True):
            casefile_actions.answer_request(
                submission.support_request, by=self.ines, kind="refuse", reason="Te oud."
            )
        (message,) = mail.outbox
        self.assertEqual(message.to, ["marie@example.org"])
        self.assertIn("Bru-Stars – klinisch casemanagement", message.subject)
        self.assertNotIn("Te oud.", message.body)  # the answer is behind the private link
        link = re.search(r"https?://\S+/public/request/status/(\S+)/", message.body)
        page = self.client.get(f"/public/request/status/{link.group(1)}/")
        self.assertContains(page, "Te oud.")
        self.assertEqual(actions.send_due_answers(), 0)  # told once

    def test_an_answer_through_a_referral_is_told_by_the_periodic_job(self):
        with self.captureOnCommitCallbacks(execute=True):
            submission, _token, _how = actions.submit(body("brusano"), language="fr")
        mail.outbox.clear()
        orientation_actions.refer_from_request(
            by=self.ines,
            support_request=submission.support_request,
            service=make_service("svc-job"),
            need="Un logement",
            reason="Hors missions",
            channel="phone",
            person_agreed=True,
        )
        with self.captureOnCommitCallbacks(execute=True):
            self.assertEqual(actions.send_due_answers(), 1)
        self.assertEqual(len(mail.outbox), 1)
        self.assertIsNotNone(PublicSubmission.objects.get().answer_sent_at)
