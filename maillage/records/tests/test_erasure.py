"""Erasure of closed cases after the retention period (manage.py erase_expired_cases)."""

from datetime import timedelta
from io import StringIO
from typing import Any

from django.apps import apps
from django.core.management import call_command
from django.utils import timezone

from maillage import audit
from maillage.audit.models import AuditEvent
from maillage.cases.models import Case, JournalEntry
from maillage.home.statistics import programme_statistics_from_scratch
from maillage.network.models import Actor
from maillage.people.models import Person
from maillage.people.personal_data import ANONYMOUS_FAMILY_NAME
from maillage.plans.models import CrisisPlan, Goal
from maillage.records.export import build_export
from maillage.records.models import ErasedCase, Rectification
from maillage.testing import MaillageTestCase

from .fixtures import full_person

LONG_AGO = timedelta(days=4000)


def erase(*args: str) -> str:
    out = StringIO()
    call_command("erase_expired_cases", *args, stdout=out)
    return out.getvalue()


def counts() -> dict[str, int]:
    return {
        model._meta.label_lower: model._base_manager.count()
        for model in apps.get_models()
        if model._meta.app_label not in {"sessions", "axes"}
    }


def without_time(document: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in document.items() if k not in {"generated_at", "access_log"}}


def aggregates() -> list[tuple[Any, ...]]:
    """The statistics page, plus cases per programme, phase and reason for closing."""
    stats = [
        tuple(sorted((k, str(v)) for k, v in row.items()))
        for row in programme_statistics_from_scratch()
    ]
    cases = list(
        Case.objects.order_by("pk").values_list(
            "programme_id", "team_id", "phase", "closure_reason", "opened_at", "closed_at"
        )
    )
    persons = list(Person.objects.order_by("pk").values_list("residence", "birth_date__year"))
    return [*stats, *cases, *persons]


