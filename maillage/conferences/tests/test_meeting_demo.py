"""Demo meetings: held conferences with attendance, notes, decisions linked to actions,
minutes deliveries, and sometimes a second conference evaluating the first."""

import random
from datetime import timedelta

from django.utils import timezone

from maillage.cases.models import Case
from maillage.conferences import demo
from maillage.conferences.models import Conference, ConferenceDecision, MinutesDelivery
from maillage.demo.case_file import seed_case_file

from .test_meeting_base import MeetingTestCase


class DemoMeetingTests(MeetingTestCase):
    def setUp(self) -> None:
        super().setUp()
        Case.objects.filter(pk=self.case.pk).update(opened_at=timezone.now() - timedelta(days=400))
        self.case.refresh_from_db()
        seed_case_file(self.case, by=self.camille, today=timezone.localdate(), seed="demo")
        # The case file's seeders include conferences: start these tests without any.
        MinutesDelivery.objects.all().delete()
        Conference.objects.all().delete()
        self.case.actions.filter(decisions__isnull=False).delete()

    def seed(self, seed: int) -> None:
        demo.seed_held_conferences(
            self.case, random.Random(seed), self.camille, timezone.localdate()
        )

    def clear(self) -> None:
        MinutesDelivery.objects.all().delete()
        Conference.objects.all().delete()

    def test_seeded_conferences_are_held_with_a_full_record(self):
        seeded = evaluated = 0
        for seed in range(20):
            self.clear()
            self.seed(seed)
            conferences = list(self.case.conferences.order_by("starts_at"))
            if not conferences:
                continue
            seeded += 1
            for conference in conferences:
                self.assertEqual(conference.status, "held")
                self.assertLess(conference.starts_at, timezone.now())
                self.assertTrue(conference.invitations.filter(attendance="present").exists())
                self.assertTrue(conference.agenda.exclude(notes="").exists())
                decisions = list(conference.decisions.select_related("action"))
                self.assertIn(len(decisions), (2, 3))
                for decision in decisions:
                    self.assertEqual(decision.action.what, decision.what)
                    self.assertEqual(decision.action.case_id, self.case.pk)
            self.assertTrue(MinutesDelivery.objects.filter(conference=conferences[0]).exists())
            if len(conferences) == 2:
                evaluated += 1
                first = conferences[0]
                self.assertEqual(first.next_conference, conferences[1])
                self.assertFalse(
                    ConferenceDecision.objects.filter(conference=first, evaluated_at=None).exists()
                )
        self.assertTrue(8 <= seeded <= 19, seeded)
        self.assertTrue(1 <= evaluated < seeded, (evaluated, seeded))

    def test_the_same_seed_gives_the_same_meetings(self):
        def snapshot():
            return list(
                ConferenceDecision.objects.order_by("what").values_list(
                    "what", "due_on", "evaluation", "owner__name"
                )
            )

        self.seed(3)
        first = snapshot()
        self.clear()
        self.seed(3)
        self.assertEqual(first, snapshot())

    def test_a_young_case_has_no_conference_yet(self):
        Case.objects.filter(pk=self.case.pk).update(opened_at=timezone.now() - timedelta(days=10))
        self.case.refresh_from_db()
        self.clear()
        for seed in range(5):
            self.seed(seed)
        self.assertFalse(self.case.conferences.exists())
