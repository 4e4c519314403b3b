"""Withdrawal and closure: the checklist, the reason, the later check; read-only after."""

from datetime import timedelta

from django.core.exceptions import ValidationError
from django.utils import timezone

from maillage.audit.models import AuditEvent
from maillage.casefile import actions as casefile_actions
from maillage.cases import actions
from maillage.cases.models import Case
from maillage.testing import MaillageTestCase


class CloseCaseTests(MaillageTestCase):
    def setUp(self) -> None:
        support_request = self.record(self.brusano, self.ines)
        casefile_actions.answer_request(
            support_request, by=self.ines, kind="accept", case_workers=[self.camille, self.noor]
        )
        self.case = Case.objects.get(support_request=support_request)
        self.later = timezone.localdate() + timedelta(days=90)

    def close(self, **overrides):
        data = {
            "reason": "handed_over",
            "follow_up_on": self.later,
            "actors_know_mission": True,
            "person_agrees": True,
            "network_holds": True,
            **overrides,
        }
        return actions.close_case(self.case, by=self.camille, **data)

    def test_closing_needs_the_whole_checklist(self):
        for missing in ("actors_know_mission", "person_agrees", "network_holds"):
            with self.assertRaises(ValidationError) as caught:
                self.close(**{missing: False})
            self.assertIn(missing, caught.exception.message_dict)
        self.case.refresh_from_db()
        self.assertEqual(self.case.phase, "exploration")

    def test_closing_needs_a_reason_and_a_later_check(self):
        with self.assertRaises(ValidationError) as caught:
            self.close(reason="", follow_up_on=None)
        self.assertEqual(set(caught.exception.message_dict), {"reason", "follow_up_on"})
        with self.assertRaises(ValidationError):
            self.close(follow_up_on=timezone.localdate())

    def test_a_closed_case_is_read_only_except_the_check(self):
        self.close()
        self.assertEqual(self.case.phase, "closed")
        self.assertTrue(
            AuditEvent.objects.filter(verb="case.closed", case_id=self.case.pk).exists()
        )
        self.login(self.camille)
        self.assertEqual(self.client.get(f"/cases/{self.case.pk}/journal/new/").status_code, 403)
        self.assertEqual(self.client.get(f"/cases/{self.case.pk}/close/").status_code, 403)
        self.assertEqual(self.client.get(f"/cases/{self.case.pk}/").status_code, 200)
        response = self.client.post(
            f"/cases/{self.case.pk}/follow-up/",
            {"held": "yes", "note": "Still fine.", "version": self.case.version},
        )
        self.assertEqual(response.status_code, 302)
        self.case.refresh_from_db()
        self.assertIs(self.case.follow_up_held, True)

    def test_the_page_form_names_each_missing_item(self):
        self.login(self.camille)
        response = self.client.post(
            f"/cases/{self.case.pk}/close/",
            {"reason": "goals_reached", "version": self.case.version},
            HTTP_ACCEPT_LANGUAGE="en",
        )
        self.assertContains(response, "Check that each actor knows their mission")
        self.assertContains(response, "A case is closed with the person&#x27;s agreement.")
        self.assertContains(response, "Plan a date to check that the network held.")

    def test_the_overview_says_it_is_closed(self):
        self.close()
        self.login(self.noor)
        self.assertContains(
            self.client.get(f"/cases/{self.case.pk}/", HTTP_ACCEPT_LANGUAGE="en"),
            "The file is read-only.",
        )
