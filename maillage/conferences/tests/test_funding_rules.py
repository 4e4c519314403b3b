"""Each funding rule, met and not met, with its explanation (in English)."""

from datetime import date, timedelta

from django.test import override_settings
from django.utils import translation

from maillage.consent.models import Consent
from maillage.testing import make_person

from .. import funding
from ..models import Conference, FundingScheme, Invitation
from .test_funding_base import MEETING, FundingTestCase


def scheme(code: str, *rules: dict) -> FundingScheme:
    return FundingScheme.objects.create(
        code=code,
        name_fr=code,
        name_nl=code,
        name_en=code,
        rules=[
            {
                "code": f"rule-{index}",
                "label_fr": "Condition",
                "label_nl": "Voorwaarde",
                "label_en": "Condition",
                "when": "both",
                "rule": rule,
            }
            for index, rule in enumerate(rules)
        ],
    )


class RuleTestCase(FundingTestCase):
    def setUp(self) -> None:
        self.enterContext(translation.override("en"))

    def finding(self, conference: Conference, code: str, stage: str = "after") -> funding.Finding:
        return next(f for f in funding.check(conference, stage=stage) if f.code == code)


class CappExampleTests(RuleTestCase):
    def test_a_conference_meeting_every_condition_is_funded(self):
        conference, _actors = self.funded_conference()
        self.assertEqual([f for f in funding.check(conference, stage="after") if not f.met], [])
        self.assertIs(funding.conditions_met(conference), True)

    def test_a_conference_without_a_mental_health_professional_present_is_flagged(self):
        conference, actors = self.funded_conference()
        conference.invitations.filter(
            actor__in=[actors["psychiatrist"], actors["psychologist"]]
        ).update(attendance=Invitation.Attendance.EXCUSED)
        finding = self.finding(conference, "mental-health-present")
        self.assertIs(finding.met, False)
        self.assertEqual(finding.explanation, "No mental-health professional was present.")
        self.assertEqual(finding.label, "At least one mental-health professional present")
        self.assertIs(funding.conditions_met(conference), False)

    def test_a_fourth_funded_adult_conference_in_twelve_months_is_flagged(self):
        for months_ago in (11, 7, 3):
            self.conference(MEETING - timedelta(days=30 * months_ago))
        conference = self.conference()
        finding = self.finding(conference, "max-per-12-months")
        self.assertIs(finding.met, False)
        self.assertEqual(
            finding.explanation,
            "4 funded conferences in the 12 months up to this one (this one included); "
            "at most 3 for an adult.",
        )

    def test_the_third_adult_conference_is_fine(self):
        self.conference(MEETING - timedelta(days=200))
        self.conference(MEETING - timedelta(days=100))
        self.assertIs(self.finding(self.conference(), "max-per-12-months").met, True)

    def test_conferences_older_than_twelve_months_cancelled_or_unfunded_do_not_count(self):
        self.conference(MEETING - timedelta(days=370))
        self.conference(MEETING - timedelta(days=200), status=Conference.Status.CANCELLED)
        self.conference(MEETING - timedelta(days=150), scheme=scheme("other"))
        self.conference(MEETING - timedelta(days=100))
        self.conference(MEETING - timedelta(days=50), status=Conference.Status.PLANNED)
        finding = self.finding(self.conference(), "max-per-12-months")
        self.assertIs(finding.met, True)
        self.assertTrue(finding.explanation.startswith("3 funded conferences"))

    def test_a_minor_may_have_five_but_not_six(self):
        child = self.open_case(self.brusano, make_person(birth_date=date(2012, 6, 1)))
        for days_before in (60, 120, 180):
            self.conference(MEETING - timedelta(days=days_before), case=child)
        conference = self.conference(case=child)
        self.assertIs(self.finding(conference, "max-per-12-months").met, True)  # the fourth
        self.conference(MEETING - timedelta(days=240), case=child)
        self.assertIs(self.finding(conference, "max-per-12-months").met, True)  # the fifth
        self.conference(MEETING - timedelta(days=300), case=child)
        sixth = self.finding(conference, "max-per-12-months")
        self.assertIs(sixth.met, False)
        self.assertEqual(
            sixth.explanation,
            "6 funded conferences in the 12 months up to this one (this one included); "
            "at most 5 for a child or adolescent (under 18).",
        )

    def test_the_age_is_taken_on_the_day_of_the_conference(self):
        # 18 on 1 March 2025: an adult at the meeting of 3 March.
        young = self.open_case(self.brusano, make_person(birth_date=date(2007, 3, 1)))
        for n in (1, 2, 3):
            self.conference(MEETING - timedelta(days=60 * n), case=young)
        self.assertIs(self.finding(self.conference(case=young), "max-per-12-months").met, False)

    def test_an_unknown_birth_date_gets_the_adult_limit_and_says_so(self):
        unknown = self.open_case(self.brusano, make_person(birth_date=None))
        finding = self.finding(self.conference(case=unknown), "max-per-12-months")
        self.assertIn("an adult (the birth date is unknown)", finding.explanation)


