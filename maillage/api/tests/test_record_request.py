from datetime import datetime, timedelta
from typing import Any

from django.utils import timezone

from maillage import access
from maillage.audit.models import AuditEvent

from .base import RECEIVED, ApiTestCase, field_names, person, request_body

EM107_FACTS = {
    "living_situation": "street",
    "psychiatric_history": "at_risk",
    "network_state": "exhausted",
    "expressed_demand": "difficulty",
    "in_crisis": False,
}


def professional(organisation: str) -> dict[str, str]:
    return {"kind": "professional", "organisation": organisation, "sector": "health"}


def results(request: dict[str, Any]) -> dict[str, str]:
    return {c["code"]: c["result"] for c in request["eligibility"]["criteria"]}


def due(request: dict[str, Any]) -> datetime | None:
    return datetime.fromisoformat(request["answer_due"]) if request["answer_due"] else None


class RecordBrusanoRequestTests(ApiTestCase):
    def test_it_records_an_eligible_request_due_in_48_hours(self) -> None:
        response = self.api.post(
            "requests",
            self.ines,
            request_body("brusano", facts={"living_situation": "home"}),
        )
        self.assertEqual(response.status_code, 201, response.content)
        request = response.json()
        self.assertEqual(request["programme"], "brusano")
        self.assertEqual(request["status"], "open")
        self.assertEqual(request["eligibility"]["outcome"], "eligible")
        self.assertEqual(request["outcome"], "eligible")
        self.assertEqual(request["eligibility"]["missing_facts"], [])
        self.assertEqual(due(request), RECEIVED + timedelta(hours=48))
        self.assertEqual(datetime.fromisoformat(request["received_at"]), RECEIVED)
        self.assertEqual(request["facts"], {"living_situation": "home"})
        self.assertEqual(
            request["requesters"],
            [{"kind": "person", "organisation": "", "sector": "", "name": ""}],
        )
        self.assertEqual(
            {k: v for k, v in request["person"].items() if k != "id"},
            {
                "given_name": "Louis",
                "family_name": "Lambert",
                "birth_date": "1980-05-17",
                "residence": "21009",
            },
        )
        self.assertEqual(request["likely_duplicates"], [])
        self.assertIsNone(request["decision"])
        self.assertIsNone(request["case_id"])
        self.assertIsNone(request["override"])
        self.assertEqual(request["version"], 1)

    def test_it_records_through_the_actions_with_their_audit(self) -> None:
        request = self.post_request("brusano", self.ines)
        verbs = list(AuditEvent.objects.values_list("verb", flat=True))
        self.assertEqual(verbs[-2:], ["person.created", "request.recorded"])
        visible = access.requests_visible_to(self.camille).get(pk=request["id"])
        self.assertEqual(visible.channel, "api")
        self.assertEqual(visible.created_by, self.ines)

    def test_aged_exactly_18_is_adult(self) -> None:
        request = self.post_request(
            "brusano",
            self.ines,
            person=person(birth_date="2007-03-03"),
            facts={"living_situation": "home"},
        )
        self.assertEqual(results(request)["adult"], "met")
        self.assertEqual(request["eligibility"]["outcome"], "eligible")

    def test_aged_17_is_not_eligible(self) -> None:
        request = self.post_request(
            "brusano",
            self.ines,
            person=person(birth_date="2007-03-04"),
            facts={"living_situation": "home"},
        )
        self.assertEqual(results(request)["adult"], "not_met")
        self.assertEqual(request["eligibility"]["outcome"], "not_eligible")

    def test_unknown_facts_make_it_incomplete_and_are_listed(self) -> None:
        request = self.post_request(
            "brusano", self.ines, person=person(birth_date=None, residence=None)
        )
        self.assertEqual(request["eligibility"]["outcome"], "incomplete")
        self.assertEqual(
            request["eligibility"]["missing_facts"],
            ["birth_date", "residence", "living_situation"],
        )
        self.assertIsNone(request["person"]["birth_date"])
        self.assertIsNone(request["person"]["residence"])

    def test_living_outside_brussels_is_not_eligible(self) -> None:
        request = self.post_request(
            "brusano",
            self.ines,
            person=person(residence="outside"),
            facts={"living_situation": "home"},
        )
        self.assertEqual(results(request)["lives-in-brussels"], "not_met")
        self.assertEqual(request["eligibility"]["outcome"], "not_eligible")

    def test_a_time_without_offset_is_brussels_time(self) -> None:
        request = self.post_request("brusano", self.ines, received_at="2025-03-03T09:00:00")
        self.assertEqual(request["received_at"], "2025-03-03T09:00:00+01:00")
        self.assertEqual(request["answer_due"], "2025-03-05T09:00:00+01:00")

    def test_a_person_born_after_the_request_is_refused(self) -> None:
        body = request_body("brusano", person=person(birth_date="2024-06-01"))
        body["received_at"] = "2020-01-01T10:00:00+01:00"
        response = self.api.post("requests", self.ines, body)
        self.assertEqual(response.status_code, 422, response.content)
        self.assertIn("person.birth_date", [e["field"] for e in response.json()["errors"]])

    def test_48_hours_stay_48_across_a_change_of_clock_time(self) -> None:
        for received_at, expected in [
            ("2026-03-28T10:00:00", "2026-03-30T11:00:00+02:00"),  # summer time begins
            ("2026-10-24T10:00:00", "2026-10-26T09:00:00+01:00"),  # summer time ends
            ("2026-03-28T10:00:00+01:00", "2026-03-30T11:00:00+02:00"),  # the same moment
        ]:
            request = self.post_request("brusano", self.ines, received_at=received_at)
            self.assertEqual(request["answer_due"], expected, received_at)
            elapsed = due(request) - datetime.fromisoformat(request["received_at"])
            self.assertEqual(elapsed, timedelta(hours=48))

    def test_without_received_at_the_deadline_runs_from_now(self) -> None:
        body = request_body("brusano")
        del body["received_at"]
        before = timezone.now()
        request = self.api.post("requests", self.ines, body).json()
        self.assertGreaterEqual(due(request), before + timedelta(hours=48))  # type: ignore[operator]
        self.assertLessEqual(due(request), timezone.now() + timedelta(hours=48))  # type: ignore[operator]


