"""On a programme's admin page, a preview says what its entry criteria conclude about
example situations and about one the administrator types, and why, criterion by
criterion, as computed by the criteria engine itself."""

from unittest import mock

from django.utils import translation

from maillage.programmes import eligibility, preview
from maillage.programmes.models import Programme
from maillage.testing import MaillageTestCase

from .test_criteria_form import AdminTestCase

TYPED = {
    "situation-submitted": "1",
    "situation-age": "40",
    "situation-residence": "21015",
    "situation-living_situation": "home",
}


def example(words: str) -> preview.Situation:
    with translation.override("en"):
        return next(s for s in preview.EXAMPLE_SITUATIONS if words in str(s.title))


class PreviewTests(MaillageTestCase):
    def rows(self, programme: Programme) -> dict[str, preview.PreviewRow]:
        with translation.override("en"):
            situations = list(preview.EXAMPLE_SITUATIONS)
            return {str(r.situation.title): r for r in preview.preview(programme, situations)}

    def test_each_example_programme_has_a_typical_person_it_takes(self):
        for programme, words in [
            (self.brusano, "older adult"),
            (self.brustars, "16-year-old"),
            (self.dune, "uses drugs"),
            (self.em107, "homeless woman"),
        ]:
            with self.subTest(programme=programme.code):
                with translation.override("en"):
                    title = str(example(words).title)
                self.assertEqual(self.rows(programme)[title].outcome, eligibility.ELIGIBLE)

    def test_the_outcome_and_the_reasons_are_the_engine_s_own(self):
        situation = example("older adult")
        with translation.override("en"):
            title = str(situation.title)
            expected = eligibility.evaluate(self.brusano.criteria_rules(), situation.facts)
            row = self.rows(self.brusano)[title]
            findings = row.findings
        self.assertEqual(row.eligibility, expected)
        self.assertIn(
            ("Aged 18 or over", "met", "met", "Age: 67 (required: 18 or more)."), findings
        )

    def test_the_preview_evaluates_through_the_criteria_engine(self):
        with mock.patch.object(eligibility, "evaluate", wraps=eligibility.evaluate) as spy:
            preview.preview(self.brusano, list(preview.EXAMPLE_SITUATIONS))
        self.assertEqual(spy.call_count, len(preview.EXAMPLE_SITUATIONS))

    def test_a_situation_at_the_edge_is_told_apart(self):
        with translation.override("en"):
            crisis = self.rows(self.em107)[str(example("in crisis").title)]
            outside = self.rows(self.brustars)[str(example("outside Brussels").title)]
        self.assertEqual(crisis.outcome, eligibility.NOT_ELIGIBLE)
        self.assertEqual(
            [code for code, result, _w, _r in crisis.findings if result == "not_met"],
            ["Not in crisis at the start"],
        )
        self.assertEqual(outside.outcome, eligibility.ELIGIBLE)

    def test_little_known_makes_it_incomplete_and_says_what_to_find_out(self):
        with translation.override("en"):
            title = str(example("first call").title)
            brusano, em107 = self.rows(self.brusano)[title], self.rows(self.em107)[title]
            self.assertEqual(em107.outcome, eligibility.INCOMPLETE)
            self.assertEqual(em107.missing[0], "birth date of the person")
        self.assertEqual(brusano.outcome, eligibility.NOT_ELIGIBLE)  # the street is not home
        self.assertEqual(brusano.missing, [])  # nothing to find out: it is not eligible


class PreviewPageTests(AdminTestCase):
    def test_the_programme_page_shows_every_example_with_its_outcome(self):
        response = self.client.get(self.change_url(self.brusano), headers={"accept-language": "en"})
        self.assertContains(response, "Preview of the entry criteria")
        with translation.override("en"):
            for situation in preview.EXAMPLE_SITUATIONS:
                self.assertContains(response, str(situation.title))
        self.assertContains(response, "Age: 67 (required: 18 or more).")
        self.assertContains(response, '<td class="outcome outcome-eligible">')
        self.assertContains(response, '<td class="outcome outcome-not_eligible">')

    def test_a_typed_situation_is_evaluated_first(self):
        response = self.client.get(
            self.change_url(self.brusano), TYPED, headers={"accept-language": "en"}
        )
        html = response.content.decode()
        typed = html.index("The situation you typed")
        self.assertLess(typed, html.index(str(preview.EXAMPLE_SITUATIONS[0].title)))
        self.assertIn('<td class="outcome outcome-eligible">', html[typed:])
        self.assertIn(
            "Residence: Schaerbeek / Schaarbeek (required: a Brussels commune).", html[typed:]
        )

    def test_a_wrong_number_is_named_and_what_was_typed_stays(self):
        response = self.client.get(
            self.change_url(self.brusano),
            {**TYPED, "situation-age": "forty"},
            headers={"accept-language": "en"},
        )
        self.assertContains(response, "“Age” must be a whole number, such as 2.")
        self.assertContains(response, 'value="forty"')
        self.assertContains(response, '<option value="home" selected>')
        self.assertNotContains(response, "The situation you typed")

    def test_the_preview_speaks_the_administrator_s_language(self):
        self.adam.language = "nl"
        self.adam.save(update_fields=["language"])
        response = self.client.get(self.change_url(self.brusano))
        self.assertContains(response, '<html lang="nl"')
        self.assertContains(response, "18 jaar of ouder")  # the criterion's Dutch label

    def test_a_programme_without_criteria_says_so(self):
        self.dune.criteria.update(active=False)
        response = self.client.get(self.change_url(self.dune), headers={"accept-language": "en"})
        self.assertContains(response, "This programme has no active entry criterion.")

    def test_the_add_page_has_no_preview(self):
        response = self.client.get("/admin/programmes/programme/add/")
        self.assertEqual(response.status_code, 200)
        self.assertNotContains(response, 'id="criteria-preview"')
