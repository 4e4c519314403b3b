"""Planning, changing and cancelling a conference through its pages."""

import random
from datetime import timedelta

from django.utils import timezone

from maillage.cases.models import Case
from maillage.conferences import actions
from maillage.conferences.demo import seed_planned_conference
from maillage.conferences.models import Conference

from .test_schedule_base import ConferenceTestCase, next_week


def form_data(**changes: object) -> dict[str, object]:
    data = {
        "starts_at": next_week().strftime("%Y-%m-%dT%H:%M"),
        "duration_minutes": 90,
        "place": "Maison médicale du Midi",
        "video_link": "",
        "facilitator": "",
        "funding_scheme": "",
    }
    return {**data, **changes}


class ScheduleConferenceTests(ConferenceTestCase):
    def url(self) -> str:
        return f"/conferences/case/{self.case.pk}/new/"

    def test_a_case_manager_plans_a_conference(self):
        self.login(self.camille)
        self.assertContains(self.client.get(self.url()), "Plan a conference")
        response = self.client.post(self.url(), form_data(facilitator=self.noor.pk))
        conference = Conference.objects.get(case=self.case)
        self.assertRedirects(response, f"/conferences/{conference.pk}/invitations/")
        self.assertEqual(
            (conference.organiser, conference.facilitator, conference.status),
            (self.camille, self.noor, "planned"),
        )
        self.assertTrue(conference.ical_uid.endswith("@maillage"))
        self.assertEqual(conference.ical_sequence, 0)
        event = self.last_event("conference.scheduled")
        self.assertEqual((event.part, event.case_id), ("conferences", self.case.pk))
        self.assertEqual(event.person_id, self.case.person_id)
        self.assertIn("place", event.changes)

    def test_the_organiser_may_plan_too(self):
        self.login(self.olivier)
        response = self.client.post(self.url(), form_data(video_link="https://meet.example/x"))
        self.assertEqual(response.status_code, 302)
        self.assertEqual(Conference.objects.get(case=self.case).organiser, self.olivier)

    def test_no_place_is_refused_by_name(self):
        self.login(self.camille)
        response = self.client.post(self.url(), form_data(place=""))
        self.assertEqual(response.status_code, 200)
        self.assertEqual(list(response.context["form"].errors), ["place"])
        self.assertFalse(Conference.objects.exists())

    def test_another_team_sees_nothing_and_a_closed_case_cannot_plan(self):
        self.login(self.bob)
        self.assertEqual(self.client.get(self.url()).status_code, 404)
        Case.objects.filter(pk=self.case.pk).update(phase=Case.Phase.CLOSED)
        self.login(self.camille)
        self.assertEqual(self.client.post(self.url(), form_data()).status_code, 403)


class CaseConferenceListTests(ConferenceTestCase):
    def test_the_list_shows_the_next_conference_newest_first(self):
        later = self.plan(starts_at=next_week() + timedelta(days=30), place="Salle B")
        sooner = self.plan(place="Salle A")
        self.login(self.olivier)
        response = self.client.get(f"/conferences/case/{self.case.pk}/")
        self.assertEqual(response.context["next_conference"], sooner)
        self.assertEqual(response.context["conferences"], [later, sooner])
        self.assertEqual(self.last_event("case.viewed").part, "conferences")

    def test_its_queries_do_not_grow_with_the_conferences(self):
        self.login(self.camille)
        url = f"/conferences/case/{self.case.pk}/"
        self.invite_and_send(self.plan(), self.gp)
        before = self.queries(url)
        for day in range(3):
            conference = self.plan(starts_at=next_week() + timedelta(days=day + 1))
            self.invite_and_send(conference, self.gp, self.carer)
        self.assertEqual(self.queries(url), before)

    def test_another_team_gets_404(self):
        self.login(self.bob)
        self.assertEqual(self.client.get(f"/conferences/case/{self.case.pk}/").status_code, 404)