class RecordEm107RequestTests(ApiTestCase):
    def test_it_records_an_eligible_request_due_in_14_days(self) -> None:
        request = self.post_request(
            "em107-precarite",
            self.ines,
            person=person(birth_date="2006-03-03"),
            facts=EM107_FACTS,
        )
        self.assertEqual(request["eligibility"]["outcome"], "eligible")
        self.assertEqual(results(request)["over-18"], "met")
        self.assertEqual(due(request), RECEIVED + timedelta(days=14))

    def test_aged_exactly_18_is_not_over_18(self) -> None:
        request = self.post_request(
            "em107-precarite",
            self.ines,
            person=person(birth_date="2007-03-03"),
            facts=EM107_FACTS,
        )
        self.assertEqual(results(request)["over-18"], "not_met")
        self.assertEqual(request["eligibility"]["outcome"], "not_eligible")

    def test_support_never_starts_in_crisis(self) -> None:
        request = self.post_request(
            "em107-precarite", self.ines, facts={**EM107_FACTS, "in_crisis": True}
        )
        self.assertEqual(results(request)["not-in-crisis"], "not_met")
        self.assertEqual(request["eligibility"]["outcome"], "not_eligible")

    def test_missing_facts_are_listed(self) -> None:
        facts = {**EM107_FACTS, "network_state": None}
        del facts["in_crisis"]
        request = self.post_request("em107-precarite", self.ines, facts=facts)
        self.assertEqual(request["eligibility"]["outcome"], "incomplete")
        self.assertEqual(request["eligibility"]["missing_facts"], ["network_state", "in_crisis"])
        self.assertNotIn("network_state", request["facts"])


class RecordBruStarsRequestTests(ApiTestCase):
    def young(self, **fields: Any) -> dict[str, Any]:
        return person(birth_date="2012-09-01", **fields)

    def test_two_professionals_of_different_organisations_make_it_eligible(self) -> None:
        request = self.post_request(
            "bru-stars",
            self.ines,
            person=self.young(),
            requesters=[professional("CPAS Ixelles"), professional("Hôpital Brugmann")],
        )
        self.assertEqual(request["eligibility"]["outcome"], "eligible")
        self.assertIsNone(request["answer_due"])

    def test_two_professionals_of_the_same_organisation_are_not_enough(self) -> None:
        request = self.post_request(
            "bru-stars",
            self.ines,
            person=self.young(),
            requesters=[professional("CPAS Ixelles"), professional(" cpas ixelles ")],
        )
        self.assertEqual(results(request)["two-professional-requesters"], "not_met")
        self.assertEqual(request["eligibility"]["outcome"], "not_eligible")

    def test_a_network_in_brussels_is_enough_when_living_outside(self) -> None:
        request = self.post_request(
            "bru-stars",
            self.ines,
            person=self.young(residence="outside"),
            facts={"network_in_brussels": True},
            requesters=[professional("CPAS Ixelles"), professional("SSM Le Méridien")],
        )
        self.assertEqual(results(request)["home-or-network-in-brussels"], "met")
        self.assertEqual(request["eligibility"]["outcome"], "eligible")

    def test_living_outside_without_known_network_is_incomplete(self) -> None:
        request = self.post_request(
            "bru-stars",
            self.ines,
            person=self.young(residence="outside"),
            requesters=[professional("CPAS Ixelles"), professional("SSM Le Méridien")],
        )
        self.assertEqual(results(request)["home-or-network-in-brussels"], "unknown")
        self.assertEqual(request["eligibility"]["missing_facts"], ["network_in_brussels"])

    def test_living_outside_without_network_is_not_eligible(self) -> None:
        request = self.post_request(
            "bru-stars",
            self.ines,
            person=self.young(residence="outside"),
            facts={"network_in_brussels": False},
            requesters=[professional("CPAS Ixelles"), professional("SSM Le Méridien")],
        )
        self.assertEqual(request["eligibility"]["outcome"], "not_eligible")


