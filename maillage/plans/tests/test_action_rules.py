"""Who may own or join an action: current actors of the case's own network."""

from django.core.exceptions import ValidationError

from maillage.audit.models import AuditEvent
from maillage.network.models import Actor
from maillage.plans import actions
from maillage.plans.models import Action

from .base import PlanTestCase, days


class ActionRulesTests(PlanTestCase):
    def assert_refused(self, field: str, **fields):
        with self.assertRaises(ValidationError) as raised:
            self.add_action(**fields)
        self.assertIn(field, raised.exception.message_dict)
        self.assertFalse(Action.objects.exists())

    def test_the_person_may_own_an_action(self):
        action = self.add_action(owner=self.person_actor, due_on=days(7))
        self.assertEqual(action.owner, self.person_actor)
        event = AuditEvent.objects.get(verb="action.added")
        self.assertEqual((event.part, event.case_id), ("actions", self.case.pk))
        self.assertNotIn("Remplir", str(event.changes))

    def test_the_owner_must_be_an_actor_of_this_case(self):
        other_case = self.open_case()
        stranger = other_case.actors.get(kind=Actor.Kind.PERSON)
        self.assert_refused("owner", owner=stranger)

    def test_the_owner_must_still_be_in_the_network(self):
        gone = self.add_actor(
            "Ancienne assistante sociale", started_on=days(-90), ended_on=days(-1)
        )
        self.assert_refused("owner", owner=gone)

    def test_an_owner_who_has_not_joined_yet_is_refused(self):
        future = self.add_actor("Future infirmière", started_on=days(10))
        self.assert_refused("owner", owner=future)

    def test_companions_must_be_actors_of_this_case(self):
        stranger = self.open_case().actors.get(kind=Actor.Kind.PERSON)
        self.assert_refused("with_actors", with_actors=[stranger])

    def test_the_goal_must_be_a_goal_of_this_case(self):
        other_case = self.open_case()
        goal = actions.add_goal(other_case, actions.GoalData(own_words="Autre"), by=self.camille)
        self.assert_refused("goal", goal=goal)

    def test_the_owner_is_not_also_listed_as_a_companion(self):
        action = self.add_action(with_actors=[self.person_actor, self.noor_actor])
        self.assertEqual(list(action.with_actors.all()), [self.noor_actor])

    def test_an_owner_who_left_may_stay_on_an_action_being_edited(self):
        helper = self.add_actor("Voisine", kind=Actor.Kind.INFORMAL)
        action = self.add_action(owner=helper, status="done")
        Actor.objects.filter(pk=helper.pk).update(ended_on=days(-1))
        helper.refresh_from_db()
        data = actions.ActionData(what="Accompagnée au CPAS", owner=helper, status="done")
        actions.change_action(action, data, by=self.noor, version=action.version)
        action.refresh_from_db()
        self.assertEqual((action.what, action.version), ("Accompagnée au CPAS", 2))

    def test_a_new_owner_who_left_is_refused_when_editing(self):
        action = self.add_action()
        gone = self.add_actor("Parti", ended_on=days(-1))
        data = actions.ActionData(what="x", owner=gone)
        with self.assertRaises(ValidationError) as raised:
            actions.change_action(action, data, by=self.noor, version=action.version)
        self.assertIn("owner", raised.exception.message_dict)
        action.refresh_from_db()
        self.assertEqual((action.owner, action.version), (self.person_actor, 1))
