"""Recording a consent through the form: one grid row per actor, quick to re-record."""

from django.db import connection
from django.test.utils import CaptureQueriesContext

from maillage.audit.models import AuditEvent
from maillage.consent.models import Consent
from maillage.consent.rules import consent_in_force, shared_categories

from .base import GP, ConsentTestCase, add_actor


class RecordConsentPageTests(ConsentTestCase):
    def url(self, case=None) -> str:
        return f"/cases/{(case or self.case).pk}/consent/new/"

    def data(self, **fields):
        data = {"version": self.case.consents.count(), "status": "given", "method": "written"}
        data[f"share_{self.gp.pk}"] = ["physical_health", "plan"]
        data[f"share_{self.sister.pk}"] = ["crisis_plan"]
        return {**data, **fields}

    def test_the_grid_has_one_row_per_current_formal_or_informal_actor(self):
        self.login(self.camille)
        content = self.client.get(self.url()).content.decode()
        for actor in (self.gp, self.cpas, self.sister):
            self.assertIn(f'name="share_{actor.pk}"', content)
            self.assertEqual(content.count(f'name="share_{actor.pk}"'), 16)
        for actor in (self.gone, self.person_actor, self.worker_actor, self.stranger):
            self.assertNotIn(str(actor.pk), content)
        self.assertEqual(content.count('data-grid="row"'), 3)  # "everything for" each

    def test_a_worker_records_a_consent_with_its_scope(self):
        self.login(self.camille)
        response = self.client.post(self.url(), self.data(notes="Signed at the office."))
        self.assertRedirects(response, f"/cases/{self.case.pk}/consent/")
        consent = consent_in_force(self.case)
        self.assertEqual((consent.status, consent.method), ("given", "written"))
        self.assertEqual(
            (consent.notes, consent.recorded_by), ("Signed at the office.", self.camille)
        )
        self.assertEqual(shared_categories(consent, self.gp), {"physical_health", "plan"})
        self.assertEqual(shared_categories(consent, self.sister), {"crisis_plan"})
        self.assertEqual(shared_categories(consent, self.cpas), set())
        event = AuditEvent.objects.get(verb="consent.recorded")
        self.assertEqual((event.actor_id, event.part), (self.camille.pk, "consents"))

    def test_a_status_without_sharing_keeps_no_scope(self):
        self.login(self.noor)
        self.client.post(self.url(), self.data(status="no_demand", method=""))
        consent = consent_in_force(self.case)
        self.assertEqual((consent.status, consent.shares.count()), ("no_demand", 0))

    def test_the_form_starts_from_the_consent_in_force(self):
        self.give(method="oral")
        self.login(self.camille)
        content = self.client.get(self.url()).content.decode()
        for code in GP:
            self.assertIn(f'name="share_{self.gp.pk}" value="{code}"', content)
            checked = content.split(f'name="share_{self.gp.pk}" value="{code}"')[1][:100]
            self.assertIn("checked", checked)
        self.assertIn('name="version" value="1"', content)
        empty = self.client.get(self.url() + "?start=empty").content.decode()
        self.assertNotIn("checked", empty)
        self.assertIn('name="version" value="1"', empty)

    def test_a_representative_needs_who_decided_and_why(self):
        self.login(self.camille)
        for status in ("given_by_representative", "child_interest"):
            response = self.client.post(self.url(), self.data(status=status))
            self.assertEqual(response.status_code, 200)
            form = response.context["form"]
            self.assertEqual(set(form.errors), {"decided_by", "justification"}, status)
            self.assertContains(response, "has-error")
        self.assertEqual(self.case.consents.count(), 0)

    def test_an_invalid_form_is_shown_again_with_the_field_named(self):
        self.login(self.camille)
        response = self.client.post(self.url(), self.data(status="", notes="Kept text"))
        self.assertEqual(response.status_code, 200)
        self.assertIn("status", response.context["form"].errors)
        self.assertContains(response, "Kept text")
        response = self.client.post(self.url(), self.data(method=""))
        self.assertEqual(set(response.context["form"].errors), {"method"})
        self.assertEqual(self.case.consents.count(), 0)

    def test_a_stale_form_is_refused_and_nothing_is_lost(self):
        self.login(self.camille)
        stale = self.data(notes="Typed while Noor recorded one.")
        self.give()  # Noor's record, meanwhile
        response = self.client.post(self.url(), stale)
        self.assertEqual(response.status_code, 200)
        self.assertEqual(self.case.consents.count(), 1)
        self.assertTrue(response.context["form"].non_field_errors())
        self.assertContains(response, "Typed while Noor recorded one.")
        self.assertContains(response, 'name="version" value="1"')
        again = {**stale, "version": "1"}
        self.assertEqual(self.client.post(self.url(), again).status_code, 302)
        self.assertEqual(self.case.consents.count(), 2)

    def test_another_team_gets_404(self):
        self.login(self.bob)
        self.assertEqual(self.client.get(self.url()).status_code, 404)
        self.assertEqual(self.client.post(self.url(), self.data()).status_code, 404)

    def test_the_organiser_may_not_record_one(self):
        self.login(self.olivier)
        self.assertEqual(self.client.get(self.url()).status_code, 403)
        self.assertEqual(self.client.post(self.url(), self.data()).status_code, 403)
        self.assertEqual(Consent.objects.count(), 0)

    def test_a_closed_case_takes_no_new_consent(self):
        self.close(self.case)
        self.login(self.camille)
        self.assertEqual(self.client.get(self.url()).status_code, 403)
        self.assertEqual(self.client.post(self.url(), self.data()).status_code, 403)

    def test_the_team_lead_may_record_one(self):
        self.login(self.lea)
        self.assertEqual(self.client.post(self.url(), self.data()).status_code, 302)

    def test_an_empty_post_shows_the_form_with_its_errors(self):
        self.login(self.camille)
        response = self.client.post(self.url())
        self.assertEqual(response.status_code, 200)
        self.assertIn("status", response.context["form"].errors)

    def test_the_form_costs_the_same_with_a_larger_network_and_scope(self):
        def queries() -> int:
            with CaptureQueriesContext(connection) as context:
                self.assertEqual(self.client.get(self.url()).status_code, 200)
            return len(context.captured_queries)

        self.login(self.camille)
        self.give()
        few = queries()
        actors = [add_actor(self.case, f"Service {n}", sector="social") for n in range(10)]
        self.give(shares=[(actor.pk, ["plan"]) for actor in actors])
        self.assertEqual(queries(), few)
