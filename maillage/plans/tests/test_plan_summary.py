"""plan_summary: the plan at a glance for the case overview, in bounded queries."""

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from maillage.plans import actions
from maillage.plans.queries import plan_summary

from .base import PlanTestCase, days


class PlanSummaryTests(PlanTestCase):
    def summary(self):
        return plan_summary(self.case, timezone.localdate())

    def test_an_empty_plan(self):
        self.assertEqual(
            self.summary(),
            {
                "key_goals": [],
                "overdue_actions": [],
                "overdue_count": 0,
                "next_due": None,
                "crisis_plan": None,
            },
        )

    def test_key_goals_are_the_three_open_ones_of_highest_priority(self):
        low = self.add_goal("Basse", priority=3)
        high = self.add_goal("Haute", priority=1)
        self.add_goal("Atteinte", priority=1, status="reached")
        medium = self.add_goal("Moyenne", priority=2, status="in_progress")
        self.add_goal("Moyenne aussi", priority=2)
        self.assertEqual(
            self.summary()["key_goals"][:3],
            [high, medium, self.case.goals.get(own_words="Moyenne aussi")],
        )
        self.assertNotIn(low, self.summary()["key_goals"])

    def test_overdue_actions_longest_first_and_the_next_one_due(self):
        older = self.add_action("Très en retard", due_on=days(-10))
        late = self.add_action("En retard", due_on=days(-1))
        self.add_action("Fait", due_on=days(-5), status="done")
        soon = self.add_action("Bientôt", due_on=days(2))
        self.add_action("Plus tard", due_on=days(9))
        summary = self.summary()
        self.assertEqual(summary["overdue_actions"], [older, late])
        self.assertEqual((summary["overdue_count"], summary["next_due"]), (2, soon))

    def test_the_crisis_plan_is_the_current_version(self):
        actions.save_crisis_plan(self.case, {}, [], by=self.camille, based_on_version=None)
        actions.save_crisis_plan(self.case, {}, [], by=self.camille, based_on_version=1)
        self.assertEqual(self.summary()["crisis_plan"].version, 2)

    def test_it_costs_five_queries_whatever_the_size_and_owners_are_selected(self):
        for n in range(15):
            self.add_action(f"Retard {n}", due_on=days(-n - 1))
        with CaptureQueriesContext(connection) as context:
            summary = self.summary()
            owners = [action.owner.name for action in summary["overdue_actions"]]
        self.assertEqual(len(context.captured_queries), 5)
        self.assertEqual(len(owners), 10)
        self.assertEqual(summary["overdue_count"], 15)