class ConsentTests(RuleTestCase):
    def test_no_consent_is_not_met(self):
        finding = self.finding(self.conference(), "agreement")
        self.assertIs(finding.met, False)
        self.assertEqual(finding.explanation, "No consent of the person is recorded.")

    def test_a_refused_consent_is_not_met(self):
        self.consent(Consent.Status.REFUSED)
        finding = self.finding(self.conference(), "agreement")
        self.assertIs(finding.met, False)
        self.assertIn("does not allow sharing", finding.explanation)

    def test_a_given_consent_is_met(self):
        self.consent()
        finding = self.finding(self.conference(), "agreement")
        self.assertIs(finding.met, True)
        self.assertIn("allows sharing", finding.explanation)

    def test_the_consent_counts_as_it_was_at_the_meeting(self):
        self.consent()
        self.consent(Consent.Status.WITHDRAWN, at=MEETING + timedelta(days=10))
        self.assertIs(self.finding(self.conference(), "agreement").met, True)
        later = self.conference(MEETING + timedelta(days=15))
        self.assertIs(self.finding(later, "agreement").met, False)

    def test_a_consent_recorded_during_the_meeting_counts(self):
        self.consent(at=MEETING + timedelta(minutes=30))
        self.assertIs(self.finding(self.conference(), "agreement").met, True)


class ProfessionalsTests(RuleTestCase):
    def test_two_kinds_present_are_not_enough(self):
        conference = self.conference()
        actors = self.network()
        self.invite(conference, actors["gp"])
        self.invite(conference, actors["psychiatrist"])
        self.invite(conference, actors["nurse"], attendance=Invitation.Attendance.ABSENT)
        finding = self.finding(conference, "three-professionals")
        self.assertIs(finding.met, False)
        self.assertEqual(
            finding.explanation,
            "2 professionals of different kinds were present; at least 3 are required.",
        )

    def test_the_same_profession_twice_is_one_kind(self):
        conference = self.conference()
        actors = self.network()
        self.invite(conference, actors["gp"])
        self.invite(conference, actors["psychiatrist"])
        other = self.professional("Dr Claes", "hospital", " Psychiatre ")
        self.invite(conference, other)
        self.assertIs(self.finding(conference, "three-professionals").met, False)

    def test_without_a_profession_the_sector_is_the_kind(self):
        conference = self.conference()
        for name, sector in (("A", "social"), ("B", "housing"), ("C", "social")):
            self.invite(conference, self.professional(name, sector))
        self.assertIs(self.finding(conference, "three-professionals").met, False)
        self.invite(conference, self.professional("D", "justice"))
        self.assertIs(self.finding(conference, "three-professionals").met, True)

    def test_the_person_carers_and_case_workers_are_not_counted(self):
        conference = self.conference()
        for actor in self.case.actors.all():  # the person and the two case workers
            self.invite(conference, actor)
        finding = self.finding(conference, "three-professionals")
        self.assertIs(finding.met, False)
        self.assertTrue(finding.explanation.startswith("0 professionals"))

    def test_before_the_meeting_those_invited_who_did_not_decline_are_expected(self):
        conference = self.conference(status=Conference.Status.PLANNED)
        actors = self.network()
        for key in ("gp", "nurse", "psychiatrist"):
            self.invite(conference, actors[key], attendance="")
        finding = self.finding(conference, "three-professionals", stage="before")
        self.assertIs(finding.met, True)
        self.assertEqual(
            finding.explanation,
            "3 professionals of different kinds are expected (invited, not declined); "
            "at least 3 are required.",
        )
        conference.invitations.filter(actor=actors["nurse"]).update(answer=Invitation.Answer.NO)
        self.assertIs(self.finding(conference, "three-professionals", stage="before").met, False)

    def test_without_distinct_kinds_every_professional_counts(self):
        conference = self.conference(
            scheme=scheme("plain", {"type": "min_professionals_present", "min": 2})
        )
        for name in ("A", "B"):
            self.invite(conference, self.professional(name, "social", "assistant social"))
        finding = self.finding(conference, "rule-0")
        self.assertIs(finding.met, True)
        self.assertEqual(
            finding.explanation, "2 professionals were present; at least 2 are required."
        )


