"""Adding a formal or informal actor: validated, audited, for those who may change."""

from datetime import date

from maillage.cases.models import Case
from maillage.network.models import Actor

from .base import NetworkTestCase

FORMAL = {
    "kind": "formal",
    "name": "Dr Janssens",
    "organisation": "Maison médicale du Midi",
    "profession": "médecin généraliste",
    "sector": "general_practice",
    "role": "médecin traitant",
    "mission": "Suivi médical.",
    "quality": "strong",
    "email": "dr.janssens@example.org",
    "language": "nl",
    "started_on": "2020-01-15",
}


class AddActorTests(NetworkTestCase):
    def test_a_worker_adds_a_formal_actor(self):
        self.login(self.camille)
        self.assertEqual(self.client.get(self.url("new/")).status_code, 200)
        response = self.client.post(self.url("new/"), FORMAL, follow=True)
        self.assertRedirects(response, self.url())
        actor = self.case.actors.get(name="Dr Janssens")
        self.assertEqual(
            (actor.kind, actor.sector, actor.language), ("formal", "general_practice", "nl")
        )
        self.assertEqual(actor.started_on, date(2020, 1, 15))
        event = self.last_event("actor.added")
        self.assertEqual(
            (event.part, event.case_id, event.target_id), ("network", self.case.pk, str(actor.pk))
        )
        self.assertIn("organisation", event.changes)
        self.assertNotIn("Janssens", str(event.changes))

    def test_a_worker_adds_an_informal_actor(self):
        self.login(self.noor)
        data = {"kind": "informal", "name": "Sophie", "relation": "family", "exhausted": "on"}
        self.assertRedirects(self.client.post(self.url("new/"), data, follow=True), self.url())
        actor = self.case.actors.get(name="Sophie")
        self.assertIs(actor.exhausted, True)

    def test_a_formal_actor_needs_an_organisation_or_a_profession(self):
        self.login(self.camille)
        data = {**FORMAL, "organisation": "", "profession": ""}
        response = self.client.post(self.url("new/"), data)
        self.assertEqual(response.status_code, 200)
        self.assertIn("organisation", response.context["form"].errors)
        self.assertContains(response, "Give the organisation or the profession")
        self.assertFalse(self.case.actors.filter(name="Dr Janssens").exists())

    def test_an_informal_actor_needs_a_relation(self):
        self.login(self.camille)
        response = self.client.post(self.url("new/"), {"kind": "informal", "name": "Sophie"})
        self.assertEqual(response.status_code, 200)
        self.assertIn("relation", response.context["form"].errors)

    def test_the_end_cannot_come_before_the_start(self):
        self.login(self.camille)
        data = {**FORMAL, "started_on": "2024-05-01"}
        response = self.client.post(self.url("new/"), data)
        self.assertEqual(response.status_code, 302)
        actor = self.case.actors.get(name="Dr Janssens")
        response = self.client.post(
            self.url(f"{actor.pk}/edit/"),
            {**data, "ended_on": "2024-04-30", "version": actor.version},
        )
        self.assertEqual(response.status_code, 200)
        self.assertIn("ended_on", response.context["form"].errors)

    def test_the_person_and_case_workers_cannot_be_added_by_hand(self):
        self.login(self.camille)
        for kind in ("person", "worker"):
            response = self.client.post(self.url("new/"), {**FORMAL, "kind": kind})
            self.assertEqual(response.status_code, 200)
            self.assertIn("kind", response.context["form"].errors)
        self.assertEqual(self.case.actors.filter(kind="person").count(), 1)

    def test_bad_input_names_the_field(self):
        self.login(self.camille)
        for field, value in (
            ("email", "not-an-email"),
            ("quality", "excellent"),
            ("sector", "space"),
        ):
            response = self.client.post(self.url("new/"), {**FORMAL, field: value})
            self.assertEqual(response.status_code, 200, field)
            self.assertIn(field, response.context["form"].errors)

    def test_an_organiser_may_not_add(self):
        self.login(self.olivier)
        self.assertEqual(self.client.get(self.url("new/")).status_code, 403)
        self.assertEqual(self.client.post(self.url("new/"), FORMAL).status_code, 403)
        self.assertFalse(Actor.objects.filter(name="Dr Janssens").exists())

    def test_another_team_gets_404(self):
        self.login(self.bob)
        self.assertEqual(self.client.post(self.url("new/"), FORMAL).status_code, 404)

    def test_a_closed_case_is_read_only(self):
        Case.objects.filter(pk=self.case.pk).update(phase=Case.Phase.CLOSED)
        self.login(self.camille)
        self.assertEqual(self.client.post(self.url("new/"), FORMAL).status_code, 403)
