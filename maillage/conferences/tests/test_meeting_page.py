"""The meeting page: decisions, evaluations and closing, with and without htmx; access;
a page whose cost does not grow with the record. Attendance: test_attendance_grid."""

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import translation

from maillage.audit.models import AuditEvent
from maillage.conferences import meeting
from maillage.conferences.models import Conference, ConferenceDecision, Invitation
from maillage.plans.models import Action

from .test_meeting_base import MeetingTestCase, days


class MeetingPageTests(MeetingTestCase):
    def test_the_organiser_sees_every_section(self):
        self.item("Logement", "housing", "Visite prévue")
        self.login(self.olivier)
        response = self.client.get(self.meeting_url)
        self.assertEqual(response.status_code, 200)
        for section in ("agenda", "attendance", "decisions", "evaluations", "close"):
            self.assertContains(response, f'id="{section}"')
        self.assertContains(response, "Visite prévue")
        self.assertContains(response, "Jan Claes")
        self.assertContains(response, f"/cases/{self.case.pk}/")
        self.assertTrue(AuditEvent.objects.filter(verb="conference.viewed").exists())

    def test_outsiders_do_not_find_it(self):
        for user in (self.bob, self.ana, self.pat, self.zoe):
            self.login(user)
            self.assertEqual(self.client.get(self.meeting_url).status_code, 404, user)

    def test_on_a_closed_case_it_is_read_only(self):
        self.item("Logement", "housing", "Visite prévue")
        self.case.phase = "closed"
        self.case.save()
        self.login(self.camille)
        response = self.client.get(self.meeting_url)
        self.assertContains(response, "Visite prévue")
        self.assertNotContains(response, '<form class="form" method="post"')

    def test_its_queries_do_not_grow_with_the_record(self):
        self.login(self.camille)
        self.item("Logement", "housing")
        self.decide("Visiter", "housing")
        with CaptureQueriesContext(connection) as small:
            self.client.get(self.meeting_url)
        first = self.make_conference(hours_ago=24 * 30)
        for n in range(4):
            self.item(f"Point {n}", "plan")
            self.decide(f"Décision {n}", due_on=days(n))
            self.decide(f"Ancienne {n}", conference=first)
        self.invitation(self.gp)  # invitations exist already; add one more invitee
        Invitation.objects.create(conference=self.conference, actor=self.mother, language="fr")
        self.hold(first)
        with CaptureQueriesContext(connection) as large:
            self.client.get(self.meeting_url)
        self.assertEqual(len(large), len(small))


class DecisionPageTests(MeetingTestCase):
    def post(self, data, **extra):
        url = f"/conferences/{self.conference.pk}/meeting/decisions/"
        return self.client.post(url, data, **extra)

    def test_a_decision_is_taken_and_appears_in_the_plan(self):
        self.login(self.olivier)
        response = self.post(
            {
                "owner": self.cpas.pk,
                "what": "Déposer la demande de garantie locative",
                "due_on": days(7).isoformat(),
                "how": "Au guichet",
                "with_whom": "Louis",
                "category": "housing",
            },
            HTTP_HX_REQUEST="true",
        )
        self.assertContains(response, 'id="decisions"')
        self.assertContains(response, "Déposer la demande de garantie locative")
        decision = ConferenceDecision.objects.get()
        action = Action.objects.get(decisions=decision)
        self.assertEqual(action.created_by, self.olivier)
        self.login(self.camille)
        plan = self.client.get(f"/cases/{self.case.pk}/plan/")
        self.assertContains(plan, "Déposer la demande de garantie locative")

    def test_a_decision_about_an_action_is_chosen_from_the_plan(self):
        first = self.decide("Appeler l'AIS")
        self.login(self.camille)
        self.post(
            {
                "owner": self.gp.pk,
                "what": "Appeler l'AIS et le CPAS",
                "category": "plan",
                "action": first.action_id,
            }
        )
        self.assertEqual(Action.objects.count(), 1)
        self.assertEqual(Action.objects.get().what, "Appeler l'AIS et le CPAS")

    def test_an_invalid_decision_is_shown_again_naming_the_field(self):
        self.login(self.camille)
        response = self.post({"owner": "", "what": "Quelque chose", "category": "plan"})
        self.assertEqual(response.status_code, 200)
        self.assertContains(response, 'id="decision-owner_error"')
        self.assertContains(response, "Quelque chose")
        self.assertFalse(ConferenceDecision.objects.exists())

    def test_a_former_actor_cannot_be_chosen(self):
        self.gp.ended_on = days(-3)
        self.gp.save()
        self.login(self.camille)
        response = self.post({"owner": self.gp.pk, "what": "Revoir", "category": "plan"})
        self.assertContains(response, 'id="decision-owner_error"')

    def test_bob_gets_404(self):
        self.login(self.bob)
        self.assertEqual(self.post({}).status_code, 404)


