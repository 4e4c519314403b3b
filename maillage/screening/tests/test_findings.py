"""What the answers say in words, and which programmes could fit (pure functions)."""

from typing import Any

from django.test import SimpleTestCase
from django.utils import translation

from maillage.programmes.examples import EXAMPLES
from maillage.screening.findings import findings, request_facts

from .base import COMPLEX, UNKNOWN

# The four example programmes (MISSION.md) as the findings read them, in English.
PROGRAMMES = [
    (example["code"], [(c[0], c[3], c[4]) for c in example["criteria"]]) for example in EXAMPLES
]


def fitting(answers: dict[str, Any]) -> tuple[set[str], set[str]]:
    found = findings(answers, PROGRAMMES)
    return {f.name for f in found.fits}, {f.name for f in found.does_not_fit}


class FindingsTests(SimpleTestCase):
    def setUp(self) -> None:
        translation.activate("en")

    def test_the_three_signs_suggest_a_case_manager(self) -> None:
        found = findings(COMPLEX, PROGRAMMES)
        self.assertIn("The three signs of a complex situation are present", found.summary)
        self.assertEqual(len(found.criteria), 3)
        self.assertEqual(found.unknown, [])
        self.assertIn("3 parts of life are affected at once", " ".join(found.sentences))
        self.assertIn("missed appointments, threat of eviction", " ".join(found.sentences))
        self.assertIn("exhausted", " ".join(found.sentences))
        self.assertIs(found.crisis, False)

    def test_nothing_known_says_so_and_rules_out_no_programme(self) -> None:
        found = findings(UNKNOWN, PROGRAMMES)
        self.assertIn("You do not know yet whether the situation is complex", found.summary)
        self.assertEqual(found.criteria, [])
        self.assertEqual(len(found.unknown), 3)
        self.assertEqual(found.sentences, [])
        self.assertEqual(found.does_not_fit, [])
        self.assertEqual(len(found.fits), 4)
        self.assertEqual(found.domains, [])

    def test_two_signs_and_one_sign_are_worded_apart(self) -> None:
        two = findings({**COMPLEX, "coordination": "yes"}, PROGRAMMES)
        one = findings({**COMPLEX, "coordination": "yes", "unstable": "no"}, PROGRAMMES)
        none = findings(
            {**COMPLEX, "coordination": "yes", "unstable": "no", "inadequate_help": "no"},
            PROGRAMMES,
        )
        self.assertIn("Two of the three signs", two.summary)
        self.assertIn("One of the three signs", one.summary)
        self.assertIn("None of the three signs", none.summary)

    def test_no_score_is_ever_shown(self) -> None:
        found = findings(COMPLEX, PROGRAMMES)
        words = " ".join([found.summary, *found.criteria, *found.sentences])
        self.assertNotRegex(words, r"\d+ ?/ ?\d+|score|%")

    def test_a_crisis_rules_out_the_mobile_team_and_is_said_first(self) -> None:
        found = findings({**COMPLEX, "first_signs": ["crisis"]}, PROGRAMMES)
        self.assertIs(found.crisis, True)
        not_fitting = {f.name: f.points for f in found.does_not_fit}
        self.assertEqual(not_fitting["em107-precarite"], ["Not in crisis at the start"])

    def test_programmes_by_age_band(self) -> None:
        adult = {**UNKNOWN, "brussels": "yes"}
        self.assertEqual(
            fitting({**adult, "age_band": "under_18"}),
            ({"bru-stars", "dune-liaison"}, {"brusano", "em107-precarite"}),
        )
        # 18 to 23: Bru-Stars and Brusano decide; "over 18" depends on the exact age.
        fits, _ = fitting({**adult, "age_band": "18_23"})
        self.assertEqual(fits, {"bru-stars", "dune-liaison", "brusano", "em107-precarite"})
        found = findings({**adult, "age_band": "18_23"}, PROGRAMMES)
        em107 = next(f for f in found.fits if f.name == "em107-precarite")
        self.assertIn("Over 18", em107.points)
        brusano = next(f for f in found.fits if f.name == "brusano")
        self.assertNotIn("Aged 18 or over", brusano.points)
        self.assertEqual(
            fitting({**adult, "age_band": "24_64"}),
            ({"dune-liaison", "brusano", "em107-precarite"}, {"bru-stars"}),
        )
        self.assertEqual(
            fitting({**adult, "age_band": "65_plus"}),
            ({"dune-liaison", "brusano", "em107-precarite"}, {"bru-stars"}),
        )

    def test_living_outside_brussels_with_a_network_there_keeps_bru_stars(self) -> None:
        answers = {**UNKNOWN, "age_band": "under_18", "brussels": "network_only"}
        fits, not_fitting = fitting(answers)
        self.assertIn("bru-stars", fits)
        self.assertIn("brusano", not_fitting)
        self.assertEqual(fitting({**answers, "brussels": "no"})[0], {"dune-liaison"})

    def test_a_present_network_rules_out_the_mobile_team(self) -> None:
        found = findings({**COMPLEX, "network": "present"}, PROGRAMMES)
        not_fitting = {f.name: f.points for f in found.does_not_fit}
        self.assertEqual(
            not_fitting,
            {"bru-stars": ["Aged 0 to 23"], "em107-precarite": ["Network exhausted or absent"]},
        )

    def test_request_facts_speak_the_facts_vocabulary(self) -> None:
        self.assertEqual(
            request_facts({**COMPLEX, "domains": ["substance_use"], "first_signs": ["crisis"]}),
            {
                "network_state": "exhausted",
                "psychiatric_history": "yes",
                "in_crisis": True,
                "substance_use": True,
            },
        )
        self.assertEqual(request_facts(UNKNOWN), {})
        # A network in conflict is not in the vocabulary: unknown, not a guess.
        self.assertEqual(
            request_facts({"network": "conflict", "brussels": "no"}), {"network_in_brussels": False}
        )
