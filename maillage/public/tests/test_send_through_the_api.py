"""POST /api/v1/public/requests: a request without an account, in its team's queue,
its deadline running from the moment it was sent."""

from datetime import timedelta
from unittest import mock

from django.core import mail
from django.utils import timezone

from maillage.audit.models import AuditEvent
from maillage.guard import gate
from maillage.intake.models import SupportRequest
from maillage.people.models import Person
from maillage.public.models import PublicSubmission
from maillage.testing import MaillageTestCase, make_person

from .base import api_body

URL = "/api/v1/public/requests"


class SendThroughTheApiTests(MaillageTestCase):
    def send(self, body, **headers):
        with self.captureOnCommitCallbacks(execute=True):
            return self.client.post(URL, body, content_type="application/json", **headers)

    def test_each_programme_gets_its_request_in_its_team_queue_with_its_deadline(self):
        for programme in (self.brusano, self.brustars, self.dune, self.em107):
            with self.subTest(programme.code):
                before = timezone.now()
                response = self.send(api_body(programme.code))
                self.assertEqual(response.status_code, 201, response.content)
                submission = PublicSubmission.objects.get(programme=programme)
                request = submission.support_request
                self.assertEqual(request.programme, programme)
                self.assertEqual(request.team_id, programme.team_id)
                self.assertEqual(request.channel, SupportRequest.Channel.PUBLIC_FORM)
                self.assertEqual(request.received_at, submission.submitted_at)
                self.assertGreaterEqual(submission.submitted_at, before)
                if programme.answer_deadline_hours is None:
                    self.assertIsNone(request.answer_due)
                    self.assertIsNone(response.json()["answer_due"])
                else:
                    due = submission.submitted_at + timedelta(hours=programme.answer_deadline_hours)
                    self.assertEqual(request.answer_due, due)
                self.assertIn("/public/request/status/", response.json()["status_url"])
                self.assertEqual(response.json()["programme_chosen"], "chosen")

    def test_the_request_is_in_the_queue_of_the_team_and_no_other(self):
        self.send(api_body("em107-precarite"))
        self.login(self.ines)
        self.assertContains(self.client.get("/requests/?tab=open"), "Publique")
        self.client.logout()
        self.login(self.bob)
        self.assertNotContains(self.client.get("/requests/?tab=open"), "Publique")

    def test_brusano_criteria_are_met_by_a_carer_request(self):
        self.send(api_body("brusano"))
        request = SupportRequest.objects.get()
        self.assertEqual(request.eligibility_outcome, "eligible")
        self.assertEqual(request.all_facts()["age"], 67)

    def test_i_dont_know_goes_to_the_only_programme_that_could_fit(self):
        body = api_body("dune-liaison")
        body["programme"] = ""
        response = self.send(body)
        self.assertEqual(response.status_code, 201, response.content)
        self.assertEqual(response.json()["programme"], "dune-liaison")
        self.assertEqual(response.json()["programme_chosen"], "fits")
        verdicts = {f["programme"]: f["verdict"] for f in response.json()["fits"]}
        self.assertEqual(verdicts["dune-liaison"], "eligible")
        self.assertEqual(verdicts["brusano"], "incomplete")

    def test_i_dont_know_without_a_single_fit_goes_to_the_default_team(self):
        body = api_body("")
        body["facts"] = {}
        response = self.send(body)
        self.assertEqual(response.json()["programme"], "brusano")
        self.assertEqual(response.json()["programme_chosen"], "default")
        self.assertEqual(SupportRequest.objects.get().programme, self.brusano)

    def test_the_person_is_always_a_new_record(self):
        make_person(given_name="Jeanne", family_name="Publique")
        response = self.send(api_body("brusano"))
        self.assertEqual(response.status_code, 201)
        self.assertEqual(Person.objects.filter(family_name="Publique").count(), 2)
        self.assertNotIn("likely_duplicates", response.json())

    def test_the_requester_gets_the_status_link_by_email_in_their_language(self):
        self.send({**api_body("bru-stars", professional="CMP"), "language": "nl"})
        (message,) = mail.outbox
        self.assertEqual(message.to, ["paul@example.org"])
        self.assertIn("Bru-Stars – klinisch casemanagement", message.subject)
        self.assertIn("/public/request/status/", message.body)
        self.assertEqual(PublicSubmission.objects.get().language, "nl")

    def test_each_submission_is_audited_as_anonymous(self):
        self.send(api_body("brusano"))
        submission = PublicSubmission.objects.get()
        event = AuditEvent.objects.get(verb="public.request_submitted")
        self.assertIsNone(event.actor_id)
        self.assertEqual(str(event.person_id), str(submission.support_request.person_id))
        self.assertEqual(event.target_id, str(submission.pk))

    def test_bad_input_names_the_field_and_saves_nothing(self):
        cases = [
            ({"requester": {"kind": "professional", "email": "a@b.be"}}, "requester.organisation"),
            ({"requester": {"kind": "carer"}}, "requester.email"),
            ({"facts": {"in_crisis": "maybe"}}, "facts.in_crisis"),
            ({"facts": {"unknown_fact": True}}, "facts.unknown_fact"),
            ({"what_is_asked": "x" * 4001}, "what_is_asked"),
            ({"person": {"given_name": "", "family_name": "X"}}, "person.given_name"),
            ({"person": {"given_name": "A", "family_name": "B", "age": 200}}, "person.age"),
            (
                {"person": {"given_name": "A", "family_name": "B", "residence": "9999"}},
                "person.residence",
            ),
            ({"consent": "not_informed"}, "consent_reason"),
            ({"programme": "nope"}, "programme"),
            ({"requester": {"kind": "carer", "email": "not an email"}}, "requester.email"),
        ]
        for change, field in cases:
            with self.subTest(field):
                response = self.send({**api_body("brusano"), **change})
                self.assertIn(response.status_code, (400, 422), response.content)
                body = response.json()
                self.assertTrue(body["detail"].endswith("."))
                self.assertIn(field, [error["field"] for error in body["errors"]], body)
        self.assertFalse(PublicSubmission.objects.exists())
        self.assertFalse(SupportRequest.objects.exists())

    def test_a_refusal_of_the_guard_is_its_status_with_the_error_format(self):
        refused = gate.Refused(429, "Too many requests: try again in an hour.", "")
        with mock.patch.object(gate, "check", side_effect=refused):
            response = self.send(api_body("brusano"))
        self.assertEqual(response.status_code, 429)
        self.assertEqual(response.json()["detail"], "Too many requests: try again in an hour.")
        self.assertFalse(PublicSubmission.objects.exists())

    def test_no_token_is_needed(self):
        response = self.send(api_body("brusano"))
        self.assertEqual(response.status_code, 201)


class CheckThroughTheApiTests(MaillageTestCase):
    def check(self, body):
        return self.client.post(URL + "/check", body, content_type="application/json")

    def test_it_says_what_each_programme_criteria_say_and_saves_nothing(self):
        response = self.check(
            {
                "requester": {"kind": "professional", "organisation": "CMP"},
                "person": {"age": 16, "residence": "21001"},
                "facts": {"network_in_brussels": True},
            }
        )
        self.assertEqual(response.status_code, 200, response.content)
        fits = {f["programme"]: f for f in response.json()["fits"]}
        self.assertEqual(fits["bru-stars"]["verdict"], "incomplete")  # a colleague may join
        self.assertEqual(fits["brusano"]["verdict"], "not_eligible")  # 16 years old
        self.assertEqual(fits["dune-liaison"]["verdict"], "incomplete")
        self.assertTrue(all(c["reason"] for c in fits["brusano"]["criteria"]))
        self.assertFalse(PublicSubmission.objects.exists())

    def test_an_unknown_fact_is_named(self):
        response = self.check({"facts": {"mood": "sad"}})
        self.assertEqual(response.status_code, 422)
        self.assertEqual(response.json()["errors"][0]["field"], "facts.mood")