class EvaluatePageTests(MeetingTestCase):
    def test_an_earlier_decision_is_evaluated_in_place(self):
        first = self.make_conference(hours_ago=24 * 40)
        decision = self.decide("Visiter l'appartement", "housing", conference=first)
        self.hold(first)
        self.login(self.camille)
        page = self.client.get(self.meeting_url)
        self.assertContains(page, f'id="evaluation-{decision.pk}"')
        url = f"/conferences/{self.conference.pk}/meeting/evaluations/{decision.pk}/"
        response = self.client.post(
            url,
            {"evaluation": "done", "comment": "Visite faite", "version": 1},
            HTTP_HX_REQUEST="true",
        )
        self.assertContains(response, f'id="evaluation-{decision.pk}"')
        decision.refresh_from_db()
        self.assertEqual((decision.evaluation, decision.evaluated_at), ("done", self.conference))
        self.assertEqual(self.action_of(decision).status, "done")
        response = self.client.post(url, {"evaluation": "maybe", "version": 2})
        self.assertEqual(response.status_code, 200)
        self.assertContains(response, f'id="evaluation-{decision.pk}-evaluation_error"')

    def test_a_decision_of_this_conference_is_not_found_there(self):
        decision = self.decide("Aujourd'hui")
        self.login(self.camille)
        url = f"/conferences/{self.conference.pk}/meeting/evaluations/{decision.pk}/"
        self.assertEqual(self.client.post(url, {"evaluation": "done"}).status_code, 404)


class HoldTests(MeetingTestCase):
    def url(self):
        return f"/conferences/{self.conference.pk}/meeting/hold/"

    def test_closing_the_meeting_makes_it_held_and_leads_to_the_minutes(self):
        self.login(self.olivier)
        response = self.client.post(self.url(), {"version": 1})
        self.assertRedirects(
            response, f"/conferences/{self.conference.pk}/minutes/", fetch_redirect_response=False
        )
        self.conference.refresh_from_db()
        self.assertEqual(self.conference.status, Conference.Status.HELD)
        self.assertIsNotNone(self.conference.held_at)
        event = AuditEvent.objects.get(verb="conference.held")
        self.assertEqual(event.target_id, str(self.conference.pk))

    def test_a_stale_page_does_not_close_it(self):
        self.conference.version = 3
        self.conference.save()
        self.login(self.camille)
        response = self.client.post(self.url(), {"version": 1})
        self.assertContains(response, "Someone else changed this record")
        self.conference.refresh_from_db()
        self.assertEqual(self.conference.status, "planned")

    @translation.override("en")
    def test_a_meeting_cannot_be_closed_before_it_starts_or_twice(self):
        later = self.make_conference(hours_ago=-48)
        with self.assertRaisesMessage(meeting.ValidationError, "before it starts"):
            self.hold(later)
        self.hold()
        with self.assertRaisesMessage(meeting.ValidationError, "already closed"):
            self.hold()

    def test_closing_needs_the_right_to_manage(self):
        self.login(self.bob)
        self.assertEqual(self.client.post(self.url(), {"version": 1}).status_code, 404)
        self.case.phase = "closed"
        self.case.save()
        self.login(self.camille)
        self.assertEqual(self.client.post(self.url(), {"version": 1}).status_code, 403)
        self.conference.refresh_from_db()
        self.assertEqual(self.conference.status, "planned")

    @translation.override("en")
    def test_a_cancelled_conference_records_nothing(self):
        Conference.objects.filter(pk=self.conference.pk).update(status="cancelled")
        self.conference.refresh_from_db()
        with self.assertRaisesMessage(meeting.ValidationError, "cancelled"):
            meeting.record_attendance(
                self.invitation(self.gp),
                meeting.AttendanceData("present"),
                by=self.camille,
                version=None,
            )
