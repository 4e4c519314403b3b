"""Closing a case with open goals or overdue actions: the page lists them and asks for a
note, the action refuses to close without one; the note is kept with the closure and
shown in the case's history. Without open items nothing changes."""

from datetime import timedelta

from django.core.exceptions import ValidationError
from django.utils import timezone

from maillage.audit.models import AuditEvent
from maillage.casefile import actions as casefile_actions
from maillage.cases.models import Case
from maillage.network.models import Actor
from maillage.plans.models import Action, Goal
from maillage.testing import MaillageTestCase

NOTE = "Le CPAS reprend le suivi du logement ; objectif confié au réseau."


class CloseWithOpenItemsTests(MaillageTestCase):
    def setUp(self) -> None:
        support_request = self.record(self.brusano, self.ines)
        casefile_actions.answer_request(
            support_request, by=self.ines, kind="accept", case_workers=[self.camille, self.noor]
        )
        self.case = Case.objects.get(support_request=support_request)
        self.later = timezone.localdate() + timedelta(days=90)
        self.goal = Goal.objects.create(
            case=self.case, own_words="Retrouver un logement", created_by=self.camille
        )
        owner = Actor.objects.filter(case=self.case, kind=Actor.Kind.WORKER).first()
        self.action = Action.objects.create(
            case=self.case,
            goal=self.goal,
            what="Déposer le dossier au CPAS",
            owner=owner,
            due_on=timezone.localdate() - timedelta(days=3),
            created_by=self.camille,
        )

    def close(self, **overrides):
        data = {
            "reason": "handed_over",
            "follow_up_on": self.later,
            "actors_know_mission": True,
            "person_agrees": True,
            "network_holds": True,
            **overrides,
        }
        return casefile_actions.close_case(self.case, by=self.camille, **data)

    def form(self, **overrides):
        return {
            "reason": "handed_over",
            "follow_up_on": self.later.isoformat(),
            "actors_know_mission": "on",
            "person_agrees": "on",
            "network_holds": "on",
            "version": self.case.version,
            **overrides,
        }

    def test_the_action_needs_a_note_while_goals_are_open_or_actions_overdue(self):
        for blank in ("", "   "):
            with self.assertRaises(ValidationError) as caught:
                self.close(note=blank)
            self.assertEqual(set(caught.exception.message_dict), {"note"})
        self.case.refresh_from_db()
        self.assertEqual(self.case.phase, "exploration")
        self.close(note=NOTE)
        self.case.refresh_from_db()
        self.assertEqual((self.case.phase, self.case.closure_note), ("closed", NOTE))
        event = AuditEvent.objects.get(verb="case.closed", case_id=self.case.pk)
        self.assertIn("closure_note", event.changes)

    def test_an_overdue_action_alone_asks_for_a_note(self):
        Goal.objects.filter(pk=self.goal.pk).update(status=Goal.Status.REACHED)
        with self.assertRaises(ValidationError):
            self.close(note="")
        Action.objects.filter(pk=self.action.pk).update(due_on=self.later)
        self.close(note="")  # a pending action not yet due is not overdue
        self.assertEqual(self.case.phase, "closed")

    def test_without_open_items_nothing_changes(self):
        Goal.objects.filter(pk=self.goal.pk).update(status=Goal.Status.REACHED)
        Action.objects.filter(pk=self.action.pk).update(status=Action.Status.DONE)
        self.login(self.camille)
        page = self.client.get(f"/cases/{self.case.pk}/close/", HTTP_ACCEPT_LANGUAGE="en")
        self.assertNotContains(page, "Still open")
        self.assertContains(page, "(optional)")
        response = self.client.post(f"/cases/{self.case.pk}/close/", self.form())
        self.assertRedirects(response, f"/cases/{self.case.pk}/")

    def test_the_page_lists_what_is_open_and_asks_for_the_note(self):
        self.login(self.camille)
        page = self.client.get(f"/cases/{self.case.pk}/close/", HTTP_ACCEPT_LANGUAGE="en")
        self.assertContains(page, "Still open")
        self.assertContains(page, "Retrouver un logement")
        self.assertContains(page, "Déposer le dossier au CPAS")
        response = self.client.post(
            f"/cases/{self.case.pk}/close/",
            self.form(reason="goals_reached"),
            HTTP_ACCEPT_LANGUAGE="en",
        )
        self.assertEqual(response.status_code, 200)
        self.assertContains(response, "write in the closing note why the case closes now")
        self.assertContains(response, 'value="goals_reached" selected')  # nothing lost
        self.case.refresh_from_db()
        self.assertEqual(self.case.phase, "exploration")

    def test_the_note_is_saved_and_shown_in_the_history(self):
        self.login(self.camille)
        response = self.client.post(f"/cases/{self.case.pk}/close/", self.form(note=NOTE))
        self.assertRedirects(response, f"/cases/{self.case.pk}/")
        self.case.refresh_from_db()
        self.assertEqual(self.case.closure_note, NOTE)
        for url in (f"/cases/{self.case.pk}/timeline/", f"/cases/{self.case.pk}/"):
            self.assertContains(self.client.get(url, HTTP_ACCEPT_LANGUAGE="en"), "Closing note")
        timeline = self.client.get(f"/cases/{self.case.pk}/timeline/")
        self.assertContains(timeline, "Le CPAS reprend le suivi du logement")
