"""API: the journal of a case, and closing it."""

from datetime import timedelta

import pytest
from django.utils import timezone

from maillage.casefile import actions as casefile_actions
from maillage.testing import MaillageTestCase

from .base import ApiClient, issue_tokens


class JournalApiTests(MaillageTestCase):
    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        cls.tokens = issue_tokens(cls)
        support_request = cls.record(cls.brusano, cls.ines)
        casefile_actions.answer_request(
            support_request, by=cls.ines, kind="accept", case_workers=[cls.camille, cls.noor]
        )
        cls.case = support_request.case

    def setUp(self) -> None:
        self.api = ApiClient(self.client, self.tokens)
        self.base = f"cases/{self.case.pk}"

    def test_write_search_and_correct(self):
        created = self.api.post(
            f"{self.base}/journal",
            self.camille,
            {
                "kind": "phone_call",
                "text": "Called the GP about the pills.",
                "duration_minutes": 10,
                "category": "physical_health",
            },
        )
        self.assertEqual(created.status_code, 201, created.content)
        entry = created.json()
        found = self.api.get(f"{self.base}/journal", self.noor, q="pills").json()["items"]
        self.assertEqual([e["id"] for e in found], [entry["id"]])
        self.assertEqual(
            self.api.get(f"{self.base}/journal", self.noor, q="absent").json()["items"], []
        )
        updated = self.client.put(
            f"/api/v1/{self.base}/journal/{entry['id']}",
            {"kind": "phone_call", "text": "Corrected.", "version": 1},
            content_type="application/json",
            HTTP_AUTHORIZATION=f"Bearer {self.tokens['noor']}",
        )
        self.assertEqual(updated.json()["version"], 2)
        stale = self.client.put(
            f"/api/v1/{self.base}/journal/{entry['id']}",
            {"kind": "phone_call", "text": "Mine would be lost.", "version": 1},
            content_type="application/json",
            HTTP_AUTHORIZATION=f"Bearer {self.tokens['camille']}",
        )
        self.assertEqual(stale.status_code, 409)
        self.assertEqual(stale.json()["current_version"], 2)

    @pytest.mark.filterwarnings("ignore")
    def test_bad_input_names_the_field(self):
        cases = [
            ({"kind": "gossip", "text": "x"}, "kind"),
            ({"kind": "note", "text": ""}, "text"),
            ({"kind": "note", "text": "x", "duration_minutes": -5}, "duration_minutes"),
            ({"kind": "note", "text": "x", "category": "astrology"}, "category"),
            ({"kind": "note", "text": "x", "occurred_at": "yesterday"}, "occurred_at"),
            ({"kind": "note", "text": "x", "participants": "p" * 600}, "participants"),
            ({"kind": "note", "text": "x", "surprise": 1}, "surprise"),
            ({"kind": "note", "text": "a\x00b"}, "text"),  # PostgreSQL cannot store NUL
            ({"kind": "note", "text": "x", "participants": "\x00"}, "participants"),
        ]
        for body, field in cases:
            response = self.api.post(f"{self.base}/journal", self.camille, body)
            self.assertEqual(response.status_code, 422, body)
            self.assertIn(field, [e["field"] for e in response.json()["errors"]], body)

    def test_a_malformed_entry_id_is_not_found(self):
        self.assertEqual(
            self.api.get(f"{self.base}/journal/not-a-uuid", self.camille).status_code, 404
        )

    def test_closing_through_the_api(self):
        nul = self.api.post(f"{self.base}/close", self.camille, {"reason": "other", "note": "\x00"})
        self.assertIn("note", [e["field"] for e in nul.json()["errors"]])
        incomplete = self.api.post(f"{self.base}/close", self.camille, {"reason": "goals_reached"})
        self.assertEqual(incomplete.status_code, 422)
        self.assertEqual(
            {e["field"] for e in incomplete.json()["errors"]},
            {"actors_know_mission", "person_agrees", "network_holds", "follow_up_on"},
        )
        later = (timezone.localdate() + timedelta(days=60)).isoformat()
        closed = self.api.post(
            f"{self.base}/close",
            self.camille,
            {
                "reason": "goals_reached",
                "follow_up_on": later,
                "actors_know_mission": True,
                "person_agrees": True,
                "network_holds": True,
            },
        )
        self.assertEqual(closed.status_code, 200, closed.content)
        self.assertEqual(closed.json()["phase"], "closed")
        after = self.api.post(f"{self.base}/journal", self.camille, {"kind": "note", "text": "x"})
        self.assertEqual(after.status_code, 403)
        check = self.api.post(
            f"{self.base}/follow-up", self.noor, {"held": False, "note": "Evicted."}
        )
        self.assertEqual(check.json()["closure"]["follow_up_held"], False)
