"""Decisions become actions of the plan; the next conference evaluates them."""

from django.core.exceptions import ValidationError
from django.utils import translation

from maillage.audit.models import AuditEvent
from maillage.conferences import meeting, queries
from maillage.conferences.models import ConferenceDecision
from maillage.plans import actions as plan_actions
from maillage.plans.models import Action, Goal
from maillage.versioning import StaleVersion

from .test_meeting_base import MeetingTestCase, days


class DecisionsBecomeActionsTests(MeetingTestCase):
    def test_a_decision_creates_an_action_linked_both_ways(self):
        decision = self.decide(
            "Accompagner Louis à l'AIS",
            "housing",
            owner=self.cpas,
            due_on=days(10),
            how="En transports en commun",
            with_whom="Louis et sa mère",
        )
        action = self.action_of(decision)
        self.assertEqual(action.case, self.case)
        self.assertEqual(action.what, "Accompagner Louis à l'AIS")
        self.assertEqual(action.owner, self.cpas)
        self.assertEqual(action.due_on, days(10))
        self.assertEqual(action.how, "En transports en commun")
        self.assertEqual(action.with_whom, "Louis et sa mère")
        self.assertEqual(action.category, "housing")
        self.assertEqual(action.created_by, self.camille)
        self.assertEqual(action.status, Action.Status.PLANNED)
        self.assertEqual(list(action.decisions.all()), [decision])

    def test_a_decision_about_an_agenda_item_serves_its_goal(self):
        goal = Goal.objects.create(
            case=self.case, own_words="Un toit à moi", created_by=self.camille
        )
        item = self.item("Un toit à moi", "housing", goal=goal)
        decision = self.decide("Visiter l'appartement", agenda_item=item)
        self.assertEqual(self.action_of(decision).goal, goal)
        self.assertEqual(decision.agenda_item, item)

    def test_a_decision_about_an_action_changes_it_instead_of_adding_one(self):
        goal = Goal.objects.create(
            case=self.case, own_words="Un toit à moi", created_by=self.camille
        )
        existing = plan_actions.add_action(
            self.case,
            plan_actions.ActionData(what="Appeler l'AIS", owner=self.person, goal=goal),
            by=self.camille,
        )
        before = Action.objects.count()
        decision = self.decide(
            "Appeler l'AIS avec Sophie", owner=self.cpas, due_on=days(3), action=existing
        )
        existing.refresh_from_db()
        self.assertEqual(Action.objects.count(), before)
        self.assertEqual(decision.action, existing)
        self.assertEqual(existing.what, "Appeler l'AIS avec Sophie")
        self.assertEqual(existing.owner, self.cpas)
        self.assertEqual(existing.due_on, days(3))
        self.assertEqual(existing.goal, goal)
        self.assertEqual(existing.version, 2)

    def test_a_decision_reopens_an_action_that_was_done(self):
        done = plan_actions.add_action(
            self.case,
            plan_actions.ActionData(what="Appeler l'AIS", owner=self.person, status="done"),
            by=self.camille,
        )
        self.decide("Rappeler l'AIS", action=done)
        done.refresh_from_db()
        self.assertEqual(done.status, Action.Status.PLANNED)

    def test_the_owner_must_be_a_current_actor_of_the_case(self):
        self.gp.ended_on = days(-1)
        self.gp.save()
        with self.assertRaises(ValidationError) as raised:
            self.decide("Revoir Louis", owner=self.gp)
        self.assertIn("owner", raised.exception.message_dict)
        self.assertFalse(ConferenceDecision.objects.exists())
        self.assertFalse(Action.objects.filter(what="Revoir Louis").exists())

    def test_a_decision_needs_what_is_to_be_done(self):
        with self.assertRaises(ValidationError) as raised:
            self.decide("  ")
        self.assertIn("what", raised.exception.message_dict)

    def test_a_cancelled_conference_takes_no_decision(self):
        self.conference.status = "cancelled"
        self.conference.save()
        with translation.override("en"), self.assertRaisesMessage(ValidationError, "cancelled"):
            self.decide("Revoir Louis")

    def test_the_decision_and_the_action_are_audited_without_their_text(self):
        decision = self.decide("Revoir Louis", due_on=days(5))
        event = AuditEvent.objects.get(verb="conference.decision_taken")
        self.assertEqual(event.target_id, str(decision.pk))
        self.assertEqual(event.part, "conferences")
        self.assertIn("what", event.changes)
        self.assertNotIn("Revoir", str(event.changes))
        self.assertTrue(AuditEvent.objects.filter(verb="action.added").exists())


