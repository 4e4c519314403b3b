"""Ending an actor's membership: they leave the current network and the map, the
record stays."""

from datetime import timedelta

from django.utils import timezone

from maillage.network import actions

from .base import NetworkTestCase


class EndActorTests(NetworkTestCase):
    def setUp(self) -> None:
        super().setUp()
        self.actor = self.add(
            self.case,
            "Dr Janssens",
            quality="strong",
            started_on=timezone.localdate() - timedelta(days=30),
        )
        self.end_url = self.url(f"{self.actor.pk}/end/")

    def test_ending_today_removes_the_actor_from_the_network_and_the_map(self):
        self.login(self.camille)
        self.assertContains(self.client.get(self.url("map/")), "Dr Janssens")
        response = self.client.post(self.end_url, {"end-version": self.actor.version})
        self.assertRedirects(response, self.url())
        self.actor.refresh_from_db()
        self.assertEqual(self.actor.ended_on, timezone.localdate())
        self.assertNotContains(self.client.get(self.url("map/")), "Dr Janssens")
        self.assertNotContains(self.client.get(self.url("map.svg")), "Dr Janssens")
        current, past = self.client.get(self.url()).content.decode().split('id="network-past"')
        self.assertNotIn("Dr Janssens", current)
        self.assertIn("Dr Janssens", past)
        event = self.last_event("actor.ended")
        self.assertEqual((event.changes, event.part), (["ended_on"], "network"))

    def test_an_end_date_before_the_start_is_refused(self):
        self.login(self.camille)
        early = self.actor.started_on - timedelta(days=1)
        data = {"end-version": self.actor.version, "end-ended_on": early.isoformat()}
        response = self.client.post(self.end_url, data)
        self.assertEqual(response.status_code, 200)
        self.assertIn("ended_on", response.context["end_form"].errors)
        self.actor.refresh_from_db()
        self.assertIsNone(self.actor.ended_on)

    def test_an_end_in_the_future_keeps_the_actor_until_then(self):
        later = timezone.localdate() + timedelta(days=10)
        actions.end_actor(self.actor, by=self.camille, version=None, ended_on=later)
        self.assertIs(self.actor.is_current(), True)
        self.assertIs(self.actor.is_current(later), False)

    def test_a_stale_end_is_refused(self):
        actions.update_actor(self.actor, by=self.noor, version=1, role="médecin traitant")
        self.login(self.camille)
        response = self.client.post(self.end_url, {"end-version": 1})
        self.assertContains(response, "Someone else changed this record")
        self.actor.refresh_from_db()
        self.assertIsNone(self.actor.ended_on)

    def test_the_person_stays_in_their_network(self):
        person = self.case.actors.get(kind="person")
        self.login(self.camille)
        response = self.client.post(self.url(f"{person.pk}/end/"), {"end-version": person.version})
        self.assertEqual(response.status_code, 200)
        self.assertIn("ended_on", response.context["end_form"].errors)

    def test_an_organiser_may_not_end_and_another_team_sees_nothing(self):
        self.login(self.olivier)
        self.assertEqual(self.client.post(self.end_url, {"end-version": 1}).status_code, 403)
        self.login(self.bob)
        self.assertEqual(self.client.post(self.end_url, {"end-version": 1}).status_code, 404)
        self.actor.refresh_from_db()
        self.assertIsNone(self.actor.ended_on)
