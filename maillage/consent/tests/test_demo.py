"""Demo consents: realistic, deterministic, and only for actors of the case."""

import random
from datetime import date, timedelta

from django.utils import timezone

from maillage.cases.models import Case
from maillage.consent.demo import seed_case
from maillage.consent.models import Consent
from maillage.consent.rules import consent_in_force
from maillage.network.models import Actor
from maillage.people.models import Person

from .base import ConsentTestCase, add_actor, open_case


class DemoConsentTests(ConsentTestCase):
    def opened_long_ago(self, case: Case, days: int = 120) -> Case:
        Case.objects.filter(pk=case.pk).update(opened_at=timezone.now() - timedelta(days=days))
        return Case.objects.get(pk=case.pk)

    def statuses(self, case: Case) -> list[str]:
        return list(case.consents.order_by("recorded_at").values_list("status", flat=True))

    def test_cases_get_dated_consents_shared_only_with_their_own_formal_and_informal_actors(self):
        today = timezone.localdate()
        seen: set[str] = set()
        for seed in range(30):
            case = self.opened_long_ago(open_case(self, f"Demo{seed}"))
            add_actor(case, "Dr Martin", sector="general_practice")
            add_actor(case, "CPAS d'Anderlecht", sector="social")
            add_actor(case, "Sa sœur", kind=Actor.Kind.INFORMAL, relation="family")
            seed_case(case, random.Random(seed), self.camille, today)
            statuses = self.statuses(case)
            seen.update(statuses)
            self.assertTrue(statuses, seed)
            for consent in case.consents.all():
                self.assertGreater(consent.recorded_at, case.opened_at)
                self.assertLess(consent.recorded_at, timezone.now())
                for share in consent.shares.all():
                    self.assertEqual(share.actor.case_id, case.pk)
                    self.assertIn(share.actor.kind, ("formal", "informal"))
        self.assertIn("given", seen)
        self.assertTrue(seen & {"no_demand", "refused", "withdrawn"}, seen)

    def test_it_is_deterministic(self):
        results = []
        for name in ("One", "Two"):
            case = self.opened_long_ago(open_case(self, name))
            add_actor(case, "Dr Martin", sector="general_practice")
            add_actor(case, "Karim", sector="social")
            seed_case(case, random.Random(7), self.camille, timezone.localdate())
            results.append(
                [
                    (c.status, c.method, c.notes, [s.categories for s in c.shares.all()])
                    for c in case.consents.order_by("recorded_at")
                ]
            )
        self.assertEqual(results[0], results[1])

    def test_a_minor_s_consent_is_given_by_a_representative(self):
        case = self.opened_long_ago(open_case(self, "Young"))
        Person.objects.filter(pk=case.person_id).update(
            birth_date=date.today() - timedelta(days=15 * 365)
        )
        case = Case.objects.get(pk=case.pk)
        add_actor(case, "AMO Rythme", sector="youth")
        seed_case(case, random.Random(1), self.camille, timezone.localdate())
        consent = consent_in_force(case)
        self.assertEqual(consent.status, Consent.Status.GIVEN_BY_REPRESENTATIVE)
        self.assertTrue(consent.decided_by and consent.justification)

    def test_without_actors_a_consent_shares_with_nobody(self):
        case = self.opened_long_ago(open_case(self, "Alone"))
        seed_case(case, random.Random(3), self.camille, timezone.localdate())
        self.assertTrue(case.consents.exists())
        self.assertFalse(case.consents.filter(shares__isnull=False).exists())

    def test_a_case_opened_today_has_no_consent_yet(self):
        case = open_case(self, "New")
        seed_case(case, random.Random(3), self.camille, timezone.localdate())
        self.assertFalse(case.consents.exists())
