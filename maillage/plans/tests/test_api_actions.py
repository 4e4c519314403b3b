"""API: GET/POST /cases/{id}/actions, GET/PUT /cases/{id}/actions/{action_id}."""

from maillage.api.tests.base import field_names
from maillage.audit.models import AuditEvent
from maillage.network.models import Actor

from .base import PlanTestCase, days


class ActionApiTests(PlanTestCase):
    def setUp(self):
        super().setUp()
        self.path = f"cases/{self.case.pk}/actions"

    def body(self, **fields):
        return {
            "what": "Prendre rendez-vous chez le médecin traitant",
            "owner_id": str(self.person_actor.pk),
            "with_actor_ids": [str(self.noor_actor.pk)],
            "with_whom": "sa sœur",
            "how": "Par téléphone",
            "due_on": days(7).isoformat(),
            **fields,
        }

    def test_a_worker_adds_an_action_and_reads_it_back(self):
        goal = self.add_goal()
        response = self.api.post(self.path, self.camille, self.body(goal_id=str(goal.pk)))
        self.assertEqual(response.status_code, 201, response.content)
        action = response.json()
        self.assertEqual(
            action["owner"], {"id": str(self.person_actor.pk), "name": "Louis Lambert"}
        )
        self.assertEqual(action["with_actors"], [{"id": str(self.noor_actor.pk), "name": "Noor"}])
        self.assertEqual(
            (action["goal_id"], action["status"], action["overdue"], action["version"]),
            (str(goal.pk), "planned", False, 1),
        )
        self.assertEqual(self.api.get(f"{self.path}/{action['id']}", self.olivier).json(), action)
        self.assertEqual(AuditEvent.objects.get(verb="action.added").part, "actions")

    def test_the_list_filters_by_status_and_overdue(self):
        self.add_action("En retard", due_on=days(-2))
        self.add_action("Bientôt", due_on=days(2), status="in_progress")
        self.add_action("Fait", due_on=days(-9), status="done")

        def listed(**query):
            response = self.api.get(self.path, self.camille, **query)
            self.assertEqual(response.status_code, 200, response.content)
            return [(a["what"], a["overdue"]) for a in response.json()["items"]]

        self.assertEqual(listed(), [("Fait", False), ("En retard", True), ("Bientôt", False)])
        self.assertEqual(listed(overdue="true"), [("En retard", True)])
        self.assertEqual(listed(overdue="false"), [("Fait", False), ("Bientôt", False)])
        self.assertEqual(listed(status="in_progress"), [("Bientôt", False)])
        self.assertEqual(listed(status="pending"), [("En retard", True), ("Bientôt", False)])
        self.assertEqual(listed(per_page=1)[:1], [("Fait", False)])

    def test_two_clients_editing_the_same_action_the_second_is_refused_and_nothing_is_lost(self):
        action = self.api.post(self.path, self.camille, self.body()).json()
        url = f"{self.path}/{action['id']}"
        # Both read version 1.
        camille_copy = self.api.get(url, self.camille).json()
        noor_copy = self.api.get(url, self.noor).json()
        first = self.api.put(
            url, self.noor, self.body(how="Noor l'accompagne", version=noor_copy["version"])
        )
        self.assertEqual(first.status_code, 200, first.content)
        second = self.api.put(
            url, self.camille, self.body(status="done", version=camille_copy["version"])
        )
        self.assertEqual(second.status_code, 409)
        self.assertEqual(second.json()["current_version"], 2)
        self.assertEqual(field_names(second), ["version"])
        now = self.api.get(url, self.camille).json()
        self.assertEqual(
            (now["how"], now["status"], now["version"]), ("Noor l'accompagne", "planned", 2)
        )
        self.assertEqual(AuditEvent.objects.filter(verb="action.changed").count(), 1)
        # Read again, send the current version: it goes through.
        again = self.api.put(url, self.camille, self.body(status="done", how=now["how"], version=2))
        self.assertEqual((again.status_code, again.json()["version"]), (200, 3))

    def test_the_owner_must_be_a_current_actor_of_this_case(self):
        gone = Actor.objects.create(case=self.case, kind="formal", name="Parti", ended_on=days(-1))
        stranger = self.open_case().actors.first()
        for owner, field in ((gone, "owner_id"), (stranger, "owner_id")):
            response = self.api.post(self.path, self.camille, self.body(owner_id=str(owner.pk)))
            self.assertEqual(response.status_code, 422, response.content)
            self.assertEqual(field_names(response), [field])
        self.assertFalse(self.case.actions.exists())

    def test_outsiders_get_404_and_organisers_403(self):
        action = self.add_action("Secretaction")
        url = f"{self.path}/{action.pk}"
        for response in (
            self.api.get(self.path, self.bob),
            self.api.get(url, self.bob),
            self.api.post(self.path, self.bob, self.body()),
            self.api.put(url, self.bob, self.body(version=1)),
        ):
            self.assertEqual(response.status_code, 404)
            self.assertNotIn(b"Secretaction", response.content)
        self.assertEqual(self.api.post(self.path, self.olivier, self.body()).status_code, 403)
        self.assertEqual(self.api.put(url, self.olivier, self.body(version=1)).status_code, 403)
        action.refresh_from_db()
        self.assertEqual((action.what, action.version), ("Secretaction", 1))

    def test_the_list_costs_the_same_with_more_actions(self):
        from django.db import connection
        from django.test.utils import CaptureQueriesContext

        def queries():
            with CaptureQueriesContext(connection) as context:
                self.assertEqual(self.api.get(self.path, self.camille).status_code, 200)
            return len(context.captured_queries)

        self.add_action(with_actors=[self.noor_actor])
        before = queries()
        for n in range(20):
            self.add_action(f"Action {n}", with_actors=[self.noor_actor, self.camille_actor])
        self.assertEqual(queries(), before)
