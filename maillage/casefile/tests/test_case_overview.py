"""The case overview: everything at a glance, at a cost that does not grow with the case."""

from datetime import timedelta

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from maillage.assessments.models import Assessment, DomainAssessment
from maillage.casefile import actions as casefile_actions
from maillage.cases.models import JournalEntry
from maillage.consent.models import Consent, Share
from maillage.network.models import Actor
from maillage.plans.models import Action, CrisisPlan, Goal
from maillage.testing import MaillageTestCase


class CaseOverviewTests(MaillageTestCase):
    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        support_request = cls.record(cls.brusano, cls.ines)
        casefile_actions.answer_request(
            support_request, by=cls.ines, kind="accept", case_workers=[cls.camille, cls.noor]
        )
        cls.case = support_request.case

    def grow(self, actors: int, actions: int, entries: int) -> None:
        today = timezone.localdate()
        qualities = ["strong", "fragile", "conflictual", "broken", ""]
        new = Actor.objects.bulk_create(
            Actor(
                case=self.case,
                kind="formal",
                name=f"Actor {i}",
                organisation="CPAS",
                sector="social",
                quality=qualities[i % 5],
                exhausted=i % 7 == 0,
                started_on=today - timedelta(days=30),
            )
            for i in range(actors)
        )
        goal = Goal.objects.create(
            case=self.case, own_words="Garder mon logement", created_by=self.camille
        )
        Action.objects.bulk_create(
            Action(
                case=self.case,
                goal=goal,
                what=f"Action {i}",
                owner=new[i % len(new)],
                due_on=today + timedelta(days=(i % 40) - 20),
                created_by=self.camille,
            )
            for i in range(actions)
        )
        start = timezone.now() - timedelta(days=300)
        JournalEntry.objects.bulk_create(
            JournalEntry(
                case=self.case,
                kind="note",
                text=f"Entry {i}",
                author=self.camille,
                occurred_at=start + timedelta(hours=i),
            )
            for i in range(entries)
        )
        consent = Consent.objects.create(
            case=self.case, status="given", method="oral", recorded_by=self.camille
        )
        Share.objects.bulk_create(
            Share(consent=consent, actor=a, categories=["plan"]) for a in new[:20]
        )
        assessment = Assessment.objects.create(case=self.case, assessed_by=self.camille)
        DomainAssessment.objects.create(assessment=assessment, domain="housing", severity=4)
        CrisisPlan.objects.create(case=self.case, version=len(new), created_by=self.camille)

    def overview_queries(self) -> int:
        with CaptureQueriesContext(connection) as context:
            response = self.client.get(f"/cases/{self.case.pk}/")
        self.assertEqual(response.status_code, 200)
        return len(context.captured_queries)

    def test_the_overview_stays_bounded_with_a_large_case(self):
        self.login(self.camille)
        self.grow(actors=3, actions=5, entries=5)
        small = self.overview_queries()
        self.grow(actors=200, actions=500, entries=2000)
        self.assertEqual(self.overview_queries(), small)

    def test_the_overview_shows_each_part(self):
        self.grow(actors=5, actions=30, entries=10)
        self.login(self.camille)
        response = self.client.get(f"/cases/{self.case.pk}/", HTTP_ACCEPT_LANGUAGE="en")
        for text in (
            "Consent in force",
            "Garder mon logement",
            "Overdue actions",
            "overdue",
            "Latest journal entries",
            "Entry 9",
            "Timeline",
            "<svg",
            "Next review",
        ):
            self.assertContains(response, text)