class SectorTests(RuleTestCase):
    def test_first_line_means_general_practice_home_care_or_social_services(self):
        conference = self.conference()
        self.invite(conference, self.professional("CPAS", "social", "assistant social"))
        finding = self.finding(conference, "first-line-present")
        self.assertIs(finding.met, True)
        self.assertEqual(
            finding.explanation, "At least one first-line professional was present (1)."
        )

    def test_a_hospital_professional_is_not_first_line(self):
        conference = self.conference()
        self.invite(conference, self.professional("Dr H", "hospital", "interniste"))
        finding = self.finding(conference, "first-line-present")
        self.assertIs(finding.met, False)
        self.assertEqual(finding.explanation, "No first-line professional was present.")

    def test_before_the_meeting_an_invited_mental_health_professional_is_expected(self):
        conference = self.conference(status=Conference.Status.PLANNED)
        self.assertIs(self.finding(conference, "mental-health-present", "before").met, False)
        self.invite(conference, self.network()["psychiatrist"], attendance="")
        finding = self.finding(conference, "mental-health-present", "before")
        self.assertIs(finding.met, True)
        self.assertEqual(
            finding.explanation,
            "At least one mental-health professional is expected (1 invited, not declined).",
        )

    def test_without_a_label_the_sectors_are_named(self):
        conference = self.conference(
            scheme=scheme("sectors", {"type": "sector_present", "sectors": ["housing"]})
        )
        self.assertEqual(
            self.finding(conference, "rule-0").explanation,
            "No professional of housing was present.",
        )


class InvitedTests(RuleTestCase):
    def test_the_gp_invited_suffices_even_absent(self):
        conference = self.conference()
        self.invite(conference, self.network()["gp"], attendance=Invitation.Attendance.EXCUSED)
        finding = self.finding(conference, "gp-invited")
        self.assertIs(finding.met, True)
        self.assertEqual(
            finding.explanation,
            "At least one general practitioner is invited (1); presence is not required.",
        )

    def test_no_gp_invited_is_flagged(self):
        conference = self.conference()
        self.network()  # in the network, not invited
        finding = self.finding(conference, "gp-invited", "before")
        self.assertIs(finding.met, False)
        self.assertEqual(
            finding.explanation,
            "No general practitioner is invited: invite them, even if they cannot come "
            "(presence is not required).",
        )


