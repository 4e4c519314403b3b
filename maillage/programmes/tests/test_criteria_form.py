"""Administrators edit entry criteria as conditions (fact, comparison, value) instead of
raw JSON; the rules are stored as before, byte for byte when saved unchanged."""

import json

from django.db import connection
from django.urls import reverse
from django.utils import translation
from django.utils.datastructures import MultiValueDict

from maillage.programmes import eligibility
from maillage.programmes.facts import ALL_FACTS
from maillage.programmes.forms import COMPARISONS, CriterionForm, comparisons_for, conditions_of
from maillage.programmes.models import Criterion, Programme
from maillage.testing import MaillageTestCase

from .admin_pages import form_data

NEW = {"position": "9", "code": "new", "label_fr": "Nouveau", "label_nl": "Nieuw"}
NEW["label_en"] = "New"


def stored_rules() -> dict[int, str]:
    """Each criterion's rule as the database holds it (text)."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT id, CAST(rule AS TEXT) FROM programmes_criterion")
        return dict(cursor.fetchall())


def sent_unchanged(form: CriterionForm) -> MultiValueDict:
    """What a browser sends for this form when the user saves it without a change."""
    return MultiValueDict(form_data(f'<form id="f">{form.as_div()}</form>', "f"))


def bound(**data: object) -> CriterionForm:
    values = {k: v if isinstance(v, list) else [str(v)] for k, v in {**NEW, **data}.items()}
    return CriterionForm(MultiValueDict(values))


class AdminTestCase(MaillageTestCase):
    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        cls.adam.is_superuser = True  # as the demo's administrator: every admin page
        cls.adam.save(update_fields=["is_superuser"])

    def setUp(self) -> None:
        self.login(self.adam)

    def change_url(self, programme: Programme) -> str:
        return reverse("admin:programmes_programme_change", args=[programme.pk])


class ComparisonsTests(MaillageTestCase):
    def test_every_operator_of_the_criteria_engine_has_a_comparison_in_words(self):
        self.assertEqual(set(COMPARISONS), eligibility.OPERATORS)

    def test_each_fact_gets_only_the_comparisons_that_fit_its_type(self):
        self.assertEqual(comparisons_for(ALL_FACTS["in_crisis"]), ("is",))
        self.assertEqual(comparisons_for(ALL_FACTS["living_situation"]), ("is", "in"))
        self.assertEqual(comparisons_for(ALL_FACTS["residence"]), ("in_brussels", "is", "in"))
        self.assertEqual(
            comparisons_for(ALL_FACTS["age"]), ("is", "gte", "gt", "lte", "lt", "between")
        )


class RoundTripTests(AdminTestCase):
    def test_every_criterion_of_the_four_examples_opens_as_conditions(self):
        for criterion in Criterion.objects.all():
            with self.subTest(criterion=criterion.code):
                self.assertIsNotNone(conditions_of(criterion.rule))
                form = CriterionForm(instance=criterion)
                self.assertIsNone(form.initial["rule"])
                self.assertTrue(form.initial["fact_1"])

    def test_every_criterion_saved_unchanged_through_its_form_stays_byte_identical(self):
        before = stored_rules()
        self.assertEqual(len(before), 15)
        for criterion in Criterion.objects.all():
            with self.subTest(criterion=criterion.code):
                data = sent_unchanged(CriterionForm(instance=criterion))
                form = CriterionForm(data, instance=criterion)
                self.assertTrue(form.is_valid(), form.errors.as_text())
                self.assertFalse(form.has_changed(), form.changed_data)
                form.save()
        self.assertEqual(stored_rules(), before)

    def test_each_programme_page_saved_unchanged_keeps_every_rule_byte_identical(self):
        before = stored_rules()
        for programme in Programme.objects.all():
            with self.subTest(programme=programme.code):
                page = self.client.get(self.change_url(programme))
                data = form_data(page.content.decode(), "programme_form")
                response = self.client.post(self.change_url(programme), data)
                self.assertEqual(response.status_code, 302)
        self.assertEqual(stored_rules(), before)

    def test_criteria_whose_labels_are_edited_keep_their_rule_byte_identical(self):
        before = stored_rules()
        for programme in Programme.objects.filter(is_template=False):
            page = self.client.get(self.change_url(programme))
            data = form_data(page.content.decode(), "programme_form")
            for name in [n for n in data if n.endswith("-label_en")]:
                data[name] = [data[name][0] + " (checked)"]
            response = self.client.post(self.change_url(programme), data)
            self.assertEqual(response.status_code, 302, programme.code)
        self.assertEqual(stored_rules(), before)
        self.assertEqual(
            Criterion.objects.filter(label_en__endswith=" (checked)").count(),
            Criterion.objects.filter(programme__is_template=False).count(),
        )

    def test_values_stored_in_another_order_keep_their_order(self):
        criterion = self.em107.criteria.get(code="street-or-badly-housed")
        criterion.rule = {
            "fact": "living_situation",
            "op": "in",
            "values": ["badly_housed", "street"],
        }
        criterion.save()
        before = stored_rules()
        form = CriterionForm(sent_unchanged(CriterionForm(instance=criterion)), instance=criterion)
        form.data = form.data.copy()
        form.data["label_en"] = "Badly housed or homeless"
        self.assertTrue(form.is_valid(), form.errors.as_text())
        form.save()
        self.assertEqual(stored_rules(), before)

    def test_a_rule_the_conditions_cannot_express_is_edited_as_json_and_kept(self):
        criterion = self.em107.criteria.get(code="in-brussels")
        criterion.rule = {
            "all": [
                {
                    "any": [
                        {"fact": "residence", "op": "in_brussels"},
                        {"fact": "in_crisis", "op": "is", "value": True},
                    ]
                },
                {"fact": "age", "op": "gte", "value": 18},
            ]
        }
        criterion.save()
        before = stored_rules()
        form = CriterionForm(instance=criterion)
        self.assertIsNone(form.initial.get("fact_1"))
        self.assertIn("in_brussels", form["rule"].value())
        saved = CriterionForm(sent_unchanged(form), instance=criterion)
        saved.data = saved.data.copy()
        saved.data["label_en"] = "In Brussels, or in crisis, and adult"
        self.assertTrue(saved.is_valid(), saved.errors.as_text())
        saved.save()
        self.assertEqual(stored_rules(), before)


class ConditionsTests(MaillageTestCase):
    def rule_of(self, **data: object) -> dict:
        form = bound(**data)
        self.assertTrue(form.is_valid(), form.errors.as_text())
        return form.cleaned_data["rule"]

    def test_a_number_compared_is_stored_as_a_whole_number(self):
        rule = self.rule_of(fact_1="age", comparison_1="gte", number_1="21")
        self.assertEqual(json.dumps(rule), '{"fact": "age", "op": "gte", "value": 21}')

    def test_between_stores_both_bounds(self):
        rule = self.rule_of(fact_1="age", comparison_1="between", number_1="0", up_to_1="25")
        self.assertEqual(rule, {"fact": "age", "op": "between", "min": 0, "max": 25})

    def test_yes_or_no_is_stored_as_a_boolean(self):
        rule = self.rule_of(fact_1="in_crisis", comparison_1="is", yes_no_1="no")
        self.assertEqual(rule, {"fact": "in_crisis", "op": "is", "value": False})

    def test_ticked_values_are_stored_in_the_vocabulary_s_order(self):
        rule = self.rule_of(
            fact_1="network_state",
            comparison_1="in",
            values_1=["network_state:absent", "network_state:exhausted"],
        )
        self.assertEqual(
            rule, {"fact": "network_state", "op": "in", "values": ["absent", "exhausted"]}
        )

    def test_a_commune_is_a_value_of_the_residence(self):
        rule = self.rule_of(fact_1="residence", comparison_1="is", values_1=["residence:21015"])
        self.assertEqual(rule, {"fact": "residence", "op": "is", "value": "21015"})

    def test_two_conditions_combine_with_any_or_all(self):
        rule = self.rule_of(
            match="any",
            fact_1="residence",
            comparison_1="in_brussels",
            fact_2="network_in_brussels",
            comparison_2="is",
            yes_no_2="yes",
        )
        self.assertEqual(
            rule,
            {
                "any": [
                    {"fact": "residence", "op": "in_brussels"},
                    {"fact": "network_in_brussels", "op": "is", "value": True},
                ]
            },
        )
        eligibility.validate_rule(rule)

    def test_what_the_chosen_fact_does_not_use_is_ignored(self):
        rule = self.rule_of(fact_1="age", comparison_1="lt", number_1="65", yes_no_1="yes")
        self.assertEqual(rule, {"fact": "age", "op": "lt", "value": 65})


class ValidationTests(MaillageTestCase):
    def errors_of(self, **data: object) -> dict:
        with translation.override("en"):
            form = bound(**data)
            self.assertFalse(form.is_valid())
            return {field: list(errors) for field, errors in form.errors.items()}

    def test_an_unknown_fact_is_refused_by_name(self):
        self.assertEqual(
            self.errors_of(fact_1="height", comparison_1="gte", number_1="150"),
            {
                "fact_1": [
                    "Condition 1: “height” is not a fact Maillage knows; choose one from the list."
                ]
            },
        )

    def test_a_comparison_that_does_not_fit_the_fact_says_which_ones_do(self):
        errors = self.errors_of(
            fact_2="living_situation",
            comparison_2="gte",
            number_2="3",
            fact_1="age",
            comparison_1="gte",
            number_1="18",
        )
        self.assertEqual(
            errors,
            {
                "comparison_2": [
                    "Condition 2: “at least” does not fit “living situation”; choose one "
                    "of: “is”, “is one of”."
                ]
            },
        )

    def test_a_missing_number_is_asked_for(self):
        self.assertEqual(
            self.errors_of(fact_1="age", comparison_1="gte"),
            {"number_1": ["Condition 1: enter the number for “at least”."]},
        )

    def test_between_needs_both_numbers_in_order(self):
        self.assertEqual(
            self.errors_of(fact_1="age", comparison_1="between", number_1="0"),
            {"up_to_1": ["Condition 1: enter both numbers for “between”."]},
        )
        self.assertEqual(
            self.errors_of(fact_1="age", comparison_1="between", number_1="30", up_to_1="18"),
            {"up_to_1": ["Condition 1: the first number must not be above the second."]},
        )

    def test_a_choice_needs_its_values(self):
        self.assertEqual(
            self.errors_of(fact_1="living_situation", comparison_1="in"),
            {"values_1": ["Condition 1: tick at least one value of “living situation”."]},
        )
        self.assertEqual(
            self.errors_of(
                fact_1="living_situation",
                comparison_1="is",
                values_1=["living_situation:home", "living_situation:street"],
            ),
            {
                "values_1": [
                    "Condition 1: “is” takes one value; tick only one or choose “is one of”."
                ]
            },
        )

    def test_values_of_another_fact_are_named(self):
        self.assertEqual(
            self.errors_of(
                fact_1="living_situation", comparison_1="in", values_1=["network_state:absent"]
            ),
            {"values_1": ["Condition 1: untick the values of other facts (absent)."]},
        )

    def test_yes_or_no_is_asked_for(self):
        self.assertEqual(
            self.errors_of(fact_1="in_crisis", comparison_1="is"),
            {"yes_no_1": ["Condition 1: choose yes or no."]},
        )

    def test_a_condition_without_fact_or_comparison_says_so(self):
        self.assertEqual(
            self.errors_of(comparison_1="gte", number_1="3"),
            {"fact_1": ["Condition 1: choose a fact."]},
        )
        self.assertEqual(
            self.errors_of(fact_1="age", number_1="3"),
            {"comparison_1": ["Condition 1: choose a comparison."]},
        )

    def test_a_criterion_needs_a_condition(self):
        self.assertEqual(
            self.errors_of(),
            {"fact_1": ["Condition 1: choose the fact this criterion checks."]},
        )

    def test_conditions_and_json_together_are_refused(self):
        self.assertEqual(
            self.errors_of(
                fact_1="age",
                comparison_1="gte",
                number_1="18",
                rule='{"fact": "age", "op": "gte", "value": 21}',
            ),
            {"rule": ["Describe the rule either with the conditions or as JSON, not both."]},
        )

    def test_a_wrong_rule_in_json_is_refused_with_its_path(self):
        errors = self.errors_of(rule='{"fact": "height", "op": "gte", "value": 2}')
        self.assertEqual(list(errors), ["rule"])
        self.assertIn("rule.fact must be one of", errors["rule"][0])


class AdminPageTests(AdminTestCase):
    def test_the_page_shows_each_condition_as_fact_comparison_and_value(self):
        html = self.client.get(self.change_url(self.brusano)).content.decode()
        data = form_data(html, "programme_form")
        by_code = {data[f"criteria-{i}-code"][0]: i for i in range(3)}
        home = by_code["lives-at-home"]
        self.assertEqual(data[f"criteria-{home}-fact_1"], ["living_situation"])
        self.assertEqual(data[f"criteria-{home}-comparison_1"], ["in"])
        self.assertEqual(data[f"criteria-{home}-values_1"], ["living_situation:home"])
        adult = by_code["adult"]
        self.assertEqual(data[f"criteria-{adult}-number_1"], ["18"])
        self.assertEqual(data[f"criteria-{adult}-rule"], [""])

    def test_a_criterion_added_on_the_page_is_stored_as_a_rule(self):
        url = self.change_url(self.brusano)
        data = form_data(self.client.get(url).content.decode(), "programme_form")
        data["criteria-TOTAL_FORMS"] = ["4"]
        new = {"fact_1": "in_crisis", "comparison_1": "is", "yes_no_1": "no", "match": "all"}
        for name, value in {**NEW, **new}.items():
            data[f"criteria-3-{name}"] = [value]
        response = self.client.post(url, data)
        self.assertEqual(response.status_code, 302)
        criterion = self.brusano.criteria.get(code="new")
        self.assertEqual(criterion.rule, {"fact": "in_crisis", "op": "is", "value": False})

    def test_a_refused_criterion_keeps_everything_typed(self):
        url = self.change_url(self.brusano)
        data = form_data(self.client.get(url).content.decode(), "programme_form")
        data["criteria-TOTAL_FORMS"] = ["4"]
        new = {"fact_1": "age", "comparison_1": "between", "number_1": "77", "match": "all"}
        for name, value in {**NEW, **new, "label_nl": "Oudere persoon"}.items():
            data[f"criteria-3-{name}"] = [value]
        response = self.client.post(url, data, headers={"accept-language": "en"})
        self.assertEqual(response.status_code, 200)
        html = response.content.decode()
        self.assertIn("enter both numbers for “between”", html)
        again = form_data(html, "programme_form")
        self.assertEqual(again["criteria-3-label_nl"], ["Oudere persoon"])
        self.assertEqual(again["criteria-3-number_1"], ["77"])
        self.assertEqual(again["criteria-3-comparison_1"], ["between"])
        self.assertFalse(self.brusano.criteria.filter(code="new").exists())
