"""API: /conferences/{id}/attendance, /decisions and /minutes.pdf?recipient=."""

import shutil

from maillage.api.tests.base import field_names
from maillage.audit.models import AuditEvent
from maillage.conferences import meeting
from maillage.conferences.models import ConferenceDecision
from maillage.plans.models import Action

from .test_meeting_base import HOUSING_DECISION, MENTAL, MeetingTestCase, days
from .test_minutes_per_reader import pdf_text


class AttendanceApiTests(MeetingTestCase):
    def path(self):
        return f"conferences/{self.conference.pk}/attendance"

    def test_it_lists_each_invitee(self):
        response = self.api.get(self.path(), self.olivier)
        self.assertEqual(response.status_code, 200)
        names = [row["actor"]["name"] for row in response.json()["items"]]
        self.assertEqual(len(names), 5)
        self.assertIn("Jan Claes", names)

    def test_it_records_one_invitees_attendance(self):
        invitation = self.invitation(self.gp)
        body = {
            "invitation_id": str(invitation.pk),
            "attendance": "present",
            "represents": "Maison médicale du Midi",
            "duration_minutes": 90,
            "version": 1,
        }
        response = self.api.post(self.path(), self.olivier, body)
        self.assertEqual(response.status_code, 200, response.content)
        self.assertEqual(response.json()["attendance"], "present")
        self.assertEqual(response.json()["version"], 2)
        invitation.refresh_from_db()
        self.assertEqual(invitation.duration_minutes, 90)
        self.assertTrue(AuditEvent.objects.filter(verb="conference.attendance_recorded").exists())

    def test_a_stale_version_is_refused_with_the_current_one(self):
        invitation = self.invitation(self.gp)
        body = {"invitation_id": str(invitation.pk), "attendance": "present", "version": 1}
        self.api.post(self.path(), self.camille, body)
        response = self.api.post(self.path(), self.camille, {**body, "attendance": "absent"})
        self.assertEqual(response.status_code, 409)
        self.assertEqual(response.json()["current_version"], 2)
        invitation.refresh_from_db()
        self.assertEqual(invitation.attendance, "present")

    def test_bad_input_names_the_field(self):
        invitation = self.invitation(self.gp)
        cases = [
            ({"invitation_id": str(invitation.pk), "attendance": "late"}, "attendance"),
            ({"invitation_id": "nope", "attendance": "present"}, "invitation_id"),
            (
                {"invitation_id": str(self.conference.pk), "attendance": "present"},
                "invitation_id",
            ),
            (
                {
                    "invitation_id": str(invitation.pk),
                    "attendance": "absent",
                    "duration_minutes": 5,
                },
                "duration_minutes",
            ),
            (
                {
                    "invitation_id": str(invitation.pk),
                    "attendance": "present",
                    "represents": "x" * 201,
                },
                "represents",
            ),
        ]
        for body, field in cases:
            response = self.api.post(self.path(), self.camille, body)
            self.assertEqual(response.status_code, 422, body)
            self.assertIn(field, field_names(response), body)

    def test_outsiders_get_404_and_a_closed_case_403(self):
        self.assertEqual(self.api.get(self.path(), self.bob).status_code, 404)
        body = {"invitation_id": str(self.invitation(self.gp).pk), "attendance": "present"}
        self.assertEqual(self.api.post(self.path(), self.bob, body).status_code, 404)
        self.case.phase = "closed"
        self.case.save()
        self.assertEqual(self.api.post(self.path(), self.camille, body).status_code, 403)


