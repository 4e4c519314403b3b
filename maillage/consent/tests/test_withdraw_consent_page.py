"""Withdrawing consent: one confirmed click, in force at once, history kept."""

from maillage.audit.models import AuditEvent
from maillage.consent.rules import consent_in_force, shared_categories, sharing_allowed

from .base import ConsentTestCase


class WithdrawConsentPageTests(ConsentTestCase):
    def url(self) -> str:
        return f"/cases/{self.case.pk}/consent/withdraw/"

    def test_one_click_withdraws_consent_at_once_and_keeps_the_history(self):
        given = self.give()
        self.login(self.noor)
        response = self.client.post(self.url(), {"reason": "Ne veut plus de partage."})
        self.assertRedirects(response, f"/cases/{self.case.pk}/consent/")
        consent = consent_in_force(self.case)
        self.assertEqual(
            (consent.status, consent.justification), ("withdrawn", "Ne veut plus de partage.")
        )
        self.assertIs(sharing_allowed(consent), False)
        self.assertEqual(shared_categories(consent, self.gp), set())
        self.assertEqual(list(self.case.consents.latest_first()), [consent, given])
        event = AuditEvent.objects.get(verb="consent.withdrawn")
        self.assertEqual(
            (event.actor_id, event.part, event.target_id),
            (self.noor.pk, "consents", str(consent.pk)),
        )

    def test_the_reason_is_optional(self):
        self.give()
        self.login(self.camille)
        self.client.post(self.url())
        self.assertEqual(consent_in_force(self.case).status, "withdrawn")

    def test_the_button_asks_for_confirmation(self):
        self.give()
        self.login(self.camille)
        content = self.client.get(f"/cases/{self.case.pk}/consent/").content.decode()
        form = content.split(f'action="{self.url()}"')[1].split("</form>")[0]
        self.assertIn('type="submit" data-confirm="', form)

    def test_without_consent_in_force_nothing_is_recorded(self):
        self.login(self.camille)
        response = self.client.post(self.url(), follow=True)
        self.assertEqual(self.case.consents.count(), 0)
        self.assertEqual(len(list(response.context["messages"])), 1)

    def test_a_too_long_reason_is_refused(self):
        self.give()
        self.login(self.camille)
        self.client.post(self.url(), {"reason": "x" * 2001})
        self.assertEqual(consent_in_force(self.case).status, "given")

    def test_another_team_gets_404(self):
        self.give()
        self.login(self.bob)
        self.assertEqual(self.client.post(self.url()).status_code, 404)
        self.assertEqual(consent_in_force(self.case).status, "given")

    def test_the_organiser_may_not_withdraw(self):
        self.give()
        self.login(self.olivier)
        self.assertEqual(self.client.post(self.url()).status_code, 403)
        self.assertEqual(consent_in_force(self.case).status, "given")

    def test_a_closed_case_is_read_only(self):
        self.give()
        self.close(self.case)
        self.login(self.camille)
        self.assertEqual(self.client.post(self.url()).status_code, 403)

    def test_get_is_not_allowed(self):
        self.login(self.camille)
        self.assertEqual(self.client.get(self.url()).status_code, 405)
