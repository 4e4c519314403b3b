"""The consent page: the consent in force, its scope, the history, and what is missing."""

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import translation

from maillage.audit.models import AuditEvent
from maillage.consent import actions
from maillage.consent.models import Consent
from maillage.consent.rules import MISSING_CONSENT

from .base import ConsentTestCase, add_actor


class ConsentListPageTests(ConsentTestCase):
    def url(self, case=None) -> str:
        return f"/cases/{(case or self.case).pk}/consent/"

    def page(self, user=None) -> str:
        self.login(user or self.camille)
        response = self.client.get(self.url())
        self.assertEqual(response.status_code, 200)
        return response.content.decode()

    def missing(self) -> str:
        with translation.override("fr"):
            return str(MISSING_CONSENT).replace("'", "&#x27;")

    def test_without_consent_the_page_warns_that_sharing_needs_one(self):
        content = self.page()
        self.assertIn('class="alert alert-warning"', content)
        self.assertIn(self.missing(), content)

    def test_the_consent_in_force_is_shown_with_what_each_actor_may_receive(self):
        self.give(notes="Accord donné au bureau.")
        content = self.page()
        self.assertNotIn("alert-warning", content)
        self.assertIn("Dr Claire Dubois (Maison médicale du Midi)", content)
        self.assertIn("Accord donné au bureau.", content)
        self.assertEqual(content.count('<td><span aria-hidden="true">✓</span>'), 8)
        self.assertIn(f'action="/cases/{self.case.pk}/consent/withdraw/"', content)
        self.assertIn("data-confirm=", content)

    def test_after_a_withdrawal_the_warning_is_back_and_the_history_keeps_the_consent(self):
        self.give(notes="First consent")
        actions.withdraw_consent(self.case, by=self.noor, reason="Wants a pause")
        content = self.page()
        self.assertIn(self.missing(), content)
        self.assertIn("Wants a pause", content)
        history = content.split('id="history-heading"')[1]
        self.assertIn("First consent", history)
        self.assertIn("Dr Claire Dubois", history)
        self.assertNotIn("data-confirm=", content)  # nothing left to withdraw

    def test_the_history_lists_earlier_records_newest_first(self):
        self.give(status=Consent.Status.NO_DEMAND, method="", notes="Oldest record")
        self.give(status=Consent.Status.REFUSED, method="", notes="Middle record")
        self.give(notes="Newest record")
        history = self.page().split('id="history-heading"')[1]
        self.assertNotIn("Newest record", history)
        self.assertLess(history.index("Middle record"), history.index("Oldest record"))

    def test_the_organiser_reads_it_without_the_buttons(self):
        self.give()
        content = self.page(self.olivier)
        self.assertNotIn(f"/cases/{self.case.pk}/consent/new/", content)
        self.assertNotIn("data-confirm=", content)

    def test_a_closed_case_shows_no_buttons(self):
        self.give()
        self.close(self.case)
        content = self.page()
        self.assertNotIn(f"/cases/{self.case.pk}/consent/new/", content)
        self.assertNotIn("data-confirm=", content)

    def test_another_team_gets_404(self):
        self.login(self.bob)
        self.assertEqual(self.client.get(self.url()).status_code, 404)

    def test_reading_the_page_is_audited_as_the_consents_part(self):
        self.page()
        event = AuditEvent.objects.filter(verb="case.viewed").latest("seq")
        self.assertEqual((event.part, event.case_id), ("consents", self.case.pk))

    def test_the_page_costs_the_same_with_a_long_history_and_a_large_network(self):
        actors = [add_actor(self.case, f"Service {n}", sector="social") for n in range(10)]
        scope = [(actor.pk, ["plan", "housing", "income"]) for actor in actors]

        def record(count: int) -> None:
            for _ in range(count):
                actions.record_consent(
                    self.case, by=self.camille, status="given", method="oral", shares=scope
                )

        def queries() -> int:
            with CaptureQueriesContext(connection) as context:
                self.assertEqual(self.client.get(self.url()).status_code, 200)
            return len(context.captured_queries)

        self.login(self.camille)
        record(3)
        few = queries()
        record(17)
        self.assertEqual(queries(), few)
