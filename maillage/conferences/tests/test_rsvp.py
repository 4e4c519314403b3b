"""The invitee's answer link: no account, nothing beyond the meeting's date, place and
the case manager's name, answers recorded."""

from django.test import Client

from maillage.conferences import actions

from .test_schedule_base import CASE_SECRET, PERSON_NAMES, ConferenceTestCase


class AnswerLinkTests(ConferenceTestCase):
    def setUp(self) -> None:
        super().setUp()
        self.conference = self.plan(video_link="https://meet.example/abc")
        (self.invitation,) = actions.invite(self.conference, by=self.camille, actors=[self.gp])
        self.url = f"/conferences/answer/{self.invitation.token}/"
        self.anonymous = Client(HTTP_ACCEPT_LANGUAGE="en")

    def test_the_link_works_without_an_account_and_reveals_nothing_else(self):
        response = self.anonymous.get(self.url)
        self.assertEqual(response.status_code, 200)
        self.assertContains(response, "Maison médicale du Midi, salle 2")
        self.assertContains(response, "https://meet.example/abc")
        self.assertContains(response, "14:00")
        self.assertContains(response, "Camille Martin")
        for secret in (*PERSON_NAMES, CASE_SECRET, "Dr Janssens", "Els Peeters", "Brusano"):
            self.assertNotContains(response, secret)

    def test_an_answer_is_recorded_without_a_user(self):
        response = self.anonymous.post(self.url, {"answer": "maybe"})
        self.assertRedirects(response, self.url)
        self.invitation.refresh_from_db()
        self.assertEqual(self.invitation.answer, "maybe")
        self.assertIsNotNone(self.invitation.answered_at)
        event = self.last_event("invitation.answered")
        self.assertIsNone(event.actor_id)
        self.assertEqual((event.part, event.case_id), ("conferences", self.case.pk))
        self.assertEqual(event.changes, ["answer"])
        self.anonymous.post(self.url, {"answer": "yes"})
        self.invitation.refresh_from_db()
        self.assertEqual(self.invitation.answer, "yes")

    def test_a_bad_answer_is_refused(self):
        response = self.anonymous.post(self.url, {"answer": "perhaps"})
        self.assertEqual(response.status_code, 200)
        self.invitation.refresh_from_db()
        self.assertEqual(self.invitation.answer, "pending")

    def test_an_unknown_token_is_not_found(self):
        self.assertEqual(self.anonymous.get("/conferences/answer/nope/").status_code, 404)
        self.assertEqual(
            self.anonymous.post("/conferences/answer/nope/", {"answer": "yes"}).status_code, 404
        )

    def test_a_cancelled_conference_says_so_and_takes_no_answer(self):
        actions.cancel_conference(self.conference, by=self.camille, reason="Reportée.")
        response = self.anonymous.get(self.url)
        self.assertContains(response, "This meeting is cancelled.")
        self.assertNotContains(response, 'name="answer"')
        response = self.anonymous.post(self.url, {"answer": "yes"})
        self.assertEqual(response.status_code, 200)
        self.invitation.refresh_from_db()
        self.assertEqual(self.invitation.answer, "pending")

    def test_the_page_speaks_the_browser_language(self):
        response = Client(HTTP_ACCEPT_LANGUAGE="nl").get(self.url)
        self.assertContains(response, 'lang="nl"')
