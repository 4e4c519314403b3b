"""API: GET/PUT /cases/{id}/crisis-plan — every save a new version."""

from maillage.api.tests.base import field_names
from maillage.audit.models import AuditEvent
from maillage.plans.models import CrisisPlan

from .base import PlanTestCase, days


class CrisisPlanApiTests(PlanTestCase):
    def setUp(self):
        super().setUp()
        self.path = f"cases/{self.case.pk}/crisis-plan"
        self.noor_actor.phone = "02 555 12 12"
        self.noor_actor.save()

    def body(self, based_on, **fields):
        return {
            "based_on_version": based_on,
            "warning_signs": "Je parle très vite, je ne dors plus",
            "triggers": "Les fêtes de fin d'année",
            "what_helps": "Écouter de la musique, appeler ma sœur",
            "what_to_avoid": "Me contredire devant les autres",
            "preferences": {"hospital": "Brugmann", "pets": "Le voisin garde le chien"},
            "agreed_on": days(-2).isoformat(),
            "present_at_agreement": "Louis, Noor, sa sœur",
            "contacts": [
                {"actor_id": str(self.noor_actor.pk), "when": "En journée"},
                {"name": "Centre de prévention du suicide", "phone": "0800 32 123"},
                {"name": "Urgences", "phone": "112"},
            ],
            **fields,
        }

    def test_without_a_plan_the_case_has_no_version(self):
        plan = self.api.get(self.path, self.camille).json()
        self.assertEqual((plan["version"], plan["contacts"], plan["versions"]), (None, [], []))

    def test_a_first_version_then_a_second_keeping_the_first(self):
        first = self.api.put(self.path, self.camille, self.body(None))
        self.assertEqual(first.status_code, 201, first.content)
        plan = first.json()
        self.assertEqual((plan["version"], plan["current_version"]), (1, 1))
        self.assertEqual(plan["preferences"]["hospital"], "Brugmann")
        self.assertEqual(plan["preferences"]["money"], "")
        self.assertEqual(
            [(c["position"], c["name"], c["phone"]) for c in plan["contacts"]],
            [
                (1, "Noor", "02 555 12 12"),
                (2, "Centre de prévention du suicide", "0800 32 123"),
                (3, "Urgences", "112"),
            ],
        )
        self.assertEqual(
            plan["contacts"][0]["actor"], {"id": str(self.noor_actor.pk), "name": "Noor"}
        )
        second = self.api.put(self.path, self.noor, self.body(1, what_helps="Marcher"))
        self.assertEqual(second.status_code, 201, second.content)
        read = self.api.get(self.path, self.olivier).json()
        self.assertEqual((read["version"], read["what_helps"]), (2, "Marcher"))
        self.assertEqual([v["version"] for v in read["versions"]], [2, 1])
        self.assertEqual(read["versions"][0]["agreed_on"], days(-2).isoformat())
        old = self.api.get(self.path, self.camille, version=1).json()
        self.assertEqual((old["version"], old["current_version"]), (1, 2))
        self.assertEqual(old["what_helps"], "Écouter de la musique, appeler ma sœur")
        self.assertEqual(self.api.get(self.path, self.camille, version=7).status_code, 404)
        events = AuditEvent.objects.filter(verb="crisis_plan.versioned")
        self.assertEqual([e.part for e in events], ["crisis_plan", "crisis_plan"])

    def test_a_save_based_on_a_stale_version_is_refused_and_nothing_saved(self):
        self.api.put(self.path, self.camille, self.body(None))
        self.api.put(self.path, self.noor, self.body(1, what_helps="Version de Noor"))
        stale = self.api.put(self.path, self.camille, self.body(1, what_helps="Version de Camille"))
        self.assertEqual(stale.status_code, 409)
        self.assertEqual(stale.json()["current_version"], 2)
        again = self.api.put(self.path, self.camille, self.body(None))
        self.assertEqual((again.status_code, again.json()["current_version"]), (409, 2))
        self.assertEqual(CrisisPlan.objects.count(), 2)
        self.assertEqual(
            self.api.get(self.path, self.camille).json()["what_helps"], "Version de Noor"
        )

    def test_based_on_version_must_be_sent(self):
        body = self.body(None)
        del body["based_on_version"]
        response = self.api.put(self.path, self.camille, body)
        self.assertEqual((response.status_code, field_names(response)), (422, ["based_on_version"]))

    def test_contacts_must_be_actors_of_this_case_or_have_a_number(self):
        stranger = self.open_case().actors.first()
        contacts = [{"actor_id": str(stranger.pk)}, {"name": "Sa sœur"}]
        response = self.api.put(self.path, self.camille, self.body(None, contacts=contacts))
        self.assertEqual(response.status_code, 422)
        self.assertEqual(field_names(response), ["contacts.0.actor_id"])
        response = self.api.put(self.path, self.camille, self.body(None, contacts=contacts[1:]))
        self.assertEqual(field_names(response), ["contacts.0.phone"])
        self.assertFalse(CrisisPlan.objects.exists())

    def test_outsiders_get_404_and_organisers_403(self):
        self.api.put(self.path, self.camille, self.body(None, warning_signs="Secretsigns"))
        response = self.api.get(self.path, self.bob)
        self.assertEqual(response.status_code, 404)
        self.assertNotIn(b"Secretsigns", response.content)
        self.assertEqual(self.api.put(self.path, self.bob, self.body(1)).status_code, 404)
        self.assertEqual(self.api.put(self.path, self.olivier, self.body(1)).status_code, 403)
        self.assertEqual(self.api.get(self.path, self.olivier).status_code, 200)
        self.assertEqual(CrisisPlan.objects.count(), 1)
