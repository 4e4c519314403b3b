"""The assessment pages: the latest by life domain and the history, one assessment with
what changed since the previous one, the page to print; their cost stays the same."""

from django.db import connection
from django.test.utils import CaptureQueriesContext

from maillage.audit.models import AuditEvent

from .base import AssessmentTestCase, housing, mental_health


class AssessmentPagesTests(AssessmentTestCase):
    def setUp(self) -> None:
        super().setUp()
        self.login(self.camille)

    def queries(self, url: str) -> int:
        with CaptureQueriesContext(connection) as context:
            self.assertEqual(self.client.get(url).status_code, 200)
        return len(context.captured_queries)

    def test_without_assessment_the_list_invites_to_assess(self):
        content = self.client.get(self.url()).content.decode()
        self.assertIn("No assessment yet.", content)
        self.assertIn("Assess the situation", content)
        self.assertIn(f"/cases/{self.case.pk}/", content)

    def test_the_list_shows_the_latest_by_domain_then_the_history(self):
        self.assess(housing(), days=120)
        self.assess(
            housing(severity=2, readiness="A rendez-vous au CPAS jeudi."),
            mental_health(person_priority=1),
            days=10,
        )
        content = self.client.get(self.url()).content.decode()
        self.assertIn("Re-assess", content)
        self.assertIn("moderate (2)", content)
        self.assertIn("low priority for the person (1)", content)
        self.assertIn("A rendez-vous au CPAS jeudi.", content)
        self.assertIn("Rupture de soins.", content)
        self.assertNotIn("Prête à rencontrer", content)  # the older readiness: history only
        self.assertEqual(content.count('<tr>\n          <td><a href="/cases/'), 2)
        self.assertIn("high (3)", content)  # the older one's highest severity

    def test_reading_the_assessments_is_audited(self):
        assessment = self.assess(housing())
        for url in (self.url(), self.url(f"{assessment.pk}/"), self.url(f"{assessment.pk}/print/")):
            self.client.get(url)
        parts = AuditEvent.objects.filter(verb="case.viewed", case_id=self.case.pk)
        self.assertEqual(list(parts.values_list("part", flat=True)), ["assessments"] * 3)

    def test_the_detail_says_what_changed_since_the_previous_assessment(self):
        self.assess(housing(), days=120)
        latest = self.assess(
            housing(severity=2, readiness="A rendez-vous au CPAS jeudi."), mental_health(), days=10
        )
        response = self.client.get(self.url(f"{latest.pk}/"))
        changes = response.context["changes"]
        self.assertEqual(
            [(c.domain, c.kind, c.field) for c in changes],
            [
                ("mental_health", "added", ""),
                ("housing", "changed", "severity"),
                ("housing", "changed", "readiness"),
            ],
        )
        content = response.content.decode()
        self.assertIn("high (3)", content)
        self.assertIn("moderate (2)", content)
        self.assertIn("Assessed now, not before", content)
        self.assertIn("Correct this assessment", content)

    def test_the_first_assessment_has_nothing_to_compare(self):
        first = self.assess(housing())
        content = self.client.get(self.url(f"{first.pk}/")).content.decode()
        self.assertIn("This is the first assessment of the case", content)
        self.assertIn("Arriérés de loyer", content)

    def test_the_print_page_holds_the_whole_assessment(self):
        assessment = self.assess(housing(), mental_health(), summary="Premier bilan.")
        content = self.client.get(self.url(f"{assessment.pk}/print/")).content.decode()
        for text in ("Premier bilan.", "Expulsion.", "Rupture de soins.", "high (3)", "<h1>"):
            self.assertIn(text, content)
        self.assertNotIn('<form method="post" class="form', content)

    def test_an_organiser_reads_without_the_buttons_to_change(self):
        assessment = self.assess(housing())
        self.login(self.olivier)
        for url in (self.url(), self.url(f"{assessment.pk}/")):
            response = self.client.get(url)
            self.assertEqual(response.status_code, 200)
            self.assertNotIn("/new/", response.content.decode())
            self.assertNotIn("/edit/", response.content.decode())

    def test_an_outsider_gets_404_everywhere(self):
        assessment = self.assess(housing())
        self.login(self.bob)
        for suffix in ("", f"{assessment.pk}/", f"{assessment.pk}/print/", "new/"):
            response = self.client.get(self.url(suffix))
            self.assertEqual(response.status_code, 404, suffix)
            self.assertNotIn("Arriérés", response.content.decode())

    def test_an_unknown_assessment_is_not_found(self):
        response = self.client.get(self.url("6f1c0e8a-6a52-4f55-9d0e-2b9a3c1d7e01/"))
        self.assertEqual(response.status_code, 404)
        self.assertEqual(self.client.get(self.url("not-an-id/")).status_code, 404)

    def test_the_pages_cost_the_same_with_2_or_15_assessments(self):
        self.assess(housing(), mental_health(), days=400)
        latest = self.assess(housing(severity=2), mental_health(), days=200)
        urls = [
            self.url(),
            self.url(f"{latest.pk}/"),
            self.url(f"{latest.pk}/print/"),
            self.url(f"{latest.pk}/edit/"),
            self.url("new/"),
        ]
        before = [self.queries(url) for url in urls]
        for days in range(199, 186, -1):
            self.assess(housing(severity=days % 5), mental_health(), days=days + 100)
        self.assertEqual(self.case.assessments.count(), 15)
        self.assertEqual([self.queries(url) for url in urls], before)
