"""The crisis plan pages: the current version, earlier ones, a new version, the print."""

from maillage.audit.models import AuditEvent
from maillage.plans import actions
from maillage.plans.models import CrisisPlan

from .base import PlanTestCase, days


class CrisisPlanPagesTests(PlanTestCase):
    def setUp(self):
        super().setUp()
        self.url = f"{self.plan_url}crisis/"
        self.edit_url = f"{self.url}edit/"
        self.person_actor.phone = "0470 12 34 56"
        self.person_actor.save()

    def body(self, based_on="", contacts=(), **fields):
        data = {
            "based_on_version": based_on,
            "warning_signs": "Je ne dors plus",
            "triggers": "Les courriers recommandés",
            "what_helps": "Parler avec ma sœur",
            "what_to_avoid": "Élever la voix",
            "preference_treatment": "Pas d'injection",
            "preference_hospital": "Saint-Pierre plutôt qu'Érasme",
            "preference_children": "Ma sœur garde les enfants",
            "preference_pets": "Le voisin nourrit le chat",
            "preference_home": "",
            "preference_money": "",
            "agreed_on": days(-1).isoformat(),
            "present_at_agreement": "Louis, Camille, sa sœur",
            "contacts-TOTAL_FORMS": str(len(contacts)),
            "contacts-INITIAL_FORMS": "0",
            "contacts-MIN_NUM_FORMS": "0",
            "contacts-MAX_NUM_FORMS": "8",
            **fields,
        }
        for index, row in enumerate(contacts):
            for key, value in row.items():
                data[f"contacts-{index}-{key}"] = value
        return data

    def test_a_worker_writes_the_first_version_and_the_page_shows_it(self):
        self.login(self.camille)
        self.assertContains(self.client.get(self.url), "No crisis plan yet")
        self.assertEqual(self.client.get(self.edit_url).status_code, 200)
        contacts = [
            {"actor": "", "name": "Urgences", "phone": "112", "when": "", "ORDER": "2"},
            {"actor": str(self.person_actor.pk), "name": "", "phone": "", "when": "", "ORDER": "1"},
        ]
        response = self.client.post(self.edit_url, self.body(contacts=contacts))
        self.assertRedirects(response, self.url)
        plan = self.case.crisis_plans.get()
        self.assertEqual(plan.version, 1)
        self.assertEqual([c.actor_id for c in plan.contacts.all()], [self.person_actor.pk, None])
        page = self.client.get(self.url)
        content = page.content.decode()
        self.assertIn("Je ne dors plus", content)
        self.assertIn("0470 12 34 56", content)  # the actor's phone
        self.assertLess(content.index("0470 12 34 56"), content.index('href="tel:112"'))
        self.assertEqual(AuditEvent.objects.filter(verb="crisis_plan.versioned").count(), 1)

    def test_the_form_starts_from_the_current_version_and_saves_a_new_one(self):
        self.save_version()
        self.login(self.noor)
        form = self.client.get(self.edit_url).context["form"]
        self.assertEqual(form["what_helps"].value(), "Marcher")
        self.assertEqual(form["based_on_version"].value(), 1)
        self.client.post(self.edit_url, self.body(based_on="1", what_helps="Marcher au parc"))
        self.assertEqual(
            list(self.case.crisis_plans.values_list("version", "what_helps")),
            [(2, "Marcher au parc"), (1, "Marcher")],
        )
        page = self.client.get(self.url)
        self.assertContains(page, "Earlier versions")
        self.assertContains(page, f"{self.url}v1/")
        old = self.client.get(f"{self.url}v1/")
        self.assertContains(old, "This is version 1; the current version is 2.")
        self.assertContains(old, "Marcher")
        self.assertEqual(self.client.get(f"{self.url}v9/").status_code, 404)

    def test_a_stale_save_is_refused_and_the_typed_text_kept(self):
        self.save_version()
        self.save_version(based_on=1, what_helps="Version de Noor")
        self.login(self.camille)
        response = self.client.post(
            self.edit_url, self.body(based_on="1", what_helps="Version de Camille")
        )
        self.assertEqual(response.status_code, 200)
        self.assertContains(response, "Someone else changed this record")
        self.assertContains(response, "Version de Camille")
        self.assertContains(response, "Version de Noor")
        self.assertEqual(response.context["form"]["based_on_version"].value(), "2")
        self.assertEqual(CrisisPlan.objects.count(), 2)

    def test_a_contact_without_a_number_is_refused(self):
        self.login(self.camille)
        contacts = [{"actor": "", "name": "Sa sœur", "phone": "", "when": "", "ORDER": ""}]
        response = self.client.post(self.edit_url, self.body(contacts=contacts))
        self.assertEqual(response.status_code, 200)
        self.assertTrue(response.context["contacts"].forms[0].has_error("phone"))
        self.assertFalse(CrisisPlan.objects.exists())

    def test_an_agreement_in_the_future_is_refused(self):
        self.login(self.camille)
        response = self.client.post(self.edit_url, self.body(agreed_on=days(3).isoformat()))
        self.assertTrue(response.context["form"].has_error("agreed_on"))

    def test_an_outsider_gets_404_and_an_organiser_reads_only(self):
        self.save_version()
        for url in (self.url, f"{self.url}v1/", f"{self.url}print/", self.edit_url):
            self.login(self.bob)
            self.assertEqual(self.client.get(url).status_code, 404, url)
            self.login(self.olivier)
            self.assertEqual(
                self.client.get(url).status_code, 403 if url == self.edit_url else 200, url
            )
        self.assertEqual(self.client.post(self.edit_url, self.body(based_on="1")).status_code, 403)
        self.assertEqual(CrisisPlan.objects.count(), 1)

    def test_the_print_shows_the_current_version_on_one_page(self):
        self.save_version()
        self.login(self.camille)
        response = self.client.get(f"{self.url}print/")
        self.assertContains(response, "Marcher")
        self.assertContains(response, "Whom to call, in this order")
        self.assertNotContains(response, '<form method="post" class="form')

    def save_version(self, based_on=None, **sections):
        sections.setdefault("what_helps", "Marcher")
        contacts = [actions.ContactData(actor=self.person_actor)]
        actions.save_crisis_plan(
            self.case, sections, contacts, by=self.noor, based_on_version=based_on
        )
