"""Floods and robots, through the real guard (no mock): from one address, the eleventh
submission within the hour gets 429 and the ten before are kept; a submission without a
solved challenge, or with one already used, is refused and saves nothing; the hidden
field sets a submission aside, answered as if received."""

import json

from django.test import override_settings

from maillage.guard.testing import solution
from maillage.intake.models import SupportRequest
from maillage.public.models import PublicSubmission
from maillage.public.tests.test_public_form import posted
from maillage.testing import MaillageTestCase

from .base import api_body

API = "/api/v1/public/requests"


class FloodTests(MaillageTestCase):
    def send(self, body, address="198.51.100.20"):
        return self.client.post(
            API, json.dumps(body), content_type="application/json", REMOTE_ADDR=address
        )

    def test_the_eleventh_from_one_address_gets_429_and_the_ten_are_kept(self):
        for n in range(10):
            response = self.send(api_body("brusano"))
            self.assertEqual(response.status_code, 201, (n, response.content))
        refused = self.send(api_body("brusano"))
        self.assertEqual(refused.status_code, 429)
        self.assertTrue(refused.json()["detail"])
        self.assertEqual(SupportRequest.objects.filter(programme=self.brusano).count(), 10)
        # The page says the same, and keeps what was typed.
        page = self.client.post("/public/request/", posted(), REMOTE_ADDR="198.51.100.20")
        self.assertEqual(page.status_code, 429)
        self.assertContains(page, "Jeanne", status_code=429)
        # Another address is not held back.
        self.assertEqual(self.send(api_body("brusano"), address="203.0.113.9").status_code, 201)
        self.assertEqual(PublicSubmission.objects.count(), 11)

    @override_settings(PUBLIC_LIMIT_OVERALL=3)
    def test_the_overall_limit_holds_across_addresses(self):
        for n in range(3):
            self.assertEqual(self.send(api_body(), address=f"192.0.2.{n}").status_code, 201)
        self.assertEqual(self.send(api_body(), address="192.0.2.99").status_code, 429)

    def test_without_a_solved_challenge_or_with_a_used_one_nothing_is_saved(self):
        for altcha in ("", "garbage"):
            response = self.send({**api_body(), "altcha": altcha})
            self.assertEqual(response.status_code, 400)
            self.assertEqual(response.json()["errors"][0]["field"], "altcha")
        used = solution()
        self.assertEqual(self.send({**api_body(), "altcha": used}).status_code, 201)
        self.assertEqual(self.send({**api_body(), "altcha": used}).status_code, 400)
        self.assertEqual(PublicSubmission.objects.count(), 1)
        page = self.client.post("/public/request/", posted(altcha=""))
        self.assertEqual(page.status_code, 400)
        self.assertContains(page, "Jeanne", status_code=400)
        self.assertEqual(PublicSubmission.objects.count(), 1)

    def test_the_robots_field_sets_the_submission_aside(self):
        response = self.send({**api_body(), "website": "http://spam.example"})
        self.assertEqual(response.status_code, 201)  # answered as if received
        submission = PublicSubmission.objects.get()
        self.assertTrue(submission.spam)
        self.assertIsNone(submission.support_request)
        self.assertFalse(SupportRequest.objects.exists())
