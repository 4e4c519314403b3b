"""Demo plans: goals in the person's words, actions owned by current actors, crisis plans."""

import random

from django.utils import timezone

from maillage.network.models import Actor
from maillage.plans.demo import seed_case
from maillage.plans.models import Action, CrisisPlan, Goal

from .base import PlanTestCase, days


class DemoTests(PlanTestCase):
    def seed(self, seed: int) -> None:
        seed_case(self.case, random.Random(seed), self.camille, timezone.localdate())

    def test_a_seeded_case_has_goals_and_varied_actions_owned_by_current_actors(self):
        Actor.objects.create(case=self.case, kind="informal", name="Fatima", quality="strong")
        Actor.objects.create(case=self.case, kind="formal", name="Ancien", ended_on=days(-3))
        self.seed(1)
        goals = list(Goal.objects.filter(case=self.case))
        self.assertTrue(2 <= len(goals) <= 4)
        self.assertTrue(all(goal.own_words and goal.life_domains for goal in goals))
        actions = list(Action.objects.filter(case=self.case).select_related("owner"))
        self.assertTrue(3 <= len(actions) <= 8)
        current = set(self.case.actors.current())
        self.assertTrue(all(action.owner in current for action in actions))
        statuses = {action.status for action in actions}
        self.assertTrue({"done", "in_progress"} <= statuses)
        self.assertTrue(any(action.is_overdue() for action in actions))

    def test_about_half_the_cases_get_a_crisis_plan_with_contacts_in_order(self):
        plans = 0
        for seed in range(12):
            Goal.objects.all().delete()
            Action.objects.all().delete()
            CrisisPlan.objects.all().delete()
            self.seed(seed)
            versions = list(CrisisPlan.objects.filter(case=self.case).order_by("version"))
            if versions:
                plans += 1
                self.assertIn(len(versions), (1, 2))
                contacts = list(versions[-1].contacts.all())
                self.assertTrue(2 <= len(contacts) <= 4)
                self.assertIsNotNone(contacts[0].actor)
                self.assertIn(contacts[-1].phone, ("112", "0800 32 123"))
                self.assertEqual([c.position for c in contacts], list(range(1, len(contacts) + 1)))
        self.assertTrue(3 <= plans <= 9, plans)

    def test_the_same_seed_gives_the_same_plan(self):
        self.seed(7)
        first = list(Action.objects.order_by("what").values_list("what", "status", "due_on"))
        Action.objects.all().delete()
        Goal.objects.all().delete()
        CrisisPlan.objects.all().delete()
        self.seed(7)
        again = list(Action.objects.order_by("what").values_list("what", "status", "due_on"))
        self.assertEqual(first, again)
