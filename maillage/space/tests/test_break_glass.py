"""A team lead reads a case outside their caseload only after stating a purpose:
read-only, audited with the purpose, for a limited time; shown to the case manager."""

from django.test import override_settings

from maillage.accounts.models import ApiToken
from maillage.audit.models import AuditEvent
from maillage.cases.models import Case

from .base import PURPOSE, SpaceTestCase, accepted_case


class BreakGlassTests(SpaceTestCase):
    def open(self, client, case=None, purpose=PURPOSE):
        case = case or self.other_case
        return client.post("/cases/purpose/", {"case": f"/cases/{case.pk}/", "purpose": purpose})

    def test_without_a_purpose_the_case_is_not_found(self):
        lea = self.login(self.lea)
        self.assertEqual(lea.get(f"/cases/{self.other_case.pk}/").status_code, 404)
        response = self.open(lea, purpose="pour voir")
        self.assertEqual(response.status_code, 200)
        self.assertFalse(AuditEvent.objects.filter(verb="case.opened_with_purpose").exists())
        self.assertEqual(lea.get(f"/cases/{self.other_case.pk}/").status_code, 404)

    def test_with_a_purpose_the_lead_reads_without_changing_and_every_read_is_flagged(self):
        lea = self.login(self.lea)
        response = self.open(lea)
        self.assertRedirects(response, f"/cases/{self.other_case.pk}/")
        grant = AuditEvent.objects.get(verb="case.opened_with_purpose")
        self.assertEqual((grant.purpose, grant.case_id), (PURPOSE, self.other_case.pk))
        self.assertEqual(lea.get(f"/cases/{self.other_case.pk}/plan/").status_code, 200)
        read = AuditEvent.objects.filter(verb="case.viewed", actor_id=self.lea.pk).last()
        self.assertEqual((read.part, read.purpose), ("plan", PURPOSE))
        response = lea.post(f"/cases/{self.other_case.pk}/phase/", {"version": 1})
        self.assertEqual(response.status_code, 403)
        self.assertEqual(lea.get(f"/cases/{self.other_case.pk}/plan/goals/new/").status_code, 403)

    def test_reads_in_the_own_caseload_carry_no_purpose(self):
        lea = self.login(self.lea)
        self.open(lea)
        lea.get(f"/cases/{self.case.pk}/")
        read = AuditEvent.objects.filter(verb="case.viewed", case_id=self.case.pk).last()
        self.assertEqual(read.purpose, "")

    def test_the_grant_expires(self):
        lea = self.login(self.lea)
        self.open(lea)
        with override_settings(BREAK_GLASS_HOURS=0):
            self.assertEqual(lea.get(f"/cases/{self.other_case.pk}/").status_code, 404)
        self.assertEqual(lea.get(f"/cases/{self.other_case.pk}/").status_code, 200)

    def test_the_case_manager_sees_the_read_and_its_purpose(self):
        lea = self.login(self.lea)
        self.open(lea)
        lea.get(f"/cases/{self.other_case.pk}/")
        response = self.login(self.camille, self.client_class()).get(
            f"/cases/{self.other_case.pk}/"
        )
        self.assertContains(response, PURPOSE)
        self.assertContains(response, str(self.lea))

    def test_only_team_leads_may_state_a_purpose(self):
        for user in (self.camille, self.bob, self.zoe, self.olivier):
            client = self.login(user, self.client_class())
            self.assertEqual(client.get("/cases/purpose/").status_code, 403, user)

    def test_a_case_of_another_organisation_opens_read_only_with_a_purpose(self):
        self.cast_bru_stars_case()
        lea = self.login(self.lea)
        self.assertEqual(lea.get(f"/cases/{self.bru_stars_case.pk}/").status_code, 404)
        response = self.open(lea, self.bru_stars_case)
        self.assertRedirects(response, f"/cases/{self.bru_stars_case.pk}/")
        self.assertEqual(lea.get(f"/cases/{self.bru_stars_case.pk}/").status_code, 200)
        read = AuditEvent.objects.filter(verb="case.viewed", case_id=self.bru_stars_case.pk)
        self.assertEqual({e.purpose for e in read.filter(actor_id=self.lea.pk)}, {PURPOSE})

    def test_a_case_already_in_the_caseload_needs_no_purpose(self):
        response = self.open(self.login(self.lea), self.case)
        self.assertRedirects(response, f"/cases/{self.case.pk}/")
        self.assertFalse(AuditEvent.objects.filter(verb="case.opened_with_purpose").exists())

    def test_an_unknown_case_is_refused(self):
        lea = self.login(self.lea)
        response = lea.post(
            "/cases/purpose/",
            {"case": "/cases/7a1f0c3e-0000-4000-8000-000000000000/", "purpose": PURPOSE},
        )
        self.assertEqual(response.status_code, 200)
        self.assertIn("case", response.context["form"].errors)
        self.assertFalse(AuditEvent.objects.filter(verb="case.opened_with_purpose").exists())

    def cast_bru_stars_case(self):
        support_request = self.record(self.brustars, self.ines)
        from maillage.casefile import actions as casefile_actions

        casefile_actions.answer_request(
            support_request, by=self.ines, kind="accept", case_workers=[self.bob]
        )
        self.bru_stars_case = Case.objects.get(support_request=support_request)

    def test_the_api_needs_the_same_grant(self):
        _token, raw = ApiToken.issue(self.lea, "test")
        url = f"/api/v1/cases/{self.other_case.pk}"
        headers = {"HTTP_AUTHORIZATION": f"Bearer {raw}", "secure": True}
        self.assertEqual(self.client.get(url, **headers).status_code, 404)
        self.open(self.login(self.lea))
        self.assertEqual(self.client_class().get(url, **headers).status_code, 200)
        read = AuditEvent.objects.filter(verb="case.viewed", actor_id=self.lea.pk).last()
        self.assertEqual(read.purpose, PURPOSE)

    def test_an_unrelated_case_keeps_its_own_team(self):
        case = accepted_case(self)
        self.assertEqual(case.team_id, self.brusano_team.pk)
