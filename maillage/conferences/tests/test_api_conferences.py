"""API of scheduling: list, plan, read, reschedule, invite, and the .ics file."""

import json
from datetime import timedelta

from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext
from icalendar import Calendar

from maillage.api.tests.base import ApiClient, field_names, issue_tokens
from maillage.audit.models import AuditEvent

from .test_schedule_base import PERSON_NAMES, ConferenceTestCase, next_week, open_case


class ConferenceApiTests(ConferenceTestCase):
    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        cls.tokens = issue_tokens(cls)

    def setUp(self) -> None:
        super().setUp()
        self.api = ApiClient(self.client, self.tokens)

    def put(self, path: str, user, body):
        return self.client.put(
            f"/api/v1/{path}",
            json.dumps(body),
            content_type="application/json",
            secure=True,
            **self.api.headers(user, "en"),
        )

    def body(self, **changes):
        return {
            "starts_at": next_week().isoformat(),
            "duration_minutes": 60,
            "place": "Maison médicale du Midi",
            "video_link": "",
            **changes,
        }

    def test_plan_invite_read_and_reschedule(self):
        response = self.api.post(
            f"cases/{self.case.pk}/conferences", self.olivier, self.body(facilitator="noor")
        )
        self.assertEqual(response.status_code, 201, response.content)
        conference = response.json()
        self.assertEqual((conference["organiser"], conference["facilitator"]), ("olivier", "noor"))
        path = f"conferences/{conference['id']}"
        with self.captureOnCommitCallbacks(execute=True):
            response = self.api.post(
                f"{path}/invitations",
                self.camille,
                {"actor_ids": [str(self.gp.pk), str(self.carer.pk), str(self.neighbour.pk)]},
            )
        self.assertEqual(response.status_code, 200, response.content)
        self.assertEqual(len(response.json()["invitations"]), 3)
        self.assertEqual(len(mail.outbox), 2)
        read = self.api.get(path, self.noor).json()
        self.assertEqual(
            {i["email"] for i in read["invitations"]} - {""},
            {"els@example.be", "janssens@mm-midi.example"},
        )
        later = (next_week() + timedelta(days=1)).isoformat()
        with self.captureOnCommitCallbacks(execute=True):
            response = self.put(path, self.camille, {**self.body(starts_at=later), "version": 1})
        self.assertEqual(response.status_code, 200, response.content)
        self.assertEqual(response.json()["ical_sequence"], 1)
        self.assertEqual(len(mail.outbox), 4)
        listed = self.api.get(f"cases/{self.case.pk}/conferences", self.olivier).json()
        self.assertEqual([c["id"] for c in listed["items"]], [conference["id"]])

    def test_a_refused_plan_is_no_read_in_the_persons_access_log(self):
        reads = AuditEvent.objects.filter(verb="case.viewed", case_id=self.case.pk)
        before = reads.count()
        response = self.api.post(
            f"cases/{self.case.pk}/conferences", self.olivier, self.body(facilitator="nobody")
        )
        self.assertEqual(response.status_code, 422, response.content)
        self.assertEqual(reads.count(), before)

    def test_the_ics_file_is_a_request_without_the_person(self):
        conference = self.plan()
        self.invite_and_send(conference, self.gp, self.carer)
        response = self.api.get(f"conferences/{conference.pk}/invite.ics", self.camille)
        self.assertEqual(response.status_code, 200)
        self.assertTrue(response["Content-Type"].startswith("text/calendar"))
        calendar = Calendar.from_ical(response.content)
        self.assertEqual(str(calendar["METHOD"]), "REQUEST")
        (event,) = [c for c in calendar.walk() if c.name == "VEVENT"]
        self.assertEqual(str(event["UID"]), conference.ical_uid)
        self.assertEqual(len(event["ATTENDEE"]), 2)
        for secret in PERSON_NAMES:
            self.assertNotIn(secret.encode(), response.content)
        self.assertEqual(
            AuditEvent.objects.filter(verb="conference.viewed").last().target_id, str(conference.pk)
        )

    def test_bad_input_names_the_field(self):
        path = f"cases/{self.case.pk}/conferences"
        response = self.api.post(path, self.camille, self.body(place=""))
        self.assertEqual((response.status_code, field_names(response)), (422, ["place"]))
        response = self.api.post(path, self.camille, self.body(facilitator="bob"))
        self.assertEqual((response.status_code, field_names(response)), (422, ["facilitator"]))
        response = self.api.post(path, self.camille, self.body(starts_at="tomorrow"))
        self.assertEqual((response.status_code, field_names(response)), (422, ["starts_at"]))
        self.assertFalse(self.case.conferences.exists())

    def test_a_meeting_in_the_past_is_recorded_and_its_invitees_get_no_email(self):
        past = (next_week() - timedelta(days=30)).isoformat()
        response = self.api.post(
            f"cases/{self.case.pk}/conferences", self.camille, self.body(starts_at=past)
        )
        self.assertEqual(response.status_code, 201, response.content)
        path = f"conferences/{response.json()['id']}/invitations"
        body = {"actor_ids": [str(self.gp.pk), str(self.carer.pk)], "send": True}
        with self.captureOnCommitCallbacks(execute=True):
            response = self.api.post(path, self.camille, body)
        self.assertEqual(response.status_code, 200, response.content)
        self.assertEqual(len(response.json()["invitations"]), 2)
        self.assertEqual(mail.outbox, [])

    def test_actors_of_another_case_and_unknown_ids_are_refused(self):
        conference = self.plan()
        other = open_case(type(self)).actors.get(kind="person")
        path = f"conferences/{conference.pk}/invitations"
        for actor_ids in ([str(other.pk)], ["00000000-0000-0000-0000-000000000000"], ["x"]):
            response = self.api.post(path, self.camille, {"actor_ids": actor_ids})
            self.assertEqual(response.status_code, 422, actor_ids)
            self.assertEqual(field_names(response)[0].split(".")[0], "actor_ids")
        self.assertFalse(conference.invitations.exists())

    def test_a_stale_version_is_refused_and_nothing_is_lost(self):
        conference = self.plan()
        path = f"conferences/{conference.pk}"
        self.assertEqual(
            self.put(path, self.camille, {**self.body(place="A"), "version": 1}).status_code, 200
        )
        response = self.put(path, self.noor, {**self.body(place="B"), "version": 1})
        self.assertEqual(response.status_code, 409)
        self.assertEqual(response.json()["current_version"], 2)
        conference.refresh_from_db()
        self.assertEqual(conference.place, "A")

    def test_access(self):
        conference = self.plan()
        self.assertEqual(self.api.get(f"conferences/{conference.pk}", self.bob).status_code, 404)
        self.assertEqual(
            self.api.get(f"cases/{self.case.pk}/conferences", self.ana).status_code, 404
        )
        response = self.put(
            f"conferences/{conference.pk}", self.olivier, {**self.body(), "version": 1}
        )
        self.assertEqual(response.status_code, 200)

    def test_the_list_costs_the_same_whatever_its_length(self):
        self.plan()

        def count() -> int:
            with CaptureQueriesContext(connection) as context:
                response = self.api.get(f"cases/{self.case.pk}/conferences", self.camille)
                self.assertEqual(response.status_code, 200)
            return len(context.captured_queries)

        before = count()
        for day in range(3):
            self.plan(starts_at=next_week() + timedelta(days=day + 1), facilitator=self.noor)
        self.assertEqual(count(), before)
