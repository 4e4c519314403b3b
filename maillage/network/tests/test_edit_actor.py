"""Changing an actor: audited by field name, and a stale form keeps what was typed."""

from maillage.network import actions
from maillage.network.models import Actor

from .base import NetworkTestCase


def form_data(actor: Actor, **changes: object) -> dict[str, object]:
    data = {
        "kind": actor.kind,
        "name": actor.name,
        "organisation": actor.organisation,
        "sector": actor.sector,
        "relation": actor.relation,
        "role": actor.role,
        "mission": actor.mission,
        "quality": actor.quality,
        "version": actor.version,
    }
    return {**data, **changes}


class EditActorTests(NetworkTestCase):
    def setUp(self) -> None:
        super().setUp()
        self.actor = self.add(self.case, "Dr Janssens", quality="strong")

    def test_a_worker_changes_an_actor(self):
        self.login(self.camille)
        url = self.url(f"{self.actor.pk}/edit/")
        self.assertContains(self.client.get(url), "Dr Janssens")
        data = form_data(self.actor, quality="conflictual", mission="Ne répond plus.")
        self.assertRedirects(self.client.post(url, data), self.url())
        self.actor.refresh_from_db()
        self.assertEqual((self.actor.quality, self.actor.version), ("conflictual", 2))
        event = self.last_event("actor.changed")
        self.assertEqual(sorted(event.changes), ["mission", "quality"])
        self.assertEqual(event.part, "network")

    def test_a_stale_form_is_refused_and_keeps_the_text(self):
        actions.update_actor(self.actor, by=self.noor, version=1, quality="fragile")
        self.login(self.camille)
        data = form_data(
            self.actor, quality="broken", mission="Mon texte à ne pas perdre.", version=1
        )
        response = self.client.post(self.url(f"{self.actor.pk}/edit/"), data)
        self.assertEqual(response.status_code, 200)
        self.assertContains(response, "Someone else changed this record")
        self.assertContains(response, "Mon texte à ne pas perdre.")
        self.actor.refresh_from_db()
        self.assertEqual((self.actor.quality, self.actor.mission), ("fragile", ""))

    def test_a_case_worker_keeps_their_kind_but_can_be_described(self):
        worker = self.case.actors.get(kind="worker", user=self.noor)
        self.login(self.camille)
        url = self.url(f"{worker.pk}/edit/")
        response = self.client.get(url)
        self.assertNotContains(response, 'name="kind"')
        data = form_data(worker, role="référente", kind="")
        data.pop("kind")
        self.assertRedirects(self.client.post(url, data), self.url())
        worker.refresh_from_db()
        self.assertEqual((worker.kind, worker.role), ("worker", "référente"))
        with self.assertRaisesMessage(Exception, "Only formal and informal actors"):
            actions.update_actor(worker, by=self.camille, version=None, kind="formal")

    def test_a_formal_actor_may_become_informal_with_a_relation(self):
        self.login(self.camille)
        url = self.url(f"{self.actor.pk}/edit/")
        response = self.client.post(url, form_data(self.actor, kind="informal"))
        self.assertIn("relation", response.context["form"].errors)
        response = self.client.post(url, form_data(self.actor, kind="informal", relation="friend"))
        self.assertEqual(response.status_code, 302)

    def test_an_actor_of_another_case_is_not_found(self):
        other = self.open_case()
        self.login(self.camille)
        url = self.url(f"{self.actor.pk}/edit/", case=other)
        self.assertEqual(self.client.get(url).status_code, 404)

    def test_an_organiser_may_not_change_and_another_team_sees_nothing(self):
        url = self.url(f"{self.actor.pk}/edit/")
        self.login(self.olivier)
        self.assertEqual(self.client.post(url, form_data(self.actor)).status_code, 403)
        self.login(self.bob)
        self.assertEqual(self.client.get(url).status_code, 404)
