"""Each user's upcoming conferences, and their token-protected iCalendar feed."""

from datetime import timedelta

from django.test import Client
from icalendar import Calendar

from maillage.conferences import actions
from maillage.conferences.models import CalendarFeed

from .test_schedule_base import PERSON_NAMES, ConferenceTestCase, next_week, open_case


class CalendarPageTests(ConferenceTestCase):
    def test_a_case_manager_sees_the_conferences_of_the_cases_they_hold(self):
        mine = self.plan()
        cancelled = self.plan(starts_at=next_week() + timedelta(days=2))
        actions.cancel_conference(cancelled, by=self.camille, reason="Reportée.")
        self.login(self.noor)
        response = self.client.get("/conferences/calendar/")
        self.assertEqual(response.context["conferences"], [mine])
        self.assertContains(response, "Create my feed")

    def test_an_organiser_sees_what_they_organise_or_facilitate(self):
        other = open_case(type(self))
        organised = actions.schedule_conference(
            other,
            by=self.olivier,
            starts_at=next_week(),
            duration_minutes=60,
            place="Salle",
            video_link="",
        )
        facilitated = self.plan(facilitator=self.olivier, starts_at=next_week(10))
        self.plan()  # neither organised nor facilitated by olivier
        self.login(self.olivier)
        response = self.client.get("/conferences/calendar/")
        self.assertEqual(response.context["conferences"], [facilitated, organised])

    def test_people_without_cases_keep_no_calendar(self):
        for user in (self.ana, self.adam, self.ines, self.zoe):
            self.login(user)
            self.assertEqual(self.client.get("/conferences/calendar/").status_code, 403)
            self.assertEqual(self.client.post("/conferences/calendar/feed/").status_code, 403)

    def test_another_team_sees_none_of_ours(self):
        self.plan(facilitator=self.noor)
        self.login(self.bob)
        response = self.client.get("/conferences/calendar/")
        self.assertEqual(response.context["conferences"], [])


class CalendarFeedTests(ConferenceTestCase):
    def test_a_feed_is_created_renewed_and_read_without_an_account(self):
        conference = self.plan()
        self.login(self.camille)
        self.assertRedirects(
            self.client.post("/conferences/calendar/feed/"), "/conferences/calendar/"
        )
        token = CalendarFeed.objects.get(user=self.camille).token
        self.assertContains(
            self.client.get("/conferences/calendar/"), f"/conferences/feed/{token}.ics"
        )
        response = Client().get(f"/conferences/feed/{token}.ics")
        self.assertEqual(response.status_code, 200)
        self.assertTrue(response["Content-Type"].startswith("text/calendar"))
        calendar = Calendar.from_ical(response.content)
        self.assertEqual(str(calendar["METHOD"]), "PUBLISH")
        (event,) = [c for c in calendar.walk() if c.name == "VEVENT"]
        self.assertEqual(str(event["UID"]), conference.ical_uid)
        self.assertEqual(str(event["SUMMARY"]), "Concertation – Maillage")
        for secret in PERSON_NAMES:
            self.assertNotIn(secret.encode(), response.content)
        self.client.post("/conferences/calendar/feed/")
        self.assertEqual(Client().get(f"/conferences/feed/{token}.ics").status_code, 404)
        self.assertEqual(self.last_event("calendar_feed.renewed").actor_id, self.camille.pk)

    def test_an_unknown_token_is_not_found(self):
        self.assertEqual(Client().get("/conferences/feed/nope.ics").status_code, 404)

    def test_a_user_who_lost_access_gets_an_empty_feed(self):
        self.plan()
        feed = actions.renew_calendar_feed(by=self.noor)
        self.case.workers.filter(user=self.noor).delete()
        self.noor.memberships.all().delete()
        response = Client().get(f"/conferences/feed/{feed.token}.ics")
        self.assertNotIn(b"VEVENT", response.content)