class ErasureTests(MaillageTestCase):
    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        now = timezone.now()
        # Closed long ago, the check done: erased, the person anonymised.
        cls.old = full_person(
            cls,
            programme=cls.brusano,
            intake=cls.ines,
            workers=[cls.camille],
            family_name="Oldcase",
        )
        Case.objects.filter(pk=cls.old.case.pk).update(
            phase=Case.Phase.CLOSED,
            closed_at=now - LONG_AGO,
            closure_reason="goals_reached",
            closure_note="All went well for Oldcase",
            follow_up_on=(now - LONG_AGO + timedelta(days=90)).date(),
            follow_up_done_at=now - LONG_AGO + timedelta(days=90),
        )
        cls.old.case.support_request.__class__.objects.filter(person=cls.old.person).update(
            received_at=now - LONG_AGO - timedelta(days=400)
        )
        # Closed yesterday: kept.
        cls.recent = full_person(
            cls, programme=cls.brusano, intake=cls.ines, workers=[cls.noor], family_name="Recent"
        )
        Case.objects.filter(pk=cls.recent.case.pk).update(
            phase=Case.Phase.CLOSED, closed_at=now - timedelta(days=1), closure_reason="other"
        )
        # Still open: kept.
        cls.open = full_person(
            cls, programme=cls.brustars, intake=cls.ines, workers=[cls.bob], family_name="Openone"
        )

    def test_a_dry_run_changes_nothing_and_says_what_it_would_do(self):
        before, events = counts(), AuditEvent.objects.count()
        exported = without_time(build_export(self.old.person))
        output = erase("--dry-run")
        self.assertIn("Dry run", output)
        self.assertIn("Cases erased: 1", output)
        self.assertIn("Persons anonymised: 1", output)
        self.assertIn("journal (cases.journalentry): deleted", output)
        self.assertEqual(counts(), before)
        self.assertEqual(AuditEvent.objects.count(), events)
        self.assertEqual(without_time(build_export(self.old.person)), exported)

    def test_erasure_clears_the_content_and_anonymises_the_person(self):
        output = erase()
        self.assertIn("Cases erased: 1", output)
        self.assertIn("Persons anonymised: 1", output)
        case = self.old.case
        self.assertFalse(JournalEntry.objects.filter(case=case).exists())
        self.assertFalse(CrisisPlan.objects.filter(case=case).exists())
        self.assertFalse(case.consents.first().shares.exists())
        self.assertEqual(Goal.objects.get(case=case).own_words, "[…]")
        names = set(Actor.objects.filter(case=case).values_list("name", flat=True))
        self.assertEqual(names, {"[…]"})
        self.assertFalse(Actor.objects.filter(case=case).exclude(phone="").exists())
        self.assertEqual(case.conferences.first().invitations.first().email, "")
        case.refresh_from_db()
        self.assertEqual(case.closure_note, "")
        self.assertEqual(case.closure_reason, "goals_reached")
        request = case.support_request
        request.refresh_from_db()
        self.assertEqual((request.summary, request.facts), ("", {}))
        self.assertEqual(request.requesters.exclude(name="").count(), 0)
        person = Person.objects.get(pk=self.old.person.pk)
        self.assertEqual(person.family_name, ANONYMOUS_FAMILY_NAME)
        self.assertEqual((person.birth_date.month, person.birth_date.day), (1, 1))
        self.assertEqual(person.phone, "")
        self.assertEqual(person.residence, self.old.person.residence)
        self.assertFalse(Rectification.objects.filter(person=person).exists())
        duplicate = Person.objects.get(merged_into=person)
        self.assertEqual(duplicate.family_name, ANONYMOUS_FAMILY_NAME)
        erased = ErasedCase.objects.get(case=case)
        self.assertTrue(erased.person_anonymised)
        self.assertEqual(erased.rows["journal (cases.journalentry): deleted"], 1)
        self.assertNotIn("Oldcase", str(build_export(person)))

    def test_statistics_and_aggregates_stay_the_same(self):
        before = aggregates()
        erase()
        self.assertEqual(aggregates(), before)

    def test_the_audit_chain_still_verifies_and_no_event_was_altered(self):
        events = list(AuditEvent.objects.values_list("seq", "hash"))
        erase()
        self.assertTrue(audit.verify().ok)
        self.assertEqual(list(AuditEvent.objects.values_list("seq", "hash"))[: len(events)], events)
        erased = AuditEvent.objects.get(verb="case.erased", case_id=self.old.case.pk)
        self.assertEqual(erased.actor_id, None)
        self.assertNotIn("Oldcase", str(erased.changes) + erased.actor_label + erased.purpose)
        self.assertTrue(AuditEvent.objects.filter(verb="person.anonymised").exists())
        out = StringIO()
        call_command("verify_audit", stdout=out)
        self.assertIn("intact", out.getvalue())

    def test_recent_and_open_cases_are_untouched(self):
        recent = without_time(build_export(self.recent.person))
        still_open = without_time(build_export(self.open.person))
        erase()
        self.assertEqual(without_time(build_export(self.recent.person)), recent)
        self.assertEqual(without_time(build_export(self.open.person)), still_open)

    def test_a_second_run_erases_nothing_more(self):
        erase()
        before, events = counts(), AuditEvent.objects.count()
        output = erase()
        self.assertIn("Cases erased: 0", output)
        self.assertIn("No row changed.", output)
        self.assertEqual(counts(), before)
        self.assertEqual(AuditEvent.objects.count(), events)

    def test_the_retention_period_can_be_given(self):
        output = erase("--retention-days", "0", "--dry-run")
        self.assertIn("Cases erased: 2", output)  # the one closed yesterday too
        self.assertIn("Retention period: 0 days", output)

    def test_a_pending_check_that_the_network_held_delays_erasure(self):
        Case.objects.filter(pk=self.recent.case.pk).update(
            follow_up_on=timezone.localdate() + timedelta(days=10)
        )
        output = erase("--retention-days", "0", "--dry-run")
        self.assertIn("Cases erased: 1", output)

    def test_a_person_with_another_case_kept_is_not_anonymised(self):
        other = Case.objects.create(
            person=self.old.person, programme=self.brusano, team=self.brusano_team
        )
        output = erase()
        self.assertIn("Cases erased: 1", output)
        self.assertIn("Persons anonymised: 0", output)
        self.assertEqual(Person.objects.get(pk=self.old.person.pk).family_name, "Oldcase")
        other.delete()
