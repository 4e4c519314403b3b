"""The assessment API: list, record (and re-assess), read with what changed, correct."""

import json
from typing import Any

from maillage.accounts.models import User
from maillage.api.tests.base import ApiTestCase, field_names
from maillage.assessments.models import Assessment
from maillage.audit.models import AuditEvent
from maillage.cases.models import Case
from maillage.programmes.models import Programme

from .base import days_ago, open_case

BODY = {
    "assessed_on": None,
    "summary": "Premier bilan après trois rencontres.",
    "domains": [
        {
            "domain": "housing",
            "needs": "Un logement stable.",
            "difficulties": "Arriérés de loyer.",
            "resources_person": "Connaît bien son quartier.",
            "resources_entourage": "Sa sœur peut l'héberger quelques jours.",
            "severity": 3,
            "person_priority": 3,
            "readiness": "Prête à rencontrer l'assistante sociale du CPAS.",
            "risks": "Expulsion.",
        },
        {"domain": "mental_health", "needs": "Reprendre un suivi.", "severity": 2},
        {"domain": "income"},
    ],
}


class AssessmentApiTests(ApiTestCase):
    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        cls.case = open_case(cls)
        cls.path = f"cases/{cls.case.pk}/assessments"

    def put(self, path: str, user: User, body: Any) -> Any:
        return self.client.put(
            f"/api/v1/{path}",
            json.dumps(body),
            content_type="application/json",
            secure=True,
            **self.api.headers(user, "en"),
        )

    def post_assessment(self, user: User | None = None, **fields: Any) -> Any:
        return self.api.post(self.path, user or self.camille, {**BODY, **fields})

    def test_recording_answers_201_with_the_domains_said(self):
        response = self.post_assessment()
        self.assertEqual(response.status_code, 201, response.content)
        body = response.json()
        self.assertEqual(body["assessed_on"], days_ago(0).isoformat())
        self.assertEqual(body["assessed_by"], "camille")
        self.assertEqual(body["version"], 1)
        self.assertEqual([d["domain"] for d in body["domains"]], ["mental_health", "housing"])
        self.assertEqual(body["domains"][1], BODY["domains"][0])
        self.assertEqual((body["previous_id"], body["changes_since_previous"]), (None, []))
        event = AuditEvent.objects.get(verb="assessment.added")
        self.assertEqual((event.part, event.target_id), ("assessments", body["id"]))

    def test_a_re_assessment_is_new_and_says_what_changed(self):
        first = self.post_assessment(assessed_on=days_ago(90).isoformat()).json()
        domains = [
            {**BODY["domains"][0], "severity": 2, "readiness": "A rendez-vous au CPAS."},
            {"domain": "family", "needs": "Renouer avec son fils."},
        ]
        second = self.post_assessment(self.noor, domains=domains).json()
        self.assertEqual(second["previous_id"], first["id"])
        self.assertEqual(
            second["changes_since_previous"],
            [
                {
                    "domain": "mental_health",
                    "change": "removed",
                    "field": None,
                    "before": None,
                    "after": None,
                },
                {
                    "domain": "housing",
                    "change": "changed",
                    "field": "severity",
                    "before": 3,
                    "after": 2,
                },
                {
                    "domain": "housing",
                    "change": "changed",
                    "field": "readiness",
                    "before": "Prête à rencontrer l'assistante sociale du CPAS.",
                    "after": "A rendez-vous au CPAS.",
                },
                {
                    "domain": "family",
                    "change": "added",
                    "field": None,
                    "before": None,
                    "after": None,
                },
            ],
        )
        listed = self.api.get(self.path, self.olivier).json()
        self.assertEqual([item["id"] for item in listed["items"]], [second["id"], first["id"]])
        self.assertEqual(len(listed["items"][1]["domains"]), 2)
        self.assertIsNone(listed["next_page"])
        read = self.api.get(f"{self.path}/{second['id']}", self.lea).json()
        self.assertEqual(read["changes_since_previous"], second["changes_since_previous"])

    def test_the_list_pages_newest_first(self):
        for days in (30, 20, 10):
            self.post_assessment(assessed_on=days_ago(days).isoformat())
        page = self.api.get(self.path, self.camille, per_page=2).json()
        self.assertEqual(
            [i["assessed_on"] for i in page["items"]],
            [days_ago(10).isoformat(), days_ago(20).isoformat()],
        )
        self.assertEqual(page["next_page"], 2)

    def test_a_programme_accepts_only_its_domains(self):
        Programme.objects.filter(pk=self.brusano.pk).update(life_domains=["housing", "income"])
        response = self.post_assessment(domains=[BODY["domains"][1], BODY["domains"][0]])
        self.assertEqual(response.status_code, 422)
        self.assertEqual(field_names(response), ["domains.0.domain"])
        self.assertIn("housing, income", response.json()["errors"][0]["message"])
        response = self.post_assessment(domains=[BODY["domains"][0], BODY["domains"][2]])
        self.assertEqual(response.status_code, 201)

    def test_a_domain_given_twice_is_refused(self):
        response = self.post_assessment(
            domains=[BODY["domains"][0], BODY["domains"][1], BODY["domains"][0]]
        )
        self.assertEqual(response.status_code, 422)
        self.assertEqual(field_names(response), ["domains.2.domain"])

    def test_a_correction_answers_the_new_version(self):
        created = self.post_assessment().json()
        body = {**BODY, "summary": "Corrigé.", "domains": BODY["domains"][:1], "version": 1}
        response = self.put(f"{self.path}/{created['id']}", self.noor, body)
        self.assertEqual(response.status_code, 200, response.content)
        self.assertEqual((response.json()["version"], response.json()["summary"]), (2, "Corrigé."))
        self.assertEqual([d["domain"] for d in response.json()["domains"]], ["housing"])
        self.assertEqual(response.json()["assessed_on"], created["assessed_on"])
        self.assertEqual(Assessment.objects.count(), 1)
        event = AuditEvent.objects.get(verb="assessment.changed")
        self.assertEqual(event.changes, ["domains", "summary"])

    def test_a_stale_correction_is_a_conflict_with_the_current_version(self):
        created = self.post_assessment().json()
        path = f"{self.path}/{created['id']}"
        self.put(path, self.noor, {**BODY, "summary": "Noor.", "version": 1})
        response = self.put(path, self.camille, {**BODY, "summary": "Camille.", "version": 1})
        self.assertEqual(response.status_code, 409)
        self.assertEqual(response.json()["current_version"], 2)
        self.assertEqual(field_names(response), ["version"])
        self.assertEqual(Assessment.objects.get().summary, "Noor.")

    def test_the_version_is_required_to_correct(self):
        created = self.post_assessment().json()
        response = self.put(f"{self.path}/{created['id']}", self.camille, BODY)
        self.assertEqual(response.status_code, 422)
        self.assertEqual(field_names(response), ["version"])

    def test_an_outsider_gets_404_and_an_organiser_403(self):
        created = self.post_assessment().json()
        one = f"{self.path}/{created['id']}"
        self.assertEqual(self.api.get(self.path, self.bob).status_code, 404)
        self.assertEqual(self.api.get(one, self.bob).status_code, 404)
        self.assertEqual(self.post_assessment(self.bob).status_code, 404)
        self.assertEqual(self.put(one, self.bob, {**BODY, "version": 1}).status_code, 404)
        self.assertEqual(self.api.get(one, self.olivier).status_code, 200)
        self.assertEqual(self.post_assessment(self.olivier).status_code, 403)
        self.assertEqual(self.put(one, self.olivier, {**BODY, "version": 1}).status_code, 403)
        self.assertNotIn(b"Arri", self.api.get(one, self.bob).content)
        self.assertEqual(Assessment.objects.get().version, 1)

    def test_a_closed_case_refuses_writes_but_reads(self):
        created = self.post_assessment().json()
        Case.objects.filter(pk=self.case.pk).update(phase=Case.Phase.CLOSED)
        self.assertEqual(self.post_assessment().status_code, 403)
        one = f"{self.path}/{created['id']}"
        self.assertEqual(self.put(one, self.camille, {**BODY, "version": 1}).status_code, 403)
        self.assertEqual(self.api.get(one, self.camille).status_code, 200)

    def test_an_assessment_of_another_case_is_not_found_here(self):
        other = open_case(self)
        created = self.api.post(f"cases/{other.pk}/assessments", self.camille, BODY).json()
        self.assertEqual(
            self.api.get(f"{self.path}/{created['id']}", self.camille).status_code, 404
        )
        self.assertEqual(self.api.get(f"{self.path}/not-an-id", self.camille).status_code, 404)

    def test_reads_are_audited(self):
        created = self.post_assessment().json()
        self.api.get(self.path, self.lea)
        self.api.get(f"{self.path}/{created['id']}", self.lea)
        events = AuditEvent.objects.filter(verb="case.viewed", actor_id=self.lea.pk)
        self.assertEqual(list(events.values_list("part", flat=True)), ["assessments"] * 2)
