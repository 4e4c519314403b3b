"""An action is overdue when it is still to do and its due date has passed."""

from datetime import date

from django.test import SimpleTestCase

from maillage.plans.models import Action

from .base import PlanTestCase, days

TODAY = date(2025, 3, 10)


class OverdueRuleTests(SimpleTestCase):
    def action(self, status: str, due_on: date | None) -> Action:
        return Action(status=status, due_on=due_on)

    def test_a_pending_action_past_its_due_date_is_overdue(self):
        for status in (Action.Status.PLANNED, Action.Status.IN_PROGRESS):
            self.assertIs(self.action(status, date(2025, 3, 9)).is_overdue(TODAY), True, status)

    def test_an_action_due_today_is_not_overdue_yet(self):
        self.assertIs(self.action(Action.Status.PLANNED, TODAY).is_overdue(TODAY), False)

    def test_done_and_dropped_actions_are_never_overdue(self):
        for status in (Action.Status.DONE, Action.Status.DROPPED):
            self.assertIs(self.action(status, date(2020, 1, 1)).is_overdue(TODAY), False, status)

    def test_an_action_without_a_due_date_is_never_overdue(self):
        self.assertIs(self.action(Action.Status.PLANNED, None).is_overdue(TODAY), False)


class OverdueQueryTests(PlanTestCase):
    def test_the_query_finds_the_same_actions_as_the_rule(self):
        overdue = [
            self.add_action("late, planned", due_on=days(-3)),
            self.add_action("late, in progress", due_on=days(-1), status="in_progress"),
        ]
        self.add_action("due today", due_on=days(0))
        self.add_action("later", due_on=days(5))
        self.add_action("no date")
        self.add_action("late but done", due_on=days(-3), status="done")
        self.add_action("late but dropped", due_on=days(-3), status="dropped")
        found = set(self.case.actions.overdue())
        self.assertEqual(found, set(overdue))
        self.assertEqual({a for a in self.case.actions.all() if a.is_overdue()}, found)
