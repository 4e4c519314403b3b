"""Recording an assessment on the page: a first one, then re-assessments prefilled from
the latest, only the programme's life domains, only the domains where something is said."""

from django.core.exceptions import ValidationError
from django.utils import timezone

from maillage.assessments.models import Assessment
from maillage.audit.models import AuditEvent
from maillage.cases.models import Case
from maillage.programmes.models import Programme

from .base import AssessmentTestCase, days_ago, form_data, housing, mental_health


class NewAssessmentTests(AssessmentTestCase):
    def post(self, data: dict[str, str]):
        return self.client.post(self.url("new/"), data)

    def test_the_form_offers_every_life_domain_and_defaults_to_today(self):
        self.login(self.camille)
        response = self.client.get(self.url("new/"))
        self.assertEqual(response.status_code, 200)
        content = response.content.decode()
        self.assertEqual(content.count("<details"), 11)
        self.assertIn(f'value="{timezone.localdate().isoformat()}"', content)
        self.assertIn('name="housing-readiness"', content)
        self.assertNotIn("<details open", content)

    def test_only_the_domains_where_something_is_said_are_kept(self):
        self.login(self.camille)
        response = self.post(
            form_data(
                **{
                    "housing-needs": "Un logement stable.",
                    "housing-severity": "3",
                    "housing-person_priority": "3",
                    "mental_health-risks": "Rupture de soins.",
                    "income-severity": "",
                }
            )
        )
        assessment = Assessment.objects.get(case=self.case)
        self.assertRedirects(response, self.url(f"{assessment.pk}/"))
        rows = {row.domain: row for row in assessment.domains.all()}
        self.assertEqual(set(rows), {"housing", "mental_health"})
        self.assertEqual((rows["housing"].severity, rows["housing"].person_priority), (3, 3))
        self.assertEqual(rows["mental_health"].risks, "Rupture de soins.")
        self.assertIsNone(rows["mental_health"].severity)
        self.assertEqual(assessment.assessed_by, self.camille)

    def test_recording_is_audited_with_field_names_only(self):
        self.login(self.camille)
        self.post(form_data(**{"housing-needs": "Un logement stable.", "housing-severity": "3"}))
        event = AuditEvent.objects.get(verb="assessment.added")
        self.assertEqual(
            (event.part, event.case_id, event.actor_id),
            ("assessments", self.case.pk, self.camille.pk),
        )
        self.assertEqual(event.person_id, self.case.person_id)
        self.assertIn("severity", event.changes)
        self.assertNotIn("Un logement stable.", str(event.changes))

    def test_a_re_assessment_is_prefilled_from_the_latest(self):
        self.assess(housing(), mental_health(), days=90, summary="Premier bilan.")
        self.login(self.noor)
        content = self.client.get(self.url("new/")).content.decode()
        self.assertIn("Arriérés de loyer, avis d&#x27;expulsion.", content)
        self.assertIn("Premier bilan.", content)
        self.assertEqual(content.count("<details open"), 2)
        self.assertIn('<option value="3" selected>', content)

    def test_a_re_assessment_is_a_new_record_and_the_history_stays(self):
        first = self.assess(housing(), mental_health(), days=90)
        self.login(self.noor)
        self.post(
            form_data(
                **{
                    "housing-needs": "Un logement stable.",
                    "housing-severity": "2",
                    "housing-readiness": "A pris rendez-vous au CPAS.",
                    "mental_health-needs": "Reprendre un suivi.",
                    "mental_health-severity": "2",
                    "mental_health-risks": "Rupture de soins.",
                }
            )
        )
        self.assertEqual(Assessment.objects.filter(case=self.case).count(), 2)
        first.refresh_from_db()
        self.assertEqual(first.version, 1)
        self.assertEqual(first.domains.get(domain="housing").severity, 3)
        latest = Assessment.objects.filter(case=self.case).exclude(pk=first.pk).get()
        self.assertEqual(latest.domains.get(domain="housing").severity, 2)
        self.assertEqual(latest.assessed_by, self.noor)

    def test_a_programme_offers_only_its_life_domains(self):
        Programme.objects.filter(pk=self.brusano.pk).update(life_domains=["housing", "income"])
        self.login(self.camille)
        content = self.client.get(self.url("new/")).content.decode()
        self.assertEqual(content.count("<details"), 2)
        self.assertIn('name="income-needs"', content)
        self.assertNotIn('name="mental_health-needs"', content)
        # A domain the programme does not use is not stored, even when posted.
        self.post(
            form_data(**{"housing-severity": "3", "mental_health-needs": "Reprendre un suivi."})
        )
        assessment = Assessment.objects.get(case=self.case)
        self.assertEqual([row.domain for row in assessment.domains.all()], ["housing"])

    def test_the_action_refuses_a_domain_the_programme_does_not_use(self):
        Programme.objects.filter(pk=self.brusano.pk).update(life_domains=["housing", "income"])
        case = Case.objects.get(pk=self.case.pk)
        with self.assertRaises(ValidationError) as raised:
            self.assess(housing(), mental_health(), case=case)
        self.assertEqual(list(raised.exception.message_dict), ["domains.1.domain"])
        self.assertFalse(Assessment.objects.exists())

    def test_an_invalid_form_names_the_field_and_keeps_the_text(self):
        self.login(self.camille)
        response = self.post(
            {
                **form_data(),
                "assessed_on": days_ago(-1).isoformat(),
                "housing-needs": "Un logement stable, texte à garder.",
                "housing-severity": "9",
            }
        )
        self.assertEqual(response.status_code, 200)
        form, domains = response.context["form"], response.context["domains"]
        self.assertIn("assessed_on", form.errors)
        housing_form = next(domain for domain in domains if domain.domain == "housing")
        self.assertIn("severity", housing_form.errors)
        self.assertIn("Un logement stable, texte à garder.", response.content.decode())
        self.assertIn("<details open", response.content.decode())
        self.assertFalse(Assessment.objects.exists())

    def test_an_empty_assessment_is_refused(self):
        self.login(self.camille)
        response = self.post({"assessed_on": days_ago(1).isoformat(), "summary": " "})
        self.assertEqual(response.status_code, 200)
        self.assertIn(
            "Say something about at least one life domain, or write a summary.",
            response.content.decode(),
        )
        self.assertFalse(Assessment.objects.exists())

    def test_an_outsider_gets_404(self):
        self.login(self.bob)
        self.assertEqual(self.client.get(self.url("new/")).status_code, 404)
        self.assertEqual(self.post(form_data(**{"housing-severity": "3"})).status_code, 404)
        self.assertFalse(Assessment.objects.exists())

    def test_an_organiser_reads_but_cannot_assess(self):
        self.login(self.olivier)
        self.assertEqual(self.client.get(self.url()).status_code, 200)
        self.assertEqual(self.client.get(self.url("new/")).status_code, 403)
        self.assertEqual(self.post(form_data(**{"housing-severity": "3"})).status_code, 403)
        self.assertFalse(Assessment.objects.exists())

    def test_a_closed_case_is_read_only(self):
        Case.objects.filter(pk=self.case.pk).update(phase=Case.Phase.CLOSED)
        self.login(self.camille)
        self.assertEqual(self.post(form_data(**{"housing-severity": "3"})).status_code, 403)
        self.assertEqual(self.client.get(self.url()).status_code, 200)
        self.assertNotIn(self.url("new/"), self.client.get(self.url()).content.decode())