class EvaluationTests(MeetingTestCase):
    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        # The first conference, held two months ago, decided two things.
        cls.first = cls.make_conference(hours_ago=24 * 60)

    def setUp(self) -> None:
        super().setUp()
        self.visit = self.decide("Visiter l'appartement", "housing", conference=self.first)
        self.call = self.decide("Appeler le CGG", "mental_health", conference=self.first)
        self.hold(self.first)

    def evaluate(self, decision, evaluation, comment="", version=None):
        decision.refresh_from_db()
        return meeting.evaluate_decision(
            decision,
            meeting.EvaluationData(evaluation, comment),
            at=self.conference,
            by=self.noor,
            version=version,
        )

    def test_the_next_conference_lists_the_decisions_to_evaluate(self):
        self.assertEqual(
            list(queries.decisions_to_evaluate(self.conference)), [self.visit, self.call]
        )
        self.assertEqual(list(queries.decisions_to_evaluate(self.first)), [])

    def test_done_closes_the_action(self):
        self.evaluate(self.visit, "done", "Visite faite le 3 mars")
        self.visit.refresh_from_db()
        self.assertEqual(self.visit.evaluation, "done")
        self.assertEqual(self.visit.evaluation_comment, "Visite faite le 3 mars")
        self.assertEqual(self.visit.evaluated_at, self.conference)
        self.assertEqual(self.action_of(self.visit).status, Action.Status.DONE)

    def test_dropped_drops_the_action(self):
        self.evaluate(self.call, "dropped")
        self.assertEqual(self.action_of(self.call).status, Action.Status.DROPPED)

    def test_partly_and_not_done_leave_the_action_as_it_is(self):
        self.evaluate(self.visit, "partly")
        self.evaluate(self.call, "not_done")
        self.assertEqual(self.action_of(self.visit).status, Action.Status.PLANNED)
        self.assertEqual(self.action_of(self.call).status, Action.Status.PLANNED)

    def test_an_evaluation_can_be_corrected_at_the_same_conference_only(self):
        self.evaluate(self.visit, "partly")
        self.evaluate(self.visit, "done")
        self.assertEqual(self.action_of(self.visit).status, Action.Status.DONE)
        later = self.make_conference(hours_ago=1)
        self.visit.refresh_from_db()
        with self.assertRaises(ValidationError) as raised:
            meeting.evaluate_decision(
                self.visit,
                meeting.EvaluationData("not_done"),
                at=later,
                by=self.noor,
                version=None,
            )
        self.assertIn("decision", raised.exception.message_dict)
        self.assertNotIn(self.visit, queries.decisions_to_evaluate(later))

    def test_a_decision_of_this_conference_cannot_be_evaluated_here(self):
        today = self.decide("Revoir Louis")
        with self.assertRaises(ValidationError) as raised:
            self.evaluate(today, "done")
        self.assertIn("decision", raised.exception.message_dict)

    def test_an_unknown_evaluation_is_refused(self):
        with self.assertRaises(ValidationError) as raised:
            self.evaluate(self.visit, "")
        self.assertIn("evaluation", raised.exception.message_dict)

    def test_a_stale_version_is_refused_and_nothing_changes(self):
        self.evaluate(self.visit, "partly", "Premier avis")
        with self.assertRaises(StaleVersion) as raised:
            self.evaluate(self.visit, "done", "Second avis", version=1)
        self.assertEqual(raised.exception.current_version, 2)
        self.visit.refresh_from_db()
        self.assertEqual(self.visit.evaluation_comment, "Premier avis")

    def test_the_evaluation_is_audited(self):
        self.evaluate(self.visit, "done")
        event = AuditEvent.objects.get(verb="conference.decision_evaluated")
        self.assertEqual(event.target_id, str(self.visit.pk))
        self.assertEqual(event.part, "conferences")
        self.assertIn("evaluation", event.changes)
