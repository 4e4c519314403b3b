"""Demo networks are varied and valid; the overview's summary counts the network."""

import random
from datetime import timedelta

from django.utils import timezone

from maillage.network import actions, demo
from maillage.network.queries import network_summary

from .base import NetworkTestCase


class DemoNetworkTests(NetworkTestCase):
    def seed(self, seed: int):
        case = self.open_case()
        demo.seed_case(case, random.Random(seed), self.camille, timezone.localdate())
        return case, list(case.actors.exclude(kind__in=["person", "worker"]))

    def test_each_demo_case_gets_a_varied_valid_network(self):
        today = timezone.localdate()
        qualities, emails = set(), []
        for seed in range(8):
            case, actors = self.seed(seed)
            self.assertTrue(4 <= len(actors) <= 9, len(actors))
            kinds = {a.kind for a in actors}
            self.assertEqual(kinds, {"formal", "informal"})
            self.assertTrue(1 <= sum(a.exhausted for a in actors) <= 2)
            self.assertEqual(sum(1 for a in actors if not a.is_current(today)), 1)
            self.assertTrue(any(a.name.startswith("Dr ") for a in actors))
            for actor in actors:
                actions.clean_actor(actor)  # every rule holds
                self.assertLessEqual(actor.started_on, case.opened_at.date())
            qualities |= {a.quality for a in actors}
            emails += [a.email for a in actors if a.email]
        self.assertTrue({"strong", "fragile", "conflictual", "broken"} <= qualities)
        self.assertTrue(emails and all(e.endswith("@example.org") for e in emails))

    def test_the_same_seed_gives_the_same_network(self):
        first = [(a.name, a.quality, a.started_on) for a in self.seed(7)[1]]
        second = [(a.name, a.quality, a.started_on) for a in self.seed(7)[1]]
        self.assertEqual(sorted(first), sorted(second))


class NetworkSummaryTests(NetworkTestCase):
    def test_it_counts_the_current_network_without_the_person(self):
        today = timezone.localdate()
        self.add(self.case, "GP", quality="strong", started_on=today - timedelta(days=9))
        self.add(self.case, "Sister", "informal", quality="fragile", exhausted=True)
        self.add(self.case, "Brother", "informal", quality="conflictual")
        self.add(self.case, "Old nurse", quality="broken", ended_on=today)
        self.add(self.case, "Future", started_on=today + timedelta(days=1))
        with self.assertNumQueries(2):
            summary = network_summary(self.case, today)
        self.assertEqual(
            summary,
            {
                "actors": 5,
                "by_kind": {"worker": 2, "formal": 1, "informal": 2},
                "by_quality": {
                    "strong": 1,
                    "fragile": 1,
                    "conflictual": 1,
                    "broken": 0,
                    "unknown": 2,
                },
                "exhausted": 1,
                "ended": 1,
            },
        )
