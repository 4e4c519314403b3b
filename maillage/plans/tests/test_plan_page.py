"""The plan page and its print: goals with their actions, overdue ones standing out."""

from django.db import connection
from django.test.utils import CaptureQueriesContext

from maillage.audit.models import AuditEvent
from maillage.network.models import Actor
from maillage.plans.models import Action

from .base import PlanTestCase, days


class PlanPageTests(PlanTestCase):
    def test_goals_come_open_first_each_with_its_actions(self):
        reached = self.add_goal("Avoir une mutuelle", status="reached", priority=1)
        housing = self.add_goal("Retrouver un logement à moi", priority=2)
        self.add_action("Visiter l'appartement rue Haute", goal=housing)
        self.add_action("Sans objectif précis")
        self.login(self.camille)
        response = self.client.get(self.plan_url)
        content = response.content.decode()
        self.assertLess(content.index("Retrouver un logement"), content.index("Avoir une mutuelle"))
        self.assertEqual([g.pk for g in response.context["goals"]], [housing.pk, reached.pk])
        self.assertEqual(
            [a.what for a in response.context["goals"][0].plan_actions],
            ["Visiter l'appartement rue Haute"],
        )
        self.assertEqual(
            [a.what for a in response.context["loose_actions"]], ["Sans objectif précis"]
        )
        self.assertContains(response, "Actions without a goal")
        event = AuditEvent.objects.filter(verb="case.viewed").last()
        self.assertEqual(event.part, "plan")

    def test_overdue_actions_stand_out_with_a_row_class_and_a_text_badge(self):
        late = self.add_action("Envoyer le formulaire", due_on=days(-2))
        self.add_action("Plus tard", due_on=days(3))
        self.login(self.camille)
        response = self.client.get(self.plan_url)
        content = response.content.decode()
        self.assertIn(f'<tr id="action-{late.pk}" class="overdue">', content)
        self.assertEqual(content.count('class="overdue"'), 1)
        self.assertIn('<span class="badge badge-overdue">overdue</span>', content)
        self.assertContains(response, "1 action is overdue.")

    def test_the_status_filter_shows_only_those_actions(self):
        self.add_action("Fait", status="done")
        self.add_action("En retard", due_on=days(-1))
        self.add_action("Prévu", due_on=days(1))
        self.login(self.camille)
        for status, expected in (
            ("done", ["Fait"]),
            ("overdue", ["En retard"]),
            ("pending", ["En retard", "Prévu"]),
            ("", ["En retard", "Prévu", "Fait"]),
            ("nonsense", ["En retard", "Prévu", "Fait"]),
        ):
            response = self.client.get(self.plan_url, {"status": status})
            self.assertEqual([a.what for a in response.context["loose_actions"]], expected, status)

    def test_readers_see_no_forms(self):
        self.add_action()
        self.login(self.olivier)
        response = self.client.get(self.plan_url)
        self.assertEqual(response.status_code, 200)
        self.assertNotContains(response, "/status/")
        self.assertNotContains(response, "Add a goal")

    def test_an_outsider_gets_404(self):
        self.add_goal("Secretgoal")
        self.login(self.bob)
        for url in (self.plan_url, f"{self.plan_url}print/"):
            response = self.client.get(url)
            self.assertEqual(response.status_code, 404)
            self.assertNotContains(response, "Secretgoal", status_code=404)

    def test_the_print_lists_who_does_what_when_by_due_date(self):
        goal = self.add_goal("Revoir mes enfants le week-end")
        self.add_action("Second", due_on=days(10), goal=goal, how="Au SPJ")
        self.add_action("Premier", due_on=days(-1), owner=self.noor_actor)
        self.add_action("Sans date")
        self.add_action("Abandonné", due_on=days(1), status="dropped")
        self.login(self.olivier)
        response = self.client.get(f"{self.plan_url}print/")
        self.assertEqual(
            [a.what for a in response.context["actions"]], ["Premier", "Second", "Sans date"]
        )
        content = response.content.decode()
        self.assertLess(content.index("Revoir mes enfants"), content.index("Premier"))
        self.assertIn("badge-overdue", content)
        self.assertIn("Au SPJ", content)
        self.assertNotIn("/status/", content)


class PlanQueryCountTests(PlanTestCase):
    def fill(self, count: int) -> None:
        helper = self.add_actor("Voisin", kind=Actor.Kind.INFORMAL)
        goals = [self.add_goal(f"Objectif {n}") for n in range(3)]
        actions = Action.objects.bulk_create(
            Action(
                case=self.case,
                what=f"Action {n}",
                owner=(self.person_actor, self.camille_actor, helper)[n % 3],
                goal=goals[n % 4] if n % 4 < 3 else None,
                due_on=days(n % 30 - 15),
                status=Action.Status.values[n % 4],
                created_by=self.camille,
            )
            for n in range(count)
        )
        through = Action.with_actors.through
        through.objects.bulk_create(
            through(action_id=action.pk, actor_id=actor.pk)
            for action in actions
            for actor in (self.noor_actor, helper)
        )

    def queries(self, url: str) -> int:
        with CaptureQueriesContext(connection) as context:
            self.assertEqual(self.client.get(url).status_code, 200)
        return len(context.captured_queries)

    def test_the_plan_and_its_print_cost_the_same_with_5_or_500_actions(self):
        self.login(self.camille)
        self.fill(5)
        small = [self.queries(self.plan_url), self.queries(f"{self.plan_url}print/")]
        self.fill(495)
        self.assertEqual(self.case.actions.count(), 500)
        large = [self.queries(self.plan_url), self.queries(f"{self.plan_url}print/")]
        self.assertEqual(large, small)