class ConferenceDetailTests(ConferenceTestCase):
    def test_the_page_shows_the_conference_and_its_invitations(self):
        conference = self.plan(facilitator=self.noor)
        self.invite_and_send(conference, self.gp, self.neighbour)
        self.login(self.noor)
        response = self.client.get(f"/conferences/{conference.pk}/")
        self.assertContains(response, "Maison médicale du Midi, salle 2")
        self.assertContains(response, "Dr Janssens")
        self.assertContains(response, "No email: invite by phone.")
        self.assertContains(response, f'href="/conferences/{conference.pk}/meeting/"')
        self.assertEqual(self.last_event("conference.viewed").target_id, str(conference.pk))

    def test_its_queries_do_not_grow_with_the_invitations(self):
        conference = self.plan()
        self.invite_and_send(conference, self.gp)
        self.login(self.camille)
        url = f"/conferences/{conference.pk}/"
        before = self.queries(url)
        self.invite_and_send(conference, self.carer, self.neighbour, self.person_actor)
        self.assertEqual(self.queries(url), before)

    def test_another_team_gets_404(self):
        conference = self.plan()
        self.login(self.bob)
        self.assertEqual(self.client.get(f"/conferences/{conference.pk}/").status_code, 404)


class EditConferenceTests(ConferenceTestCase):
    def setUp(self) -> None:
        super().setUp()
        self.conference = self.plan()
        self.url = f"/conferences/{self.conference.pk}/edit/"

    def test_a_new_place_is_saved_and_raises_the_sequence(self):
        self.login(self.olivier)
        data = form_data(place="CPAS, salle du conseil", version=1)
        response = self.client.post(self.url, data)
        self.assertRedirects(response, f"/conferences/{self.conference.pk}/")
        self.conference.refresh_from_db()
        self.assertEqual(
            (self.conference.place, self.conference.ical_sequence, self.conference.version),
            ("CPAS, salle du conseil", 1, 2),
        )
        event = self.last_event("conference.rescheduled")
        self.assertIn("place", event.changes)

    def test_a_stale_form_is_refused_and_keeps_the_text(self):
        actions.update_conference(self.conference, by=self.noor, version=1, place="Ailleurs")
        self.login(self.camille)
        response = self.client.post(self.url, form_data(place="Mon lieu à garder", version=1))
        self.assertEqual(response.status_code, 200)
        self.assertContains(response, "Someone else changed this record")
        self.assertContains(response, "Mon lieu à garder")
        self.conference.refresh_from_db()
        self.assertEqual(self.conference.place, "Ailleurs")

    def test_another_team_gets_404(self):
        self.login(self.bob)
        self.assertEqual(self.client.get(self.url).status_code, 404)


class CancelConferenceTests(ConferenceTestCase):
    def test_a_cancellation_needs_a_reason_and_is_audited(self):
        conference = self.plan()
        url = f"/conferences/{conference.pk}/cancel/"
        self.login(self.camille)
        response = self.client.post(url, {})
        self.assertEqual(response.status_code, 200)
        self.assertIn("reason", response.context["cancel_form"].errors)
        response = self.client.post(url, {"cancel-reason": "Salle indisponible."})
        self.assertRedirects(response, f"/conferences/{conference.pk}/")
        conference.refresh_from_db()
        self.assertEqual((conference.status, conference.ical_sequence), ("cancelled", 1))
        self.assertEqual(self.last_event("conference.cancelled").part, "conferences")
        response = self.client.post(f"/conferences/{conference.pk}/edit/", form_data(version=2))
        self.assertContains(response, "no longer planned")

    def test_another_team_gets_404(self):
        conference = self.plan()
        self.login(self.bob)
        response = self.client.post(f"/conferences/{conference.pk}/cancel/", {"cancel-reason": "x"})
        self.assertEqual(response.status_code, 404)


class DemoTests(ConferenceTestCase):
    def test_some_demo_cases_get_a_planned_conference_with_invitations(self):
        today = timezone.localdate()
        for seed in range(10):
            seed_planned_conference(self.case, random.Random(seed), self.camille, today)
        conferences = list(self.case.conferences.all())
        self.assertTrue(conferences)
        for conference in conferences:
            self.assertEqual(conference.status, "planned")
            self.assertGreater(conference.starts_at.date(), today)
            self.assertTrue(conference.place or conference.video_link)
            self.assertTrue(2 <= conference.invitations.count() <= 5)
