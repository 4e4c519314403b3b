"""The crisis plan is versioned: each save is a new version, earlier ones stay."""

from django.core.exceptions import ValidationError

from maillage.audit.models import AuditEvent
from maillage.plans import actions
from maillage.plans.models import CrisisPlan
from maillage.versioning import StaleVersion

from .base import PlanTestCase, days

EMERGENCY = actions.ContactData(name="Urgences", phone="112", when="Danger immédiat")


class CrisisPlanVersionTests(PlanTestCase):
    def save(self, based_on, contacts=(), by=None, **sections):
        sections.setdefault("warning_signs", "Je ne dors plus, je m'isole")
        return actions.save_crisis_plan(
            self.case, sections, list(contacts), by=by or self.camille, based_on_version=based_on
        )

    def test_a_second_version_keeps_the_first(self):
        first = self.save(None, [actions.ContactData(actor=self.noor_actor), EMERGENCY])
        second = self.save(1, [EMERGENCY], what_helps="Marcher avec ma sœur")
        self.assertEqual((first.version, second.version), (1, 2))
        first.refresh_from_db()
        self.assertEqual(first.what_helps, "")
        self.assertEqual([c.actor for c in first.contacts.all()], [self.noor_actor, None])
        self.assertEqual([c.phone for c in second.contacts.all()], ["112"])
        self.assertEqual(second.what_helps, "Marcher avec ma sœur")
        events = AuditEvent.objects.filter(verb="crisis_plan.versioned").order_by("seq")
        self.assertEqual([e.part for e in events], ["crisis_plan", "crisis_plan"])
        self.assertEqual(events[1].changes, ["contacts", "what_helps"])

    def test_a_save_based_on_an_older_version_is_refused(self):
        self.save(None)
        self.save(1, by=self.noor, what_helps="Version de Noor")
        with self.assertRaises(StaleVersion) as raised:
            self.save(1, what_helps="Version de Camille")
        self.assertEqual(raised.exception.current_version, 2)
        self.assertEqual(CrisisPlan.objects.count(), 2)
        self.assertEqual(self.case.crisis_plans.first().what_helps, "Version de Noor")

    def test_a_first_plan_written_twice_at_once_is_refused_the_second_time(self):
        self.save(None)
        with self.assertRaises(StaleVersion) as raised:
            self.save(None)
        self.assertEqual(raised.exception.current_version, 1)

    def test_basing_on_a_version_that_does_not_exist_is_invalid(self):
        with self.assertRaises(ValidationError) as raised:
            self.save(3)
        self.assertIn("based_on_version", raised.exception.message_dict)

    def test_the_agreement_cannot_be_dated_in_the_future(self):
        with self.assertRaises(ValidationError) as raised:
            self.save(None, agreed_on=days(1))
        self.assertIn("agreed_on", raised.exception.message_dict)
        self.assertFalse(CrisisPlan.objects.exists())

    def test_a_contact_is_an_actor_of_the_case_or_a_name_and_a_number(self):
        stranger = self.open_case().actors.first()
        rows = [
            actions.ContactData(actor=stranger),
            actions.ContactData(name="Centre de prévention du suicide"),
            actions.ContactData(phone="0800 32 123"),
        ]
        with self.assertRaises(ValidationError) as raised:
            self.save(None, rows)
        self.assertEqual(
            set(raised.exception.message_dict),
            {"contacts.0.actor", "contacts.1.phone", "contacts.2.name"},
        )

    def test_empty_rows_are_dropped_and_order_kept(self):
        plan = self.save(
            None, [actions.ContactData(), EMERGENCY, actions.ContactData(actor=self.person_actor)]
        )
        self.assertEqual(
            [(c.position, c.phone) for c in plan.contacts.all()], [(1, "112"), (2, "")]
        )

    def test_at_most_eight_contacts(self):
        with self.assertRaises(ValidationError) as raised:
            self.save(None, [EMERGENCY] * 9)
        self.assertIn("contacts", raised.exception.message_dict)
