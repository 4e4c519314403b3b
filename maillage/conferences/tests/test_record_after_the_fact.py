"""A meeting that already took place: planned with a date in the past, its participants
added without any email, its attendance recorded, and closed from its page although it
was never run live on the meeting page."""

from datetime import timedelta

from django.core import mail
from django.utils import timezone

from maillage.conferences import actions, delivery, meeting
from maillage.conferences.models import Conference

from .test_schedule_base import ConferenceTestCase, next_week


def last_week() -> str:
    return (next_week() - timedelta(days=14)).strftime("%Y-%m-%dT%H:%M")


def form_data(**changes: object) -> dict[str, object]:
    data = {
        "starts_at": last_week(),
        "duration_minutes": 60,
        "place": "Maison médicale du Midi",
        "video_link": "",
        "facilitator": "",
        "funding_scheme": "",
    }
    return {**data, **changes}


class RecordAfterTheFactTests(ConferenceTestCase):
    def past(self, **fields: object) -> Conference:
        return self.plan(starts_at=timezone.now() - timedelta(days=3), **fields)

    def test_the_form_says_no_invitation_is_sent_for_a_past_meeting(self):
        self.login(self.camille)
        response = self.client.get(f"/conferences/case/{self.case.pk}/new/")
        self.assertContains(
            response,
            "A date in the past records a meeting that already took place: "
            "no invitation is sent for it.",
        )

    def test_a_meeting_in_the_past_is_planned_and_its_participants_added_without_email(self):
        self.login(self.camille)
        response = self.client.post(f"/conferences/case/{self.case.pk}/new/", form_data())
        conference = Conference.objects.get(case=self.case)
        invite_url = f"/conferences/{conference.pk}/invitations/"
        self.assertRedirects(response, invite_url, fetch_redirect_response=False)
        self.assertEqual(conference.status, Conference.Status.PLANNED)
        self.assertTrue(actions.already_started(conference))
        page = self.client.get(invite_url)
        self.assertContains(page, "no invitation is sent for a meeting in the past")
        self.assertContains(page, "This meeting has already taken place: no invitation is sent.")
        self.assertNotContains(page, 'name="send"')
        # Even a forged "send" sends nothing.
        data = {"actors": [self.person_actor.pk, self.gp.pk, self.carer.pk], "send": "on"}
        with self.captureOnCommitCallbacks(execute=True):
            response = self.client.post(invite_url, data)
        self.assertRedirects(
            response,
            f"/conferences/{conference.pk}/meeting/#attendance",
            fetch_redirect_response=False,
        )
        self.assertEqual(conference.invitations.count(), 3)
        self.assertEqual(mail.outbox, [])
        self.assertFalse(conference.invitations.filter(sent_at__isnull=False).exists())

    def test_nothing_is_sent_for_a_past_meeting_by_any_door(self):
        conference = self.past()
        actions.invite(conference, by=self.camille, actors=[self.gp, self.carer])
        with self.captureOnCommitCallbacks(execute=True):
            self.assertEqual(actions.send_invitations(conference, by=self.camille), [])
        self.login(self.camille)
        send_url = f"/conferences/{conference.pk}/invitations/send/"
        with self.captureOnCommitCallbacks(execute=True):
            response = self.client.post(send_url, follow=True)
        self.assertContains(response, "No invitation is sent for a meeting in the past.")
        detail = self.client.get(f"/conferences/{conference.pk}/")
        self.assertNotContains(detail, "invitations/send/")
        self.assertEqual(mail.outbox, [])

    def test_moving_a_meeting_into_the_past_sends_no_update(self):
        conference = self.plan()
        self.invite_and_send(conference, self.gp)
        mail.outbox.clear()
        with self.captureOnCommitCallbacks(execute=True):
            actions.update_conference(
                conference,
                by=self.camille,
                version=conference.version,
                starts_at=timezone.now() - timedelta(hours=5),
            )
        self.assertEqual(conference.ical_sequence, 1)
        self.assertEqual(mail.outbox, [])

    def test_someone_who_left_the_network_since_the_meeting_can_be_added(self):
        conference = self.past()
        self.gp.ended_on = timezone.localdate() - timedelta(days=1)  # left after the meeting
        self.gp.save()
        self.carer.ended_on = timezone.localdate() - timedelta(days=5)  # left before it
        self.carer.save()
        self.assertIn(self.gp, actions.invitable_actors(conference))
        self.assertIn(self.person_actor, actions.invitable_actors(conference))  # entered today
        self.assertNotIn(self.carer, actions.invitable_actors(conference))
        actions.invite(conference, by=self.camille, actors=[self.gp, self.person_actor])
        with self.assertRaises(actions.ValidationError):
            actions.invite(conference, by=self.camille, actors=[self.carer])
        with self.assertRaises(actions.ValidationError):  # a meeting to come: today's network
            actions.invite(self.plan(), by=self.camille, actors=[self.gp])

    def test_a_past_meeting_is_closed_from_its_page_without_running_it(self):
        conference = self.past()
        self.login(self.olivier)
        detail = self.client.get(f"/conferences/{conference.pk}/")
        hold_url = f"/conferences/{conference.pk}/meeting/hold/"
        self.assertContains(detail, f'action="{hold_url}"')
        self.assertContains(detail, "The meeting took place")
        response = self.client.post(hold_url, {"version": conference.version})
        self.assertRedirects(
            response, f"/conferences/{conference.pk}/minutes/", fetch_redirect_response=False
        )
        conference.refresh_from_db()
        self.assertEqual(conference.status, Conference.Status.HELD)
        self.assertEqual(self.last_event("conference.held").target_id, str(conference.pk))

    def test_a_meeting_to_come_offers_no_closing(self):
        conference = self.plan()
        self.login(self.camille)
        detail = self.client.get(f"/conferences/{conference.pk}/")
        self.assertNotContains(detail, "/meeting/hold/")
        with self.assertRaisesMessage(meeting.ValidationError, "before it starts"):
            meeting.hold_conference(conference, by=self.camille, version=None)

    def test_the_whole_record_after_the_fact_ends_with_minutes_sent(self):
        conference = self.past()
        actions.invite(conference, by=self.camille, actors=[self.person_actor, self.gp])
        gp = conference.invitations.get(actor=self.gp)
        rows = [meeting.AttendanceRow(gp, meeting.AttendanceData("present"), version=1)]
        meeting.record_attendances(conference, rows, by=self.camille)
        meeting.hold_conference(conference, by=self.camille, version=conference.version)
        deliveries = delivery.send_minutes(conference, by=self.camille)
        self.assertEqual(len(deliveries), 2)

    def test_the_action_plans_a_past_meeting_for_the_api_too(self):
        conference = actions.schedule_conference(
            self.case,
            by=self.camille,
            starts_at=timezone.now() - timedelta(days=30),
            duration_minutes=60,
            place="Salle B",
            video_link="",
        )
        self.assertEqual(conference.status, Conference.Status.PLANNED)
