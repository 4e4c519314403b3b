"""The criteria engine, as pure functions: met / not met / unknown and the outcome."""

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation

from maillage.programmes import eligibility
from maillage.programmes.examples import EXAMPLES


def criteria_of(code: str) -> list:
    example = next(e for e in EXAMPLES if e["code"] == code)
    return [(c[0], c[3], c[4]) for c in example["criteria"]]


def evaluate(code: str, **facts):
    return eligibility.evaluate(criteria_of(code), facts)


def results(result) -> dict:
    return {c.code: c.result for c in result.criteria}


BRUSANO_OK = {"age": 40, "residence": "21015", "living_situation": "home"}
EM107_OK = {
    "age": 45,
    "residence": "21004",
    "living_situation": "street",
    "psychiatric_history": "at_risk",
    "network_state": "exhausted",
    "expressed_demand": "no_demand",
    "in_crisis": False,
}


class TestBrusano:
    def test_an_adult_living_at_home_in_brussels_is_eligible(self):
        assert evaluate("brusano", **BRUSANO_OK).outcome == "eligible"

    def test_eighteen_is_old_enough(self):
        assert evaluate("brusano", **{**BRUSANO_OK, "age": 18}).outcome == "eligible"

    def test_a_minor_is_not_eligible(self):
        result = evaluate("brusano", **{**BRUSANO_OK, "age": 17})
        assert result.outcome == "not_eligible"
        assert results(result)["adult"] == "not_met"

    def test_living_outside_brussels_is_not_eligible(self):
        result = evaluate("brusano", **{**BRUSANO_OK, "residence": "outside"})
        assert results(result)["lives-in-brussels"] == "not_met"

    def test_an_institution_is_not_home(self):
        result = evaluate("brusano", **{**BRUSANO_OK, "living_situation": "institution"})
        assert results(result)["lives-at-home"] == "not_met"

    def test_health_insurance_is_not_required(self):
        assert evaluate("brusano", **BRUSANO_OK, health_insurance="no").outcome == "eligible"

    def test_unknown_birth_date_makes_it_incomplete_and_names_the_missing_fact(self):
        result = evaluate("brusano", **{**BRUSANO_OK, "age": None})
        assert result.outcome == "incomplete"
        assert result.missing_facts == ["birth_date"]


class TestBruStars:
    base = {"age": 15, "residence": "21001", "professional_organisations": 2}

    def test_a_young_person_with_two_organisations_asking_is_eligible(self):
        assert evaluate("bru-stars", **self.base).outcome == "eligible"

    @pytest.mark.parametrize(("age", "expected"), [(0, "met"), (23, "met"), (24, "not_met")])
    def test_age_bounds_are_inclusive(self, age, expected):
        assert results(evaluate("bru-stars", **{**self.base, "age": age}))["age-0-23"] == expected

    def test_a_network_in_brussels_is_enough_when_living_outside(self):
        result = evaluate(
            "bru-stars", **{**self.base, "residence": "outside"}, network_in_brussels=True
        )
        assert result.outcome == "eligible"

    def test_outside_brussels_with_unknown_network_is_unknown(self):
        result = evaluate("bru-stars", **{**self.base, "residence": "outside"})
        assert results(result)["home-or-network-in-brussels"] == "unknown"
        assert result.missing_facts == ["network_in_brussels"]

    def test_outside_with_no_network_in_brussels_is_not_met(self):
        result = evaluate(
            "bru-stars", **{**self.base, "residence": "outside"}, network_in_brussels=False
        )
        assert result.outcome == "not_eligible"

    def test_one_organisation_is_not_enough(self):
        result = evaluate("bru-stars", **{**self.base, "professional_organisations": 1})
        assert results(result)["two-professional-requesters"] == "not_met"


