"""The CAPP scheme shipped by the data migration, and the administration refusing
conditions it cannot check."""

import importlib
import json

from django.contrib.auth.models import Permission
from django.core.exceptions import ValidationError
from django.utils import timezone, translation

from maillage.casefile import actions as casefile_actions
from maillage.testing import MaillageTestCase, capp_scheme

from .. import funding
from ..admin import FundingSchemeForm
from ..models import Conference, FundingScheme

migration = importlib.import_module("maillage.conferences.migrations.0002_add_capp_scheme")


def rules_by_code(scheme: FundingScheme) -> dict[str, dict]:
    return {condition["code"]: condition for condition in scheme.rules}


class CappSchemeTests(MaillageTestCase):
    def test_it_is_shipped_with_its_names(self):
        capp = capp_scheme()
        self.assertEqual(
            capp.name_fr, "Concertation autour du patient psychiatrique (AR 27/03/2012)"
        )
        self.assertEqual(capp.name_nl, "Overleg rond de psychiatrische patiënt (KB 27/03/2012)")
        self.assertEqual(
            capp.name_en,
            "Concertation around the psychiatric patient (royal decree of 27 March 2012)",
        )
        self.assertIs(capp.active, True)

    def test_it_holds_the_conditions_of_the_royal_decree(self):
        rules = {code: c["rule"] for code, c in rules_by_code(capp_scheme()).items()}
        self.assertEqual(
            rules,
            {
                "agreement": {"type": "consent_recorded"},
                "three-professionals": {
                    "type": "min_professionals_present",
                    "min": 3,
                    "distinct_kinds": True,
                },
                "first-line-present": {
                    "type": "sector_present",
                    "sectors": ["first_line"],
                    "label": migration.FIRST_LINE_LABEL,
                },
                "mental-health-present": {
                    "type": "sector_present",
                    "sectors": ["mental_health"],
                    "label": migration.MENTAL_HEALTH_LABEL,
                },
                "gp-invited": {
                    "type": "invited",
                    "sectors": ["general_practice"],
                    "label": migration.GP_LABEL,
                },
                "reference-person": {"type": "reference_person_chosen", "at": "first"},
                "max-per-12-months": {
                    "type": "max_funded_per_12_months",
                    "adult": 3,
                    "minor": 5,
                    "minor_until_age": 18,
                },
                "follow-up-planned": {"type": "follow_up_planned_within", "months": 12},
            },
        )

    def test_the_follow_up_is_checked_after_the_meeting_the_rest_at_both_stages(self):
        conditions = rules_by_code(capp_scheme())
        self.assertEqual(conditions.pop("follow-up-planned")["when"], "after")
        self.assertEqual({c["when"] for c in conditions.values()}, {"both"})

    def test_its_conditions_pass_the_administration_check(self):
        funding.validate_rules(capp_scheme().rules)

    def test_every_condition_is_labelled_in_three_languages(self):
        for condition in capp_scheme().rules:
            for language in ("fr", "nl", "en"):
                self.assertTrue(condition[f"label_{language}"], (condition["code"], language))

    def test_reversing_removes_it_unless_conferences_use_it(self):
        from django.apps import apps

        migration.remove_capp_scheme(apps, None)
        self.assertFalse(FundingScheme.objects.filter(code="capp-2012").exists())
        migration.add_capp_scheme(apps, None)
        capp = capp_scheme()
        request = self.record(self.brusano, self.ines)
        casefile_actions.answer_request(
            request, by=self.ines, kind="accept", case_workers=[self.camille]
        )
        Conference.objects.create(
            case=request.case, starts_at=timezone.now(), organiser=self.camille, funding_scheme=capp
        )
        migration.remove_capp_scheme(apps, None)
        self.assertTrue(FundingScheme.objects.filter(code="capp-2012").exists())


