"""assessment_summary(): what the case overview shows of the assessments, bounded."""

from django.db import connection
from django.test.utils import CaptureQueriesContext

from maillage.assessments.actions import DomainData
from maillage.assessments.queries import assessment_summary

from .base import AssessmentTestCase, housing, mental_health


class AssessmentSummaryTests(AssessmentTestCase):
    def summary(self) -> tuple[dict, int]:
        with CaptureQueriesContext(connection) as context:
            summary = assessment_summary(self.case)
            list(summary["latest"].domains.all()) if summary["latest"] else None
        return summary, len(context.captured_queries)

    def test_a_case_without_assessment(self):
        summary, _queries = self.summary()
        self.assertEqual(summary, {"latest": None, "high_severity": [], "count": 0})

    def test_the_latest_and_its_severe_domains_most_severe_first(self):
        self.assess(housing(severity=4), days=100)
        latest = self.assess(
            housing(severity=3),
            mental_health(severity=4),
            DomainData(domain="income", needs="Budget.", severity=2),
            DomainData(domain="family", needs="Renouer."),
            days=5,
        )
        summary, _queries = self.summary()
        self.assertEqual(summary["latest"], latest)
        self.assertEqual(summary["count"], 2)
        self.assertEqual(
            [(row.domain, row.severity) for row in summary["high_severity"]],
            [("mental_health", 4), ("housing", 3)],
        )

    def test_it_costs_the_same_with_2_or_15_assessments(self):
        for days in (20, 10):
            self.assess(housing(), mental_health(), days=days)
        _summary, before = self.summary()
        for days in range(30, 43):
            self.assess(housing(), days=days)
        summary, after = self.summary()
        self.assertEqual((summary["count"], after), (15, before))
        self.assertLessEqual(before, 3)
