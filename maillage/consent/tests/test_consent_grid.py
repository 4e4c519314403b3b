"""The scope of a consent as one grid (actor × information category), whole rows and
columns, and plain presets — all of it working without JavaScript."""

from maillage.categories import Category
from maillage.consent import presets
from maillage.consent.rules import consent_in_force, shared_categories

from .base import GP, ConsentTestCase, add_actor


def checked(content: str, name: str, value: str = "on") -> bool:
    """Is the checkbox of this name and value ticked in the page?"""
    tag = content.split(f'name="{name}" value="{value}"')[1].split(">")[0]
    return " checked" in tag


class ConsentGridTests(ConsentTestCase):
    def setUp(self) -> None:
        self.client.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"
        self.login(self.camille)

    def url(self) -> str:
        return f"/cases/{self.case.pk}/consent/new/"

    def data(self, **fields):
        base = {"version": self.case.consents.count(), "status": "given", "method": "oral"}
        return {**base, **fields}

    def test_each_box_is_labelled_with_the_actor_and_the_category(self):
        content = self.client.get(self.url()).content.decode()
        box = f'id="id_share_{self.gp.pk}_mental_health"'
        self.assertIn(box, content)
        self.assertIn(
            f'<label for="id_share_{self.gp.pk}_mental_health" class="visually-hidden">'
            "Dr Claire Dubois: Mental health</label>",
            content,
        )
        self.assertIn("Everything for Sophie Lambert</label>", content)
        self.assertIn("Every actor: Crisis plan</label>", content)
        self.assertIn(
            '<th scope="col" class="category"><span>Income and debts</span></th>', content
        )

    def test_the_page_says_in_plain_words_what_an_information_category_is(self):
        response = self.client.get(self.url())
        self.assertContains(response, "An information category is one kind of thing known")

    def test_a_whole_row_gives_that_actor_every_category(self):
        self.client.post(self.url(), self.data(**{f"all_actor_{self.gp.pk}": "on"}))
        consent = consent_in_force(self.case)
        self.assertEqual(shared_categories(consent, self.gp), set(Category.values))
        self.assertEqual(shared_categories(consent, self.cpas), set())

    def test_a_whole_column_gives_that_category_to_every_actor(self):
        data = self.data(**{"all_category_plan": "on", f"share_{self.gp.pk}": ["identity"]})
        self.client.post(self.url(), data)
        consent = consent_in_force(self.case)
        self.assertEqual(shared_categories(consent, self.gp), {"identity", "plan"})
        self.assertEqual(shared_categories(consent, self.cpas), {"plan"})
        self.assertEqual(shared_categories(consent, self.sister), {"plan"})

    def test_whole_rows_and_columns_come_unticked_so_unticking_a_box_is_respected(self):
        everything = list(Category.values)
        self.give(shares=[(a.pk, everything) for a in (self.gp, self.cpas, self.sister)])
        content = self.client.get(self.url()).content.decode()
        self.assertIs(checked(content, f"share_{self.gp.pk}", "journal"), True)
        self.assertIs(checked(content, f"all_actor_{self.gp.pk}"), False)
        self.assertIs(checked(content, "all_category_journal"), False)
        # Without the script, the worker unticks the GP's journal and saves.
        data = self.data(version=1)
        for actor in (self.gp, self.cpas, self.sister):
            data[f"share_{actor.pk}"] = everything
        data[f"share_{self.gp.pk}"] = [c for c in everything if c != "journal"]
        self.client.post(self.url(), data)
        consent = consent_in_force(self.case)
        self.assertNotIn("journal", shared_categories(consent, self.gp))
        self.assertIn("journal", shared_categories(consent, self.cpas))

    def test_a_preset_without_javascript_fills_the_grid_and_records_nothing(self):
        data = self.data(notes="Said yes at the café.", preset="roles")
        data[f"share_{self.sister.pk}"] = ["journal"]
        response = self.client.post(self.url(), data)
        self.assertEqual(response.status_code, 200)
        self.assertEqual(self.case.consents.count(), 0)
        content = response.content.decode()
        self.assertIn("Filled in: “What each one needs for their part”", content)
        self.assertIn("Said yes at the café.", content)
        self.assertIs(checked(content, "status", "given"), True)
        for code in ("identity", "contact", "plan", "physical_health", "crisis_plan"):
            self.assertIs(checked(content, f"share_{self.gp.pk}", code), True, code)
        self.assertIs(checked(content, f"share_{self.gp.pk}", "income"), False)
        self.assertIs(checked(content, f"share_{self.cpas.pk}", "income"), True)
        self.assertIs(checked(content, f"share_{self.sister.pk}", "crisis_plan"), True)
        self.assertIs(checked(content, f"share_{self.sister.pk}", "journal"), False)

    def test_each_plain_choice_is_offered_with_its_explanation(self):
        content = self.client.get(self.url()).content.decode()
        for preset in presets.PRESETS:
            self.assertIn(f'name="preset" value="{preset.code}"', content)
            self.assertIn(f'id="preset-{preset.code}-help"', content)
        self.assertIn("Nothing yet", content)
        self.assertIn("Only what&#x27;s needed for the plan", content)
        self.assertIn("Nothing about health, money or family.", content)

    def test_boxes_carry_the_presets_that_tick_them_for_the_script(self):
        content = self.client.get(self.url()).content.decode()
        tag = content.split(f'id="id_share_{self.gp.pk}_plan"')[1].split(">")[0]
        self.assertIn('data-presets="plan roles"', tag)
        tag = content.split(f'id="id_share_{self.gp.pk}_physical_health"')[1].split(">")[0]
        self.assertIn('data-presets="roles"', tag)

    def test_an_invalid_form_keeps_every_box_ticked(self):
        data = self.data(status="", **{f"share_{self.gp.pk}": GP})
        response = self.client.post(self.url(), data)
        self.assertEqual(response.status_code, 200)
        self.assertContains(response, 'id="id_status_error"')
        content = response.content.decode()
        for code in GP:
            self.assertIs(checked(content, f"share_{self.gp.pk}", code), True, code)


class PresetTests(ConsentTestCase):
    def test_only_what_the_plan_needs_is_who_how_to_reach_and_the_plan(self):
        for actor in (self.gp, self.cpas, self.sister):
            self.assertEqual(presets.PLAN.categories(actor), ["identity", "contact", "plan"])

    def test_what_each_one_needs_follows_their_field(self):
        self.assertEqual(
            presets.ROLES.categories(self.gp),
            [
                "identity",
                "contact",
                "physical_health",
                "mental_health",
                "substance_use",
                "plan",
                "crisis_plan",
            ],
        )
        self.assertEqual(
            presets.ROLES.categories(self.cpas),
            ["identity", "contact", "housing", "income", "administrative", "plan"],
        )
        self.assertEqual(
            presets.ROLES.categories(self.sister), ["identity", "contact", "plan", "crisis_plan"]
        )
        unknown = add_actor(self.case, "Someone", organisation="Somewhere")
        self.assertEqual(presets.ROLES.categories(unknown), ["identity", "contact", "plan"])

    def test_nothing_yet_ticks_nothing(self):
        self.assertEqual(presets.NOTHING.categories(self.gp), [])

    def test_the_groups_cover_every_category_once_in_order(self):
        grouped = [code for group in presets.GROUPS for code in group.categories]
        self.assertEqual(grouped, list(Category.values))

    def test_every_sector_with_a_field_names_known_categories(self):
        for codes in presets.SECTOR_CATEGORIES.values():
            self.assertLessEqual(set(codes), set(Category.values))