class RecordDuneRequestTests(ApiTestCase):
    def test_substance_use_and_exclusion_make_it_eligible_without_deadline(self) -> None:
        request = self.post_request(
            "dune-liaison", self.ines, facts={"substance_use": True, "social_exclusion": True}
        )
        self.assertEqual(request["eligibility"]["outcome"], "eligible")
        self.assertIsNone(request["answer_due"])

    def test_without_social_exclusion_it_is_not_eligible(self) -> None:
        request = self.post_request(
            "dune-liaison", self.ines, facts={"substance_use": True, "social_exclusion": False}
        )
        self.assertEqual(request["eligibility"]["outcome"], "not_eligible")

    def test_unknown_substance_use_is_incomplete(self) -> None:
        request = self.post_request("dune-liaison", self.bob, facts={"social_exclusion": True})
        self.assertEqual(request["eligibility"]["outcome"], "incomplete")
        self.assertEqual(request["eligibility"]["missing_facts"], ["substance_use"])


class RecordRequestAccessTests(ApiTestCase):
    def test_an_unknown_programme_is_named(self) -> None:
        response = self.api.post("requests", self.ines, request_body("no-such-programme"))
        self.assertEqual(response.status_code, 422)
        self.assertEqual(field_names(response), ["programme"])

    def test_another_teams_programme_looks_unknown(self) -> None:
        unknown = self.api.post("requests", self.bob, request_body("no-such-programme"))
        closed = self.api.post("requests", self.bob, request_body("brusano"))
        self.assertEqual(closed.status_code, 422)
        self.assertEqual(closed.json(), unknown.json())

    def test_users_without_a_team_record_nothing(self) -> None:
        for user in (self.zoe, self.ana, self.adam, self.pat):
            response = self.api.post("requests", user, request_body("brusano"))
            self.assertEqual(response.status_code, 422, user)
        self.assertEqual(access.requests_visible_to(self.lea).count(), 0)

    def test_invalid_facts_create_no_person(self) -> None:
        response = self.api.post(
            "requests", self.ines, request_body("brusano", facts={"in_crisis": "maybe"})
        )
        self.assertEqual(field_names(response), ["facts.in_crisis"])
        self.assertFalse(AuditEvent.objects.filter(verb="person.created").exists())


class LikelyDuplicatesTests(ApiTestCase):
    def test_it_lists_persons_who_may_be_the_same_and_records_anyway(self) -> None:
        first = self.post_request("brusano", self.ines)
        second = self.post_request(
            "brusano",
            self.camille,
            person=person(given_name="Louís", family_name="LAMBERT"),
        )
        self.assertNotEqual(second["person"]["id"], first["person"]["id"])
        self.assertEqual(
            second["likely_duplicates"],
            [
                {
                    "id": first["person"]["id"],
                    "given_name": "Louis",
                    "family_name": "Lambert",
                    "birth_date": "1980-05-17",
                }
            ],
        )

    def test_it_leaves_out_persons_the_caller_cannot_see(self) -> None:
        self.post_request("dune-liaison", self.bob)
        second = self.post_request("brusano", self.camille)
        self.assertEqual(second["likely_duplicates"], [])

    def test_a_known_person_can_be_reused_by_id(self) -> None:
        first = self.post_request("brusano", self.ines)
        body = request_body("em107-precarite", person_id=first["person"]["id"])
        del body["person"]
        response = self.api.post("requests", self.camille, body)
        self.assertEqual(response.status_code, 201, response.content)
        self.assertEqual(response.json()["person"], first["person"])
        self.assertEqual(response.json()["likely_duplicates"], [])

    def test_a_person_the_caller_cannot_see_is_refused(self) -> None:
        hidden = self.post_request("dune-liaison", self.bob)
        body = request_body("brusano", person_id=hidden["person"]["id"])
        del body["person"]
        response = self.api.post("requests", self.camille, body)
        self.assertEqual(response.status_code, 422)
        self.assertEqual(field_names(response), ["person_id"])
