"""API: GET/POST /cases/{id}/goals, GET/PUT /cases/{id}/goals/{goal_id}."""

from maillage.api.tests.base import field_names
from maillage.audit.models import AuditEvent
from maillage.cases.models import Case

from .base import PlanTestCase

GOAL = {
    "own_words": "Revoir mes enfants le week-end",
    "reformulation": "Rétablir le droit de visite",
    "priority": "high",
    "life_domains": ["family"],
}


class GoalApiTests(PlanTestCase):
    def setUp(self):
        super().setUp()
        self.path = f"cases/{self.case.pk}/goals"

    def test_a_worker_adds_a_goal_and_reads_it_back(self):
        response = self.api.post(self.path, self.camille, GOAL)
        self.assertEqual(response.status_code, 201, response.content)
        goal = response.json()
        self.assertEqual(
            {
                k: goal[k]
                for k in ("own_words", "priority", "status", "life_domains", "category", "version")
            },
            {
                "own_words": "Revoir mes enfants le week-end",
                "priority": "high",
                "status": "open",
                "life_domains": ["family"],
                "category": "plan",
                "version": 1,
            },
        )
        self.assertEqual(self.api.get(f"{self.path}/{goal['id']}", self.olivier).json(), goal)
        listed = self.api.get(self.path, self.noor).json()
        self.assertEqual([g["id"] for g in listed["items"]], [goal["id"]])
        self.assertIsNone(listed["next_page"])
        self.assertEqual(AuditEvent.objects.get(verb="goal.added").part, "goals")
        viewed = AuditEvent.objects.filter(verb="case.viewed").values_list("part", flat=True)
        self.assertIn("goals", list(viewed))

    def test_the_list_puts_open_goals_first_and_filters_by_status(self):
        self.add_goal("Atteint", status="reached", priority=1)
        self.add_goal("Ouvert", priority=3)
        items = self.api.get(self.path, self.camille).json()["items"]
        self.assertEqual([g["own_words"] for g in items], ["Ouvert", "Atteint"])
        reached = self.api.get(self.path, self.camille, status="reached").json()["items"]
        self.assertEqual([g["own_words"] for g in reached], ["Atteint"])

    def test_changing_a_goal_needs_the_current_version(self):
        goal = self.add_goal()
        url = f"{self.path}/{goal.pk}"
        body = {**GOAL, "status": "reached", "version": 1}
        response = self.api.put(url, self.noor, body)
        self.assertEqual(response.status_code, 200, response.content)
        self.assertEqual((response.json()["status"], response.json()["version"]), ("reached", 2))
        stale = self.api.put(url, self.camille, {**body, "own_words": "Autre chose"})
        self.assertEqual(stale.status_code, 409)
        self.assertEqual(stale.json()["current_version"], 2)
        goal.refresh_from_db()
        self.assertEqual(goal.own_words, GOAL["own_words"])
        missing = self.api.put(url, self.camille, GOAL)
        self.assertEqual((missing.status_code, field_names(missing)), (422, ["version"]))

    def test_outsiders_get_404_organisers_403_and_closed_cases_403(self):
        goal = self.add_goal("Secretgoal")
        url = f"{self.path}/{goal.pk}"
        for response in (
            self.api.get(self.path, self.bob),
            self.api.get(url, self.bob),
            self.api.post(self.path, self.bob, GOAL),
            self.api.put(url, self.bob, {**GOAL, "version": 1}),
        ):
            self.assertEqual(response.status_code, 404)
            self.assertNotIn(b"Secretgoal", response.content)
        self.assertEqual(self.api.post(self.path, self.olivier, GOAL).status_code, 403)
        self.assertEqual(self.api.put(url, self.olivier, {**GOAL, "version": 1}).status_code, 403)
        Case.objects.filter(pk=self.case.pk).update(phase=Case.Phase.CLOSED)
        self.assertEqual(self.api.post(self.path, self.camille, GOAL).status_code, 403)
        self.assertEqual(self.api.get(url, self.camille).status_code, 200)
        self.assertEqual(self.case.goals.count(), 1)

    def test_a_goal_of_another_case_is_not_found(self):
        other = self.open_case()
        goal = self.add_goal()
        response = self.api.get(f"cases/{other.pk}/goals/{goal.pk}", self.camille)
        self.assertEqual(response.status_code, 404)
        self.assertEqual(self.api.get(f"{self.path}/not-a-uuid", self.camille).status_code, 404)
