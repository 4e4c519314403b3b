"""POST /api/v1/public/signals: no account, findings in words, errors naming the field."""

import json
from typing import Any
from unittest import mock

from django.utils import translation

from maillage.audit.models import AuditEvent
from maillage.guard import gate
from maillage.screening import actions
from maillage.screening.models import ComplexitySignal
from maillage.testing import MaillageTestCase

from .base import COMPLEX, UNKNOWN, posted

URL = "/api/v1/public/signals"


class SignalApiTests(MaillageTestCase):
    def setUp(self) -> None:
        super().setUp()
        self.client.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"  # the assertions read English
        self.enterContext(translation.override("en"))

    def post(self, body: Any) -> Any:
        data = body if isinstance(body, str) else json.dumps(body)
        return self.client.post(URL, data, content_type="application/json")

    def test_it_records_an_anonymous_signal_and_says_what_it_suggests(self) -> None:
        response = self.post(posted(COMPLEX))
        self.assertEqual(response.status_code, 201, response.content)
        body = response.json()
        self.assertIn("case manager could help", body["summary"])
        self.assertEqual(len(body["criteria"]), 3)
        self.assertEqual(body["request_url"], "")
        self.assertIn(
            "Bru-Stars clinical case management", [f["name"] for f in body["does_not_fit"]]
        )
        self.assertNotIn("score", json.dumps(body))
        signal = ComplexitySignal.objects.get()
        self.assertIs(signal.anonymous, True)
        event = AuditEvent.objects.get(verb="signal.recorded")
        self.assertEqual((event.actor_id, event.target_id), (None, str(signal.pk)))

    def test_a_request_gets_the_link_to_the_request_form(self) -> None:
        response = self.post(posted(UNKNOWN, choice="request"))
        self.assertEqual(response.status_code, 201, response.content)
        url = response.json()["request_url"]
        self.assertIn("/public/request/?signal=", url)
        self.assertEqual(actions.facts_of(url.split("signal=")[1]), {})

    def test_a_wrong_answer_is_refused_naming_the_question(self) -> None:
        response = self.post(posted({**COMPLEX, "network": "on fire"}))
        self.assertEqual(response.status_code, 422)
        self.assertEqual([e["field"] for e in response.json()["errors"]], ["network"])
        self.assertFalse(ComplexitySignal.objects.exists())

    def test_a_missing_answer_is_refused_naming_the_question(self) -> None:
        body = posted(COMPLEX)
        del body["age_band"]
        response = self.post(body)
        self.assertEqual(response.status_code, 422)
        self.assertEqual([e["field"] for e in response.json()["errors"]], ["age_band"])

    def test_every_field_is_bounded(self) -> None:
        response = self.post(posted({**COMPLEX, "reporter": "x" * 10_000}))
        self.assertEqual(response.status_code, 422)
        self.assertEqual(response.json()["errors"][0]["field"], "reporter")
        response = self.post(posted({**COMPLEX, "domains": ["housing"] * 50}))
        self.assertEqual(response.json()["errors"][0]["field"], "domains")
        response = self.post(posted(COMPLEX, altcha="a" * 5000))
        self.assertEqual(response.json()["errors"][0]["field"], "altcha")

    def test_bad_input_is_never_a_server_error(self) -> None:
        for body in ("not json", "[]", "null", {"domains": "housing"}, {"domains": [[1]]}):
            response = self.post(body)
            self.assertIn(response.status_code, {400, 422}, body)
            self.assertIn("detail", response.json())
        self.assertFalse(ComplexitySignal.objects.exists())

    def test_a_refusal_of_the_guard_answers_its_status_in_our_error_format(self) -> None:
        refused = gate.Refused(400, "Solve the check again.", field="altcha")
        with mock.patch.object(gate, "check", side_effect=refused):
            response = self.post(posted(COMPLEX))
        self.assertEqual(response.status_code, 400)
        self.assertEqual(
            response.json(),
            {
                "detail": "Solve the check again.",
                "errors": [{"field": "altcha", "message": "Solve the check again."}],
            },
        )
        self.assertFalse(ComplexitySignal.objects.exists())

    def test_spam_is_answered_as_if_stored_but_not_stored(self) -> None:
        with mock.patch.object(gate, "check", return_value=gate.Verdict(spam=True)):
            response = self.post(posted(COMPLEX, choice="request"))
        self.assertEqual(response.status_code, 201)
        self.assertIn("signal=", response.json()["request_url"])
        self.assertFalse(ComplexitySignal.objects.exists())
