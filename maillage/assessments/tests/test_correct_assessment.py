"""Correcting an assessment in place (a typo the same day), guarded by its version."""

from maillage.assessments import actions
from maillage.assessments.models import Assessment
from maillage.audit.models import AuditEvent
from maillage.programmes.models import Programme

from .base import AssessmentTestCase, form_data, housing, mental_health


class CorrectAssessmentTests(AssessmentTestCase):
    def setUp(self) -> None:
        super().setUp()
        self.assessment = self.assess(housing(), mental_health(), summary="Premier bilan.")
        self.edit_url = self.url(f"{self.assessment.pk}/edit/")

    def data(self, version: int, **fields: str) -> dict[str, str]:
        domains = {
            "housing-needs": "Un logement stable.",
            "housing-severity": "2",
            "mental_health-needs": "Reprendre un suivi.",
            "mental_health-severity": "2",
            "mental_health-risks": "Rupture de soins.",
        }
        return {
            **form_data(),
            "version": str(version),
            "summary": "Premier bilan, corrigé.",
            **domains,
            **fields,
        }

    def test_the_form_shows_the_assessment_as_saved(self):
        self.login(self.camille)
        content = self.client.get(self.edit_url).content.decode()
        self.assertIn("Premier bilan.", content)
        self.assertIn('name="version" value="1"', content)
        self.assertEqual(content.count("<details open"), 2)

    def test_a_correction_changes_the_assessment_in_place(self):
        self.login(self.camille)
        response = self.client.post(self.edit_url, self.data(1))
        self.assertRedirects(response, self.url(f"{self.assessment.pk}/"))
        self.assertEqual(Assessment.objects.count(), 1)
        self.assessment.refresh_from_db()
        self.assertEqual(
            (self.assessment.version, self.assessment.summary), (2, "Premier bilan, corrigé.")
        )
        rows = {row.domain: row for row in self.assessment.domains.all()}
        self.assertEqual(rows["housing"].severity, 2)
        self.assertEqual(rows["housing"].readiness, "")

    def test_the_correction_is_audited_with_the_fields_changed(self):
        self.login(self.camille)
        self.client.post(self.edit_url, self.data(1))
        event = AuditEvent.objects.get(verb="assessment.changed")
        self.assertEqual(event.part, "assessments")
        self.assertEqual(event.target_id, str(self.assessment.pk))
        self.assertEqual(
            event.changes,
            ["difficulties", "person_priority", "readiness", "risks", "severity", "summary"],
        )

    def test_a_domain_emptied_by_the_correction_is_removed(self):
        self.login(self.camille)
        data = self.data(
            1,
            **{"mental_health-needs": "", "mental_health-severity": "", "mental_health-risks": ""},
        )
        self.client.post(self.edit_url, data)
        self.assertEqual([row.domain for row in self.assessment.domains.all()], ["housing"])
        self.assertIn("domains", AuditEvent.objects.get(verb="assessment.changed").changes)

    def test_a_stale_correction_is_refused_and_the_text_kept(self):
        actions.change_assessment(
            self.assessment,
            by=self.noor,
            version=1,
            summary="Corrigé par Noor.",
            domains=[housing(severity=4)],
        )
        self.login(self.camille)
        response = self.client.post(self.edit_url, self.data(1, summary="Mon texte à garder."))
        self.assertEqual(response.status_code, 200)
        content = response.content.decode()
        self.assertIn("Someone else changed this record while you were editing it.", content)
        self.assertIn("Mon texte à garder.", content)
        self.assertIn("Corrigé par Noor.", content)  # what was saved meanwhile, to review
        self.assertIn('name="version" value="2"', content)
        self.assessment.refresh_from_db()
        self.assertEqual(self.assessment.summary, "Corrigé par Noor.")
        self.assertEqual(self.assessment.domains.get().severity, 4)
        # Saving again, on top of the current version, goes through.
        self.client.post(self.edit_url, self.data(2, summary="Mon texte à garder."))
        self.assessment.refresh_from_db()
        self.assertEqual(
            (self.assessment.summary, self.assessment.version), ("Mon texte à garder.", 3)
        )

    def test_a_domain_the_programme_no_longer_uses_stays_correctable(self):
        Programme.objects.filter(pk=self.brusano.pk).update(life_domains=["housing"])
        self.login(self.camille)
        content = self.client.get(self.edit_url).content.decode()
        self.assertIn('name="mental_health-needs"', content)
        self.assertNotIn('name="income-needs"', content)
        self.client.post(self.edit_url, self.data(1))
        self.assertEqual(self.assessment.domains.count(), 2)

    def test_the_version_is_required(self):
        self.login(self.camille)
        data = self.data(1)
        del data["version"]
        response = self.client.post(self.edit_url, data)
        self.assertEqual(response.status_code, 200)
        self.assertIn("version", response.context["form"].errors)
        self.assessment.refresh_from_db()
        self.assertEqual(self.assessment.version, 1)

    def test_an_outsider_gets_404_and_an_organiser_403(self):
        self.login(self.bob)
        self.assertEqual(self.client.get(self.edit_url).status_code, 404)
        self.assertEqual(self.client.post(self.edit_url, self.data(1)).status_code, 404)
        self.login(self.olivier)
        self.assertEqual(self.client.get(self.edit_url).status_code, 403)
        self.assertEqual(self.client.post(self.edit_url, self.data(1)).status_code, 403)
        self.assessment.refresh_from_db()
        self.assertEqual(self.assessment.version, 1)

    def test_an_assessment_of_another_case_is_not_found_here(self):
        from .base import open_case

        other = self.assess(housing(), case=open_case(self))
        self.login(self.camille)
        self.assertEqual(self.client.get(self.url(f"{other.pk}/edit/")).status_code, 404)
        self.assertEqual(self.client.get(self.url(f"{other.pk}/")).status_code, 404)
