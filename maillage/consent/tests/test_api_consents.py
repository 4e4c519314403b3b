"""GET and POST /api/v1/cases/{case_id}/consents."""

import json
from typing import Any

from django.db import connection
from django.test.utils import CaptureQueriesContext

from maillage.api.tests.base import ApiClient, field_names, issue_tokens
from maillage.audit.models import AuditEvent
from maillage.consent import actions
from maillage.consent.rules import consent_in_force

from .base import CPAS, GP, ConsentTestCase, add_actor

DELETE = object()


class ConsentApiTests(ConsentTestCase):
    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        cls.tokens = issue_tokens(cls)

    def setUp(self) -> None:
        self.api = ApiClient(self.client, self.tokens)

    def path(self, case=None) -> str:
        return f"cases/{(case or self.case).pk}/consents"

    def body(self, **fields: Any) -> dict[str, Any]:
        body = {
            "status": "given",
            "method": "written",
            "decided_by": "",
            "justification": "",
            "notes": "Signed at the office.",
            "shares": [
                {"actor_id": str(self.gp.pk), "categories": GP},
                {"actor_id": str(self.cpas.pk), "categories": CPAS},
            ],
        }
        for key, value in fields.items():
            if value is DELETE:
                del body[key]
            else:
                body[key] = value
        return body

    def post(self, body: Any, user=None):
        return self.api.post(self.path(), user or self.camille, body)

    # Reading

    def test_it_reads_the_consent_in_force_and_the_history(self):
        given = self.give(notes="First")
        withdrawal = actions.withdraw_consent(self.case, by=self.noor, reason="A pause")
        response = self.api.get(self.path(), self.noor)
        self.assertEqual(response.status_code, 200, response.content)
        body = response.json()
        self.assertEqual(body["in_force"]["id"], str(withdrawal.pk))
        self.assertEqual(body["in_force"]["status"], "withdrawn")
        self.assertEqual(body["in_force"]["justification"], "A pause")
        self.assertEqual(body["in_force"]["shares"], [])
        self.assertIs(body["sharing_allowed"], False)
        self.assertEqual(body["version"], 2)
        [earlier] = body["history"]
        self.assertEqual(earlier["id"], str(given.pk))
        self.assertEqual(
            set(earlier),
            {
                "id",
                "status",
                "method",
                "decided_by",
                "justification",
                "notes",
                "recorded_at",
                "recorded_by",
                "shares",
            },
        )
        self.assertEqual(earlier["recorded_by"], "camille")
        self.assertEqual(
            earlier["shares"],
            [
                {"actor_id": str(self.gp.pk), "actor_name": str(self.gp), "categories": GP},
                {"actor_id": str(self.cpas.pk), "actor_name": str(self.cpas), "categories": CPAS},
            ],
        )

    def test_without_consent_nothing_is_in_force(self):
        body = self.api.get(self.path(), self.olivier).json()
        self.assertEqual(
            body, {"in_force": None, "sharing_allowed": False, "history": [], "version": 0}
        )

    def test_reading_is_audited_as_the_consents_part(self):
        self.api.get(self.path(), self.camille)
        event = AuditEvent.objects.filter(verb="case.viewed").latest("seq")
        self.assertEqual((event.part, event.case_id), ("consents", self.case.pk))

    def test_another_team_gets_404(self):
        self.give()
        response = self.api.get(self.path(), self.bob)
        self.assertEqual(response.status_code, 404)
        self.assertNotIn(b"Dubois", response.content)
        self.assertEqual(self.api.get("cases/not-a-uuid/consents", self.camille).status_code, 404)

    def test_reading_costs_the_same_with_a_long_history(self):
        actors = [add_actor(self.case, f"Service {n}", sector="social") for n in range(10)]
        scope = [(actor.pk, ["plan", "income"]) for actor in actors]

        def queries() -> int:
            with CaptureQueriesContext(connection) as context:
                self.assertEqual(self.api.get(self.path(), self.camille).status_code, 200)
            return len(context.captured_queries)

        for _ in range(3):
            self.give(shares=scope)
        few = queries()
        for _ in range(17):
            self.give(shares=scope)
        self.assertEqual(queries(), few)

    # Recording

    def test_it_records_a_consent_in_force_at_once(self):
        response = self.post(self.body(version=0))
        self.assertEqual(response.status_code, 201, response.content)
        body = response.json()
        consent = consent_in_force(self.case)
        self.assertEqual(body["id"], str(consent.pk))
        self.assertEqual(
            (body["status"], body["method"], body["recorded_by"]), ("given", "written", "camille")
        )
        self.assertEqual(
            [s["actor_id"] for s in body["shares"]], [str(self.gp.pk), str(self.cpas.pk)]
        )
        event = AuditEvent.objects.get(verb="consent.recorded")
        self.assertEqual((event.part, event.target_id), ("consents", str(consent.pk)))

    def test_a_withdrawal_is_a_post_with_status_withdrawn(self):
        self.give()
        response = self.post({"status": "withdrawn", "justification": "Changed her mind."})
        self.assertEqual(response.status_code, 201, response.content)
        self.assertEqual(consent_in_force(self.case).status, "withdrawn")
        self.assertTrue(AuditEvent.objects.filter(verb="consent.withdrawn").exists())
        body = self.api.get(self.path(), self.camille).json()
        self.assertIs(body["sharing_allowed"], False)
        self.assertEqual(len(body["history"]), 1)

    def test_shares_are_ignored_for_statuses_without_sharing(self):
        response = self.post(self.body(status="no_demand", method=None))
        self.assertEqual(response.status_code, 201, response.content)
        self.assertEqual(response.json()["shares"], [])

    def test_the_organiser_gets_403_and_nothing_is_recorded(self):
        self.assertEqual(self.post(self.body(), self.olivier).status_code, 403)
        self.assertEqual(self.case.consents.count(), 0)

    def test_another_team_gets_404_on_post(self):
        response = self.post(self.body(), self.bob)
        self.assertEqual(response.status_code, 404)
        self.assertEqual(self.case.consents.count(), 0)

    def test_a_closed_case_gets_403(self):
        self.close(self.case)
        self.assertEqual(self.post(self.body()).status_code, 403)
        self.assertEqual(self.case.consents.count(), 0)

    def test_a_stale_version_gets_409_with_the_current_version(self):
        self.give()
        response = self.post(self.body(version=0))
        self.assertEqual(response.status_code, 409, response.content)
        self.assertEqual(response.json()["current_version"], 1)
        self.assertEqual(field_names(response), ["version"])
        self.assertEqual(self.case.consents.count(), 1)
        self.assertEqual(self.post(self.body(version=1)).status_code, 201)

    def test_actors_of_another_case_are_refused_naming_the_share(self):
        shares = [
            {"actor_id": str(self.gp.pk), "categories": GP},
            {"actor_id": str(self.stranger.pk), "categories": ["plan"]},
        ]
        response = self.post(self.body(shares=shares))
        self.assertEqual(response.status_code, 422)
        self.assertEqual(field_names(response), ["shares.1.actor_id"])
        self.assertEqual(self.case.consents.count(), 0)

    def test_unknown_categories_are_refused_naming_the_share(self):
        shares = [{"actor_id": str(self.gp.pk), "categories": ["plan", "astrology"]}]
        response = self.post(self.body(shares=shares))
        self.assertEqual(response.status_code, 422)
        self.assertEqual(field_names(response), ["shares.0.categories"])
        self.assertIn("astrology", response.json()["errors"][0]["message"])

    def test_bad_input_is_a_4xx_naming_the_field_never_a_500(self):
        gp = str(self.gp.pk)
        cases: list[tuple[Any, int, str | None]] = [
            ("{", 400, None),
            ("", 422, None),
            ("null", 422, None),
            ("[1, 2]", 422, None),
            ('"given"', 422, None),
            (self.body(status=DELETE), 422, "status"),
            (self.body(status="maybe"), 422, "status"),
            (self.body(status=None), 422, "status"),
            (self.body(status=["given"]), 422, "status"),
            (self.body(method="telepathy"), 422, "method"),
            (self.body(method=""), 422, "method"),
            (self.body(method=5), 422, "method"),
            (self.body(status="given_by_representative"), 422, "decided_by"),
            (self.body(status="child_interest", decided_by="Juge"), 422, "justification"),
            (self.body(decided_by="x" * 201), 422, "decided_by"),
            (self.body(decided_by={"name": "x"}), 422, "decided_by"),
            (self.body(justification="x" * 20_001), 422, "justification"),
            (self.body(notes=["a"]), 422, "notes"),
            (self.body(notes="a\x00b"), 422, "notes"),
            (self.body(shares="everyone"), 422, "shares"),
            (self.body(shares={"actor_id": gp}), 422, "shares"),
            (self.body(shares=[gp]), 422, "shares.0"),
            (self.body(shares=[{"categories": ["plan"]}]), 422, "shares.0.actor_id"),
            (self.body(shares=[{"actor_id": "gp", "categories": []}]), 422, "shares.0.actor_id"),
            (self.body(shares=[{"actor_id": 12, "categories": []}]), 422, "shares.0.actor_id"),
            (
                self.body(shares=[{"actor_id": "00000000-0000-0000-0000-000000000000"}]),
                422,
                "shares.0.actor_id",
            ),
            (
                self.body(shares=[{"actor_id": str(self.person_actor.pk), "categories": ["plan"]}]),
                422,
                "shares.0.actor_id",
            ),
            (
                self.body(shares=[{"actor_id": str(self.gone.pk), "categories": ["plan"]}]),
                422,
                "shares.0.actor_id",
            ),
            (
                self.body(shares=[{"actor_id": gp, "categories": []}, {"actor_id": gp}]),
                422,
                "shares.1.actor_id",
            ),
            (
                self.body(shares=[{"actor_id": gp, "categories": "plan"}]),
                422,
                "shares.0.categories",
            ),
            (self.body(shares=[{"actor_id": gp, "categories": [1]}]), 422, "shares.0.categories.0"),
            (
                self.body(shares=[{"actor_id": gp, "categories": ["x" * 31]}]),
                422,
                "shares.0.categories.0",
            ),
            (
                self.body(shares=[{"actor_id": gp, "categories": ["plan"] * 17}]),
                422,
                "shares.0.categories",
            ),
            (
                self.body(shares=[{"actor_id": gp, "categories": ["PLAN"]}]),
                422,
                "shares.0.categories",
            ),
            (self.body(shares=[{"actor_id": gp}] * 501), 422, "shares"),
            (self.body(version=-1), 422, "version"),
            (self.body(version="one"), 422, "version"),
            (self.body(version=2**31), 422, "version"),
            (self.body(status="withdrawn"), 422, "status"),  # nothing to withdraw
        ]
        for body, status, field in cases:
            with self.subTest(body=body if isinstance(body, str) else json.dumps(body)[:120]):
                response = self.post(body)
                self.assertEqual(response.status_code, status, response.content)
                payload = response.json()
                self.assertTrue(payload["detail"].endswith("."))
                if field is not None:
                    self.assertIn(field, field_names(response))
        self.assertEqual(self.case.consents.count(), 0)