def form(rules: object, code: str = "test-scheme") -> FundingSchemeForm:
    return FundingSchemeForm(
        data={
            "code": code,
            "name_fr": "Test",
            "name_nl": "Test",
            "name_en": "Test",
            "active": "on",
            "rules": json.dumps(rules),
        }
    )


def condition(rule: dict, **fields: object) -> dict:
    return {
        "code": "c1",
        "label_fr": "Condition",
        "label_nl": "Voorwaarde",
        "label_en": "Condition",
        "when": "both",
        "rule": rule,
        **fields,
    }


class AdminValidationTests(MaillageTestCase):
    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        # Administrators are given the model permissions of what they configure.
        cls.adam.user_permissions.set(
            Permission.objects.filter(content_type__model="fundingscheme")
        )

    def setUp(self) -> None:
        self.enterContext(translation.override("en"))

    def test_an_unknown_rule_type_is_refused_naming_it(self):
        rules_form = form([condition({"type": "moon_phase"})])
        self.assertIs(rules_form.is_valid(), False)
        self.assertIn(
            "[0].rule.type “moon_phase” is not a known rule", rules_form.errors["rules"][0]
        )

    def test_known_rules_are_accepted(self):
        capp = capp_scheme()
        self.assertIs(form(capp.rules).is_valid(), True)

    def test_malformed_parameters_are_refused(self):
        cases = {
            "[0].rule needs “min” for “min_professionals_present”.": {
                "type": "min_professionals_present"
            },
            "[0].rule.min must be a whole number from 1 to 100.": {
                "type": "min_professionals_present",
                "min": "three",
            },
            "[0].rule: unknown parameter “minimum” for “min_professionals_present”.": {
                "type": "min_professionals_present",
                "min": 3,
                "minimum": 3,
            },
            "[0].rule.at must be “first”.": {"type": "reference_person_chosen", "at": "last"},
        }
        for message, rule in cases.items():
            with self.subTest(message):
                rules_form = form([condition(rule)])
                self.assertIs(rules_form.is_valid(), False)
                self.assertIn(message, rules_form.errors["rules"])

    def test_unknown_sectors_and_stages_and_duplicate_codes_are_refused(self):
        with self.assertRaises(ValidationError) as raised:
            funding.validate_rules(
                [
                    condition({"type": "sector_present", "sectors": ["astrology"]}, when="during"),
                    condition({"type": "consent_recorded"}),
                ]
            )
        messages = raised.exception.messages
        self.assertIn("[0].when must be one of: before, after, both.", messages)
        self.assertTrue(
            any(m.startswith("[0].rule.sectors must be a non-empty list") for m in messages)
        )
        self.assertIn("[1].code “c1” is used twice.", messages)

    def test_conditions_must_be_a_list_of_objects(self):
        self.assertIs(form({"type": "consent_recorded"}).is_valid(), False)
        self.assertIn("[0] must be an object.", form(["consent"]).errors["rules"])

    def test_the_administration_page_refuses_an_unknown_rule_and_saves_a_good_one(self):
        client = self.login(self.adam)
        data = {
            "code": "brussels-test",
            "name_fr": "Test",
            "name_nl": "Test",
            "name_en": "Test",
            "active": "on",
            "rules": json.dumps([condition({"type": "moon_phase"})]),
        }
        response = client.post("/admin/conferences/fundingscheme/add/", data)
        self.assertEqual(response.status_code, 200)
        self.assertContains(response, "moon_phase")
        self.assertFalse(FundingScheme.objects.filter(code="brussels-test").exists())
        data["rules"] = json.dumps([condition({"type": "consent_recorded"})])
        response = client.post("/admin/conferences/fundingscheme/add/", data)
        self.assertEqual(response.status_code, 302)
        self.assertTrue(FundingScheme.objects.filter(code="brussels-test").exists())

    def test_the_administration_lists_the_schemes(self):
        response = self.login(self.adam).get("/admin/conferences/fundingscheme/")
        self.assertContains(response, "capp-2012")