class TestDune:
    def test_substance_use_and_social_exclusion(self):
        assert (
            evaluate("dune-liaison", substance_use=True, social_exclusion=True).outcome
            == "eligible"
        )

    def test_no_substance_use_is_not_eligible(self):
        result = evaluate("dune-liaison", substance_use=False, social_exclusion=True)
        assert result.outcome == "not_eligible"

    def test_unknown_facts_are_listed(self):
        result = evaluate("dune-liaison")
        assert result.outcome == "incomplete"
        assert result.missing_facts == ["substance_use", "social_exclusion"]


class TestMobileTeam107:
    def test_the_whole_profile_is_eligible(self):
        assert evaluate("em107-precarite", **EM107_OK).outcome == "eligible"

    @pytest.mark.parametrize(("age", "expected"), [(18, "not_met"), (19, "met")])
    def test_over_18_means_older_than_18(self, age, expected):
        result = evaluate("em107-precarite", **{**EM107_OK, "age": age})
        assert results(result)["over-18"] == expected

    def test_it_never_starts_during_a_crisis(self):
        result = evaluate("em107-precarite", **{**EM107_OK, "in_crisis": True})
        assert result.outcome == "not_eligible"
        assert results(result)["not-in-crisis"] == "not_met"

    @pytest.mark.parametrize("situation", ["home", "institution", "other"])
    def test_it_is_for_the_street_or_the_badly_housed(self, situation):
        result = evaluate("em107-precarite", **{**EM107_OK, "living_situation": situation})
        assert results(result)["street-or-badly-housed"] == "not_met"

    def test_a_present_network_is_not_eligible(self):
        result = evaluate("em107-precarite", **{**EM107_OK, "network_state": "present"})
        assert result.outcome == "not_eligible"

    def test_a_person_who_asks_for_help_does_not_fit(self):
        result = evaluate("em107-precarite", **{**EM107_OK, "expressed_demand": "yes"})
        assert results(result)["no-demand-or-difficulty"] == "not_met"

    def test_not_met_wins_over_unknown(self):
        result = evaluate("em107-precarite", age=17)
        assert result.outcome == "not_eligible"


class TestReasons:
    def test_reasons_follow_the_active_language(self):
        with translation.override("en"):
            reason = evaluate("brusano", **{**BRUSANO_OK, "age": 16}).criteria[0].reason
        assert "16" in reason and "18" in reason

    def test_a_met_any_rule_explains_both_branches(self):
        result = evaluate(
            "bru-stars",
            age=10,
            residence="outside",
            network_in_brussels=True,
            professional_organisations=2,
        )
        assert results(result)["home-or-network-in-brussels"] == "met"


class TestValidateRule:
    @pytest.mark.parametrize(
        "rule",
        [
            {"fact": "age", "op": "gte", "value": 18},
            {"fact": "age", "op": "between", "min": 0, "max": 23},
            {"fact": "living_situation", "op": "in", "values": ["home"]},
            {
                "any": [
                    {"fact": "residence", "op": "in_brussels"},
                    {"fact": "in_crisis", "op": "is", "value": False},
                ]
            },
        ],
    )
    def test_valid_rules_pass(self, rule):
        eligibility.validate_rule(rule)

    @pytest.mark.parametrize(
        ("rule", "named"),
        [
            ({"fact": "shoe_size", "op": "gte", "value": 1}, "rule.fact"),
            ({"fact": "age", "op": "approx", "value": 1}, "rule.op"),
            ({"fact": "age", "op": "gte"}, "value"),
            ({"fact": "age", "op": "gte", "value": "eighteen"}, "rule.value"),
            ({"fact": "living_situation", "op": "in", "values": ["castle"]}, "castle"),
            ({"any": []}, "rule.any"),
            ("not a rule", "rule"),
        ],
    )
    def test_invalid_rules_are_explained(self, rule, named):
        with pytest.raises(ValidationError) as caught:
            eligibility.validate_rule(rule)
        assert named in " ".join(caught.value.messages)
