"""The guard of the public submissions: a proof of work accepted once, limits per address
and overall that hold in the database, and the signs of spam."""

import base64
import json
from datetime import timedelta

import altcha
from django.test import RequestFactory, TestCase, override_settings
from django.utils import timezone

from maillage.guard import gate
from maillage.guard.models import Attempt
from maillage.guard.testing import solution


def from_address(address: str = "203.0.113.7"):
    return RequestFactory().post("/public/request/", REMOTE_ADDR=address)


class ChallengeTests(TestCase):
    def test_the_endpoint_serves_a_standard_challenge_without_a_token(self) -> None:
        response = self.client.get("/api/v1/public/challenge")
        self.assertEqual(response.status_code, 200)
        challenge = response.json()
        self.assertEqual(set(challenge), {"parameters", "signature"})
        self.assertEqual(challenge["parameters"]["algorithm"], "SHA-256")
        self.assertGreater(challenge["parameters"]["expiresAt"], timezone.now().timestamp())
        solved = altcha.solve_challenge(altcha.v2.Challenge.from_dict(challenge))
        payload = altcha.Payload(altcha.v2.Challenge.from_dict(challenge), solved)
        verdict = gate.check(from_address(), {"altcha": payload.to_base64()}, kind="request")
        self.assertFalse(verdict.spam)


class SolutionTests(TestCase):
    def test_a_solution_is_accepted_once(self) -> None:
        payload = solution()
        gate.check(from_address(), {"altcha": payload}, kind="request")
        with self.assertRaises(gate.Refused) as refused:
            gate.check(from_address(), {"altcha": payload}, kind="request")
        self.assertEqual((refused.exception.status, refused.exception.field), (400, "altcha"))

    def test_no_solution_a_forged_one_or_garbage_is_refused(self) -> None:
        genuine = json.loads(base64.b64decode(solution()))
        forged = dict(genuine, challenge=dict(genuine["challenge"], signature="0" * 64))
        for payload in (
            None,
            "",
            "not base64 at all",
            base64.b64encode(json.dumps(forged).encode()).decode(),
            "A" * 5000,
            ["a list"],
        ):
            with (
                self.subTest(payload=str(payload)[:20]),
                self.assertRaises(gate.Refused) as refused,
            ):
                gate.check(from_address(), {"altcha": payload}, kind="request")
            self.assertEqual(refused.exception.status, 400)
            self.assertIn("robot", refused.exception.message)
        self.assertFalse(Attempt.objects.exists())

    def test_an_expired_challenge_is_refused(self) -> None:
        made = altcha.v2.Challenge.from_dict(
            gate.challenge(now=timezone.now() - timedelta(hours=1))
        )
        payload = altcha.Payload(made, altcha.solve_challenge(made)).to_base64()
        with self.assertRaises(gate.Refused):
            gate.check(from_address(), {"altcha": payload}, kind="request")

    def test_a_challenge_signed_with_another_key_is_refused(self) -> None:
        made = altcha.create_challenge("SHA-256", 10, hmac_secret="another site")
        payload = altcha.Payload(made, altcha.solve_challenge(made)).to_base64()
        with self.assertRaises(gate.Refused):
            gate.check(from_address(), {"altcha": payload}, kind="request")


@override_settings(PUBLIC_LIMIT_PER_ADDRESS=3, PUBLIC_LIMIT_OVERALL=5)
class LimitTests(TestCase):
    def test_an_address_over_its_limit_gets_429_and_others_go_on(self) -> None:
        for _ in range(3):
            gate.check(from_address(), {"altcha": solution()}, kind="request")
        with self.assertRaises(gate.Refused) as refused:
            gate.check(from_address(), {"altcha": solution()}, kind="signal")
        self.assertEqual(refused.exception.status, 429)
        self.assertIn("est conservé", refused.exception.message)  # in the page's language
        gate.check(from_address("198.51.100.1"), {"altcha": solution()}, kind="request")
        self.assertEqual(Attempt.objects.count(), 4)

    def test_the_limit_counts_the_last_hour_only(self) -> None:
        for _ in range(3):
            gate.check(from_address(), {"altcha": solution()}, kind="request")
        Attempt.objects.update(at=timezone.now() - timedelta(minutes=61))
        gate.check(from_address(), {"altcha": solution()}, kind="request")
        self.assertEqual(Attempt.objects.count(), 1)  # the old ones were forgotten

    def test_the_overall_limit_holds_whatever_the_address(self) -> None:
        for n in range(5):
            gate.check(from_address(f"198.51.100.{n}"), {"altcha": solution()}, kind="request")
        with self.assertRaises(gate.Refused) as refused:
            gate.check(from_address("192.0.2.1"), {"altcha": solution()}, kind="request")
        self.assertEqual(refused.exception.status, 429)

    def test_the_address_is_kept_only_as_a_keyed_digest(self) -> None:
        gate.check(from_address("203.0.113.99"), {"altcha": solution()}, kind="request")
        stored = Attempt.objects.get()
        self.assertNotIn("203.0.113.99", stored.address)
        self.assertEqual(len(stored.address), 64)


class SpamTests(TestCase):
    def test_the_hidden_field_and_many_links_mark_spam(self) -> None:
        cases = [
            ({"website": "http://x"}, (), ["hidden_field"]),
            ({}, ["see https://a.example and www.b.example", "http://c.example"], ["links"]),
            ({}, ["my GP is dr-x (www.drx.be)"], []),
            ({"website": "  "}, (), []),
        ]
        for extra, texts, reasons in cases:
            with self.subTest(reasons=reasons):
                verdict = gate.check(
                    from_address(), {"altcha": solution(), **extra}, kind="request", texts=texts
                )
                self.assertEqual((verdict.spam, verdict.reasons), (bool(reasons), reasons))
