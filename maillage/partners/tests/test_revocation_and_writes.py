"""Revocation takes effect on the very next request; a partner's own writes."""

from django.utils import timezone

from maillage.api.tests.base import issue_tokens
from maillage.audit.models import AuditEvent
from maillage.cases.models import JournalEntry
from maillage.categories import Category
from maillage.consent import actions as consent_actions
from maillage.network import actions as network_actions
from maillage.plans.models import Action

from .base import PartnerTestCase, marker, share


class RevocationTests(PartnerTestCase):
    def case_page(self):
        return self.client.get(f"/partner/cases/{self.case.pk}/")

    def test_ending_the_actor_ends_access_at_once_in_the_same_session(self):
        self.assertEqual(self.case_page().status_code, 200)
        network_actions.end_actor(self.actor, by=self.camille, version=None)
        self.assertEqual(self.case_page().status_code, 404)
        self.assertNotContains(self.client.get("/partner/"), "Identitymarker")
        action = self.action_of(Category.HOUSING)
        self.assertEqual(self.client.get(f"/partner/actions/{action.pk}/").status_code, 404)

    def test_withdrawing_consent_ends_access_at_once(self):
        self.assertEqual(self.case_page().status_code, 200)
        consent_actions.withdraw_consent(self.case, by=self.camille, reason="")
        self.assertEqual(self.case_page().status_code, 404)
        minutes = f"/partner/conferences/{self.conference.pk}/minutes/"
        self.assertEqual(self.client.get(minutes).status_code, 404)

    def test_narrowing_the_scope_hides_the_category_on_the_next_request(self):
        self.assertContains(self.case_page(), marker("journal", "housing"))
        share(self.case, self.camille, {self.actor: {Category.INCOME}})
        page = self.case_page()
        self.assertNotContains(page, marker("journal", "housing"))
        self.assertContains(page, marker("journal", "income"))

    def test_a_closed_case_is_no_longer_readable(self):
        from maillage.cases.models import Case

        Case.objects.filter(pk=self.case.pk).update(phase=Case.Phase.CLOSED)
        self.assertEqual(self.case_page().status_code, 404)


class PartnerWriteTests(PartnerTestCase):
    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        cls.tokens = issue_tokens(cls)

    def api(self, method: str, path: str, body: dict):
        return getattr(self.client, method)(
            f"/api/v1/partner/{path}",
            body,
            content_type="application/json",
            HTTP_AUTHORIZATION=f"Bearer {self.tokens['pat']}",
        )

    def test_a_journal_entry_in_a_shared_category_is_authored_by_the_partner(self):
        response = self.client.post(
            f"/partner/cases/{self.case.pk}/journal/new/",
            {"kind": "phone_call", "text": "Appel au CPAS", "category": "housing"},
        )
        self.assertEqual(response.status_code, 302)
        entry = JournalEntry.objects.get(text="Appel au CPAS")
        self.assertEqual((entry.author, entry.category), (self.pat, "housing"))
        self.assertTrue(AuditEvent.objects.filter(verb="journal.written", actor_id=self.pat.pk))

    def test_a_withheld_category_is_refused(self):
        response = self.client.post(
            f"/partner/cases/{self.case.pk}/journal/new/",
            {"kind": "note", "text": "Note santé", "category": "mental_health"},
        )
        self.assertEqual(response.status_code, 200)
        self.assertFalse(JournalEntry.objects.filter(text="Note santé").exists())
        api = self.api(
            "post",
            f"cases/{self.case.pk}/journal",
            {"kind": "note", "text": "Note santé", "category": "mental_health"},
        )
        self.assertEqual(api.status_code, 422)
        self.assertEqual(api.json()["errors"][0]["field"], "category")

    def test_the_partner_updates_the_status_of_an_action_they_own(self):
        action = self.action_of(Category.HOUSING)
        response = self.client.post(
            f"/partner/actions/{action.pk}/",
            {"status": "done", "follow_up": "Dossier introduit", "version": action.version},
        )
        self.assertEqual(response.status_code, 302)
        action.refresh_from_db()
        self.assertEqual((action.status, action.follow_up), ("done", "Dossier introduit"))
        self.assertEqual(action.what, marker("action", "housing"))

    def test_an_api_update_with_a_stale_version_answers_409(self):
        action = self.action_of(Category.INCOME)
        first = self.api("patch", f"actions/{action.pk}", {"version": 1, "status": "in_progress"})
        self.assertEqual(first.status_code, 200, first.content)
        self.assertEqual(first.json()["status"], "in_progress")
        stale = self.api("patch", f"actions/{action.pk}", {"version": 1, "status": "done"})
        self.assertEqual(stale.status_code, 409)
        self.assertEqual(stale.json()["current_version"], 2)

    def test_the_page_keeps_the_text_on_a_stale_version(self):
        action = self.action_of(Category.INCOME)
        self.api("patch", f"actions/{action.pk}", {"version": 1, "due_on": "2030-01-01"})
        response = self.client.post(
            f"/partner/actions/{action.pk}/",
            {"status": "done", "follow_up": "Mon texte", "version": 1},
        )
        self.assertEqual(response.status_code, 200)
        self.assertContains(response, "Mon texte")
        self.assertContains(response, "Someone else changed")

    def test_an_action_owned_by_someone_else_cannot_be_updated(self):
        person = self.case.actors.get(kind="person")
        other = Action.objects.create(
            case=self.case, what="Autre", owner=person, created_by=self.camille, category="plan"
        )
        self.assertEqual(self.client.get(f"/partner/actions/{other.pk}/").status_code, 404)
        response = self.api("patch", f"actions/{other.pk}", {"version": 1, "status": "done"})
        self.assertEqual(response.status_code, 404)

    def test_entries_are_refused_once_the_case_is_closed(self):
        from maillage.cases.models import Case

        Case.objects.filter(pk=self.case.pk).update(
            phase=Case.Phase.CLOSED, closed_at=timezone.now()
        )
        response = self.api(
            "post",
            f"cases/{self.case.pk}/journal",
            {"kind": "note", "text": "x", "category": "plan"},
        )
        self.assertEqual(response.status_code, 404)
