"""Demo assessments: one or two per case, realistic, valid, deterministic."""

import random
from datetime import timedelta

from django.utils import timezone

from maillage.assessments import demo
from maillage.assessments.models import Assessment
from maillage.assessments.queries import compare
from maillage.cases.models import Case
from maillage.programmes.models import Programme

from .base import AssessmentTestCase, open_case


class DemoAssessmentTests(AssessmentTestCase):
    def aged(self, days: int, case: Case | None = None) -> Case:
        case = case or self.case
        Case.objects.filter(pk=case.pk).update(opened_at=timezone.now() - timedelta(days=days))
        return Case.objects.select_related("programme", "support_request").get(pk=case.pk)

    def seed(self, case: Case, seed: int = 7) -> list[Assessment]:
        demo.seed_case(case, random.Random(seed), self.camille, timezone.localdate())
        return list(case.assessments.prefetch_related("domains").order_by("assessed_on"))

    def test_an_older_case_is_assessed_then_re_assessed(self):
        first, later = self.seed(self.aged(300))
        opened = timezone.localdate() - timedelta(days=300)
        self.assertTrue(
            opened + timedelta(days=14) <= first.assessed_on <= opened + timedelta(days=28)
        )
        self.assertGreaterEqual((later.assessed_on - first.assessed_on).days, 90)
        for assessment in (first, later):
            rows = list(assessment.domains.all())
            self.assertTrue(3 <= len(rows) <= 6, len(rows))
            for row in rows:
                row.full_clean()
                self.assertTrue(row.needs and row.readiness and row.risks)
                self.assertNotIn("{e}", row.readiness + row.resources_person)
        self.assertNotEqual(compare(first.domains.all(), later.domains.all()), [])

    def test_a_recent_case_gets_one_assessment_and_a_new_one_none(self):
        self.assertEqual(len(self.seed(self.aged(40))), 1)
        self.assertEqual(self.seed(self.aged(5, open_case(self))), [])

    def test_only_the_programmes_domains_are_assessed(self):
        Programme.objects.filter(pk=self.brusano.pk).update(
            life_domains=["housing", "income", "mental_health"]
        )
        for assessment in self.seed(self.aged(300)):
            domains = {row.domain for row in assessment.domains.all()}
            self.assertLessEqual(domains, {"housing", "income", "mental_health"})

    def test_the_same_seed_gives_the_same_assessments(self):
        def content(assessments: list[Assessment]) -> list[tuple]:
            return [
                (
                    a.assessed_on,
                    a.summary,
                    [(r.domain, r.severity, r.readiness) for r in a.domains.all()],
                )
                for a in assessments
            ]

        first = content(self.seed(self.aged(300), seed=3))
        Assessment.objects.all().delete()
        self.assertEqual(content(self.seed(self.aged(300), seed=3)), first)