class DecisionsApiTests(MeetingTestCase):
    def path(self):
        return f"conferences/{self.conference.pk}/decisions"

    def test_a_decision_creates_an_action_and_answers_its_id(self):
        body = {
            "owner_id": str(self.cpas.pk),
            "what": HOUSING_DECISION,
            "due_on": days(10).isoformat(),
            "how": "Au guichet",
            "with_whom": "Louis",
            "category": "housing",
        }
        response = self.api.post(self.path(), self.olivier, body)
        self.assertEqual(response.status_code, 201, response.content)
        action = Action.objects.get(pk=response.json()["action_id"])
        self.assertEqual(
            (action.what, action.owner, action.category), (HOUSING_DECISION, self.cpas, "housing")
        )
        listed = self.api.get(self.path(), self.noor).json()["items"]
        self.assertEqual([d["action_id"] for d in listed], [str(action.pk)])
        self.assertEqual(listed[0]["evaluation"], "")

    def test_a_decision_about_an_action_changes_it(self):
        first = self.decide("Appeler l'AIS")
        body = {
            "owner_id": str(self.gp.pk),
            "what": "Appeler l'AIS",
            "action_id": str(first.action_id),
        }
        response = self.api.post(self.path(), self.camille, body)
        self.assertEqual(response.json()["action_id"], str(first.action_id))
        self.assertEqual(Action.objects.get().owner, self.gp)

    def test_the_list_shows_the_evaluation(self):
        decision = self.decide("Appeler l'AIS")
        self.hold()
        later = self.make_conference(hours_ago=1)
        meeting.evaluate_decision(
            decision,
            meeting.EvaluationData("done", "Fait"),
            at=later,
            by=self.camille,
            version=None,
        )
        [row] = self.api.get(self.path(), self.camille).json()["items"]
        self.assertEqual((row["evaluation"], row["evaluated_at"]), ("done", str(later.pk)))

    def test_bad_input_names_the_field(self):
        other_case_actor = self.record(self.brusano, self.ines).person  # not an actor at all
        cases = [
            ({"what": "x"}, "owner_id"),
            ({"owner_id": str(self.gp.pk), "what": ""}, "what"),
            ({"owner_id": str(other_case_actor.pk), "what": "x"}, "owner_id"),
            ({"owner_id": str(self.gp.pk), "what": "x", "category": "astrology"}, "category"),
            ({"owner_id": str(self.gp.pk), "what": "x", "due_on": "demain"}, "due_on"),
            ({"owner_id": str(self.gp.pk), "what": "x", "action_id": str(self.gp.pk)}, "action_id"),
            (
                {"owner_id": str(self.gp.pk), "what": "x", "agenda_item_id": 999999},
                "agenda_item_id",
            ),
        ]
        for body, field in cases:
            response = self.api.post(self.path(), self.camille, body)
            self.assertEqual(response.status_code, 422, body)
            self.assertIn(field, field_names(response), body)
        self.assertFalse(ConferenceDecision.objects.exists())

    def test_a_former_actor_is_refused_naming_owner_id(self):
        self.gp.ended_on = days(-2)
        self.gp.save()
        response = self.api.post(
            self.path(), self.camille, {"owner_id": str(self.gp.pk), "what": "x"}
        )
        self.assertEqual(response.status_code, 422)
        self.assertEqual(field_names(response), ["owner_id"])

    def test_outsiders_get_404(self):
        self.assertEqual(self.api.get(self.path(), self.bob).status_code, 404)
        body = {"owner_id": str(self.gp.pk), "what": "x"}
        self.assertEqual(self.api.post(self.path(), self.bob, body).status_code, 404)


class MinutesPdfApiTests(MeetingTestCase):
    def setUp(self) -> None:
        super().setUp()
        self.full_record()

    def path(self):
        return f"conferences/{self.conference.pk}/minutes.pdf"

    def test_a_recipients_version_as_pdf(self):
        response = self.api.get(self.path(), self.camille, recipient=str(self.cpas.pk))
        self.assertEqual(response.status_code, 200)
        self.assertEqual(response["Content-Type"], "application/pdf")
        full = self.api.get(self.path(), self.camille)
        if shutil.which("pdftotext"):
            self.assertNotIn(MENTAL, pdf_text(response.content))
            self.assertIn(MENTAL, pdf_text(full.content))

    def test_the_recipient_must_be_invited(self):
        response = self.api.get(self.path(), self.camille, recipient=str(self.mother.pk))
        self.assertEqual(response.status_code, 422)
        self.assertEqual(field_names(response), ["recipient"])
        response = self.api.get(self.path(), self.camille, recipient="nope")
        self.assertEqual(response.status_code, 422)
        self.assertEqual(field_names(response), ["recipient"])

    def test_outsiders_get_404(self):
        self.assertEqual(self.api.get(self.path(), self.bob).status_code, 404)