class ReferencePersonTests(RuleTestCase):
    def test_the_first_conference_must_record_the_choice(self):
        first = self.conference(MEETING - timedelta(days=90))
        later = self.conference()
        finding = self.finding(later, "reference-person")
        self.assertIs(finding.met, False)
        self.assertEqual(
            finding.explanation,
            "No reference person was recorded at the first conference (Dec. 3, 2024).",
        )
        first.reference_person = self.network()["nurse"]
        first.save()
        finding = self.finding(later, "reference-person")
        self.assertIs(finding.met, True)
        self.assertEqual(
            finding.explanation,
            "The person chose Inès Haddad as reference person at the first conference "
            "(Dec. 3, 2024).",
        )

    def test_a_choice_recorded_only_later_does_not_count(self):
        self.conference(MEETING - timedelta(days=90))
        later = self.conference(reference_person=self.network()["gp"])
        self.assertIs(self.finding(later, "reference-person").met, False)

    def test_a_cancelled_first_conference_is_not_the_first(self):
        self.conference(MEETING - timedelta(days=90), status=Conference.Status.CANCELLED)
        conference = self.conference()
        finding = self.finding(conference, "reference-person", "before")
        self.assertIs(finding.met, False)
        self.assertEqual(
            finding.explanation,
            "No reference person is recorded yet: the person chooses one at this first conference.",
        )


class FollowUpTests(RuleTestCase):
    def test_it_is_checked_after_the_meeting_only(self):
        conference = self.conference()
        codes = [f.code for f in funding.check(conference, stage="before")]
        self.assertNotIn("follow-up-planned", codes)
        self.assertIn(
            "follow-up-planned", [f.code for f in funding.check(conference, stage="after")]
        )

    def test_no_follow_up_is_flagged(self):
        finding = self.finding(self.conference(), "follow-up-planned")
        self.assertIs(finding.met, False)
        self.assertEqual(
            finding.explanation, "No follow-up conference is planned within 12 months of this one."
        )

    def test_a_next_conference_beyond_twelve_months_is_flagged(self):
        conference = self.conference(
            next_conference=self.conference(
                MEETING + timedelta(days=400), status=Conference.Status.PLANNED
            )
        )
        finding = self.finding(conference, "follow-up-planned")
        self.assertIs(finding.met, False)
        self.assertEqual(
            finding.explanation,
            "The next conference (April 7, 2026) is more than 12 months after this one.",
        )

    def test_another_planned_conference_of_the_case_counts(self):
        conference = self.conference()
        self.conference(MEETING + timedelta(days=90), status=Conference.Status.PLANNED)
        finding = self.finding(conference, "follow-up-planned")
        self.assertIs(finding.met, True)
        self.assertEqual(
            finding.explanation,
            "A follow-up conference is planned on June 1, 2025, within 12 months.",
        )

    def test_a_cancelled_next_conference_does_not_count(self):
        conference = self.conference(
            next_conference=self.conference(
                MEETING + timedelta(days=90), status=Conference.Status.CANCELLED
            )
        )
        self.assertIs(self.finding(conference, "follow-up-planned").met, False)


class EvaluationTests(RuleTestCase):
    def test_a_conference_under_no_scheme_has_no_conditions(self):
        conference = Conference.objects.create(
            case=self.case, starts_at=MEETING, organiser=self.camille
        )
        self.assertEqual(funding.check(conference, stage="before"), [])
        self.assertIsNone(funding.conditions_met(conference))

    def test_an_unknown_rule_in_the_data_is_reported_not_raised(self):
        conference = self.conference(scheme=scheme("broken", {"type": "moon_phase"}))
        finding = self.finding(conference, "rule-0")
        self.assertIs(finding.met, False)
        self.assertEqual(
            finding.explanation, "This condition cannot be checked: its rule is not known."
        )

    def test_an_unknown_stage_is_a_programming_error(self):
        with self.assertRaises(ValueError):
            funding.check(self.conference(), stage="during")

    def test_labels_follow_the_active_language(self):
        conference = self.conference()
        with translation.override("nl"):
            labels = [f.label for f in funding.check(conference, stage="after")]
        self.assertIn("Huisarts uitgenodigd (aanwezigheid niet vereist)", labels)
        self.assertEqual(funding.scheme_name(self.capp), self.capp.name_en)

    @override_settings(LANGUAGE_CODE="fr")
    def test_twelve_months_after_29_february_is_28_february(self):
        moment = MEETING.replace(year=2024, month=2, day=29)
        self.assertEqual(funding._add_months(moment, 12).date(), date(2025, 2, 28))
        self.assertEqual(funding._add_months(moment, -12).date(), date(2023, 2, 28))
